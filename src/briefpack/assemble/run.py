"""Run a build: validate, plan jobs, skip what is up to date, make the rest (in parallel), then write.

Safety rules, in order of importance:
- Nothing is written until every job has succeeded: a failed build (bad data, a text no font
  covers, a card that cannot fit) leaves the previous pack exactly as it was.
- Each file is written to a temporary name and renamed into place; a kill mid-write leaves whole
  files only, and the next build removes stray temporaries.
- One build at a time per output folder (a lock file), with a clear message for the second.
- The cache index is written last, so after a crash it can only be older than the files, which
  costs a rebuild, never a wrong skip.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import json
import multiprocessing
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefpack import __version__
from briefpack.assemble.atomic import remove_stale_temporaries, write_all, write_atomic
from briefpack.assemble.cache import INDEX_LIMIT, BuildCache, file_digest
from briefpack.assemble.context import BuildOptions, Workshop
from briefpack.assemble.jobs import Job
from briefpack.assemble.lock import output_lock, release_in_worker
from briefpack.assemble.products import PRODUCTS, Product
from briefpack.errors import Location, Problem, UserError, display_path
from briefpack.layout.load import LAYOUTS_DIR, project_layouts
from briefpack.load.folder import data_files
from briefpack.load.sheets import MAX_SHEET_BYTES, sheet_files
from briefpack.load.yaml_source import SourceMap
from briefpack.model.event import EventData
from briefpack.model.validate import LoadedEvent, inspect_event
from briefpack.untrusted import output_root, read_bytes, real_folder

STATE_DIR = ".briefpack"


@dataclass
class JobResult:
    job: Job
    files: list[bytes] | None = None  # None: skipped, up to date
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0
    findings: dict[str, list[str]] = field(default_factory=dict)  # preflight: output name -> findings
    preflight_seconds: float = 0.0  # of `seconds`


@dataclass
class BuildResult:
    folder: Path
    results: list[JobResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def built(self) -> list[JobResult]:
        return [r for r in self.results if r.files is not None]

    @property
    def skipped(self) -> list[JobResult]:
        return [r for r in self.results if r.files is None and not r.problems]

    def status(self) -> str:
        return (
            f"{len(self.built)} built, {len(self.skipped)} up to date, 0 failed: "
            f"{display_path(self.folder)} ({self.seconds:.2f} s)"
        )

    def summary_lines(self) -> list[str]:
        lines = [f"{'job':<34} {'status':<10} files"]
        for result in self.results:
            status = "built" if result.files is not None else "up to date"
            lines.append(f"{result.job.name:<34} {status:<10} {', '.join(result.job.paths)}")
        lines.append(self.status())
        lines += [f"note: {note}" for note in self.notes]
        working = sum(r.seconds for r in self.built)
        if working:
            checking = sum(r.preflight_seconds for r in self.built)
            lines.append(f"preflight: {checking:.2f} s of {working:.2f} s of job time ({checking / working:.1%})")
        lines += [
            f"preflight warning: {name}: {finding}"
            for result in self.built
            for name, found in result.findings.items()
            for finding in found
        ]
        return lines


Progress = Callable[[int, int, JobResult], None]


def run_build(
    data_dir: Path, out_dir: Path, options: BuildOptions | None = None, progress: Progress | None = None
) -> BuildResult:
    started = time.perf_counter()
    options = options or BuildOptions()
    products = _products(options)
    loaded, shop = checked_event(data_dir, options, products)
    options = shop.options  # with the layouts the event names
    jobs = [job for product in products for job in product.plan(loaded.data, options)]
    folder = out_dir / _safe_folder(loaded.data.event.id)
    output_root(out_dir)
    real_folder(folder / STATE_DIR, out_dir)
    with output_lock(folder / STATE_DIR / "lock", out_dir):
        remove_stale_temporaries(folder)
        cache = BuildCache(folder / STATE_DIR / "cache.json", folder)
        keys = {job: cache.key(job, shop) for job in jobs}
        todo = [job for job in jobs if options.force or not cache.is_fresh(job, keys[job], options.preflight)]
        fresh = [JobResult(job) for job in jobs if job not in todo]
        made = list(_run(todo, options, shop, progress, len(fresh)))
        problems = [p for r in made for p in r.problems]
        if problems:
            raise UserError(problems)
        files = [(folder / p, data) for r in made for p, data in zip(r.job.paths, r.files or [], strict=True)]
        for path, _ in files:
            real_folder(path.parent, out_dir)
        try:
            write_all(files)
            for result in made:
                cache.record(result.job, keys[result.job], result.files or [], result.findings)
            results = sorted(fresh + made, key=lambda r: jobs.index(r.job))
            rebuilt = {result.job for result in made}
            write_atomic(folder / "manifest.json", _manifest(loaded, folder, jobs, rebuilt, cache))
            cache.save()
        except OSError as err:
            raise UserError(
                Problem(
                    f"cannot write the pack: {err.strerror or err}",
                    Location(display_path(Path(err.filename))) if err.filename else None,
                    hint="free disk space or fix the folder's permissions; no output was changed",
                )
            ) from None
    result = BuildResult(folder, results, _notes(loaded, options, shop))
    result.seconds = time.perf_counter() - started
    return result


def _products(options: BuildOptions) -> list[Product]:
    unknown = options.only - set(PRODUCTS)
    if unknown:
        raise UserError(
            Problem(f"no product named {', '.join(sorted(unknown))}", hint="products: " + ", ".join(PRODUCTS))
        )
    return [p for name, p in PRODUCTS.items() if options.wants(name)]


def checked_event(
    data_dir: Path, options: BuildOptions, products: list[Product] | None = None
) -> tuple[LoadedEvent, Workshop]:
    """The event, after every check a build makes before rendering, all problems reported together:
    fields, references, times, the layouts the event names, and characters no font of the products'
    layouts covers; and the workshop that builds it, with those layouts. `briefpack check` runs
    exactly this, so a `check` that passes predicts a build that starts."""
    found = inspect_event(data_dir)
    if found.data is None:
        raise UserError(found.problems)
    named, problems = _event_layouts(found.data, found.source, data_dir)
    shop = Workshop(replace(options, event_layouts=named))
    try:
        layouts = _layouts(shop, products or _products(options))
    except UserError as err:
        problems += err.problems
    else:
        problems += shop.font_problems(found.data, found.source, layouts)
    if found.problems or problems:
        raise UserError([*found.problems, *problems])
    return LoadedEvent(found.data, found.source, data_dir), shop


def _event_layouts(
    data: EventData, source: SourceMap, data_dir: Path
) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    """The event's `layouts:` as (product, layout) pairs: a layout name as it stands, a folder made
    absolute inside the event folder (a folder outside it is refused: data never reaches past its
    own folder)."""
    named: list[tuple[str, str]] = []
    problems: list[Problem] = []
    top = data_dir.resolve()
    for product, value in data.event.layouts.items():
        where = source.value(("event", "layouts", product))
        if product not in PRODUCTS:
            problems.append(Problem(f"no product named `{product}`", where, hint="products: " + ", ".join(PRODUCTS)))
            continue
        if "/" not in value and "\\" not in value:
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
                problems.append(
                    Problem(
                        f"`{value}` is not a layout name",
                        where,
                        hint="name a layout (lowercase letters, digits, hyphens: `booklet-a5`) or a folder "
                        "inside the event folder (`layouts/our-booklet`)",
                    )
                )
                continue
            # A name is looked up among the project's layouts/ and the shipped ones only, never as a
            # folder of the working directory.
            known = [
                folder / value
                for folder in (project_layouts(), LAYOUTS_DIR)
                if (folder / value / "layout.yaml").is_file()
            ]
            named.append((product, str(known[0]) if known else value))
            continue
        folder = (top / value).resolve()
        if not folder.is_relative_to(top):
            problems.append(
                Problem(
                    f"layout folder `{value}` is outside the event folder",
                    where,
                    hint="keep the layout inside the event folder, or name a layout of the project's layouts/ folder",
                )
            )
            continue
        named.append((product, str(folder)))
    return tuple(named), problems


def _layouts(shop: Workshop, products: list) -> list:
    seen = {}
    for product in products:
        layout = shop.layout_for(product.name, product.layout)
        seen.setdefault(layout.name, layout)
    return list(seen.values())


def _safe_folder(event_id: str) -> str:
    """The event id is a validated slug already; refuse anything else rather than trust it."""
    if not event_id or "/" in event_id or "\\" in event_id or event_id.startswith("."):
        raise UserError(Problem(f"event id `{event_id}` cannot name a folder", hint="use a slug like `my-forum`"))
    return event_id


def _run(
    todo: list[Job], options: BuildOptions, shop: Workshop, progress: Progress | None, done: int
) -> Iterator[JobResult]:
    total = len(todo) + done
    workers = min(options.workers, len(todo))
    pool = None
    try:
        if workers <= 1:
            results: Iterator[JobResult] = (_make(job, shop) for job in todo)
        else:
            context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options,))
            results = pool.map(_make_in_worker, todo)  # submits every job: the pool may break right here
        for i, result in enumerate(results, start=done + 1):
            if progress:
                progress(i, total, result)
            yield result
    except BrokenProcessPool:
        raise UserError(
            Problem(
                "a worker process died while building (the system may have run out of memory)",
                hint="nothing was written; build again with fewer workers (-j 1), or with --only one product",
            )
        ) from None
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


_worker_shop: Workshop | None = None


def _start_worker(options: BuildOptions) -> None:
    """A worker holds nothing of its parent's (the lock) and dies with it: killed with `kill PID`, a
    closed terminal or a CI timeout, the parent leaves no worker behind to block the next build."""
    global _worker_shop
    # First, so a pool shutting down (SIGTERM) ends the worker quietly instead of raising the parent's
    # `Terminated` inside the initializer; Ctrl-C reaches the whole group and the parent answers it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    release_in_worker()
    _die_with_parent()
    _worker_shop = Workshop(options)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the call: nobody will send the signal
        os._exit(1)


def _make_in_worker(job: Job) -> JobResult:
    assert _worker_shop is not None
    return _make(job, _worker_shop)


def _make(job: Job, shop: Workshop) -> JobResult:
    started = time.perf_counter()
    shop.take_findings()
    try:
        files = PRODUCTS[job.product].make(job, shop)
    except UserError as err:
        return JobResult(job, None, err.problems, time.perf_counter() - started)
    assert len(files) == len(job.paths), job
    findings, checking = shop.take_findings()
    if any(findings.values()) and shop.options.preflight == "fail":
        problems = tuple(_preflight_problem(name, found) for name, found in findings.items() if found)
        return JobResult(job, None, problems, time.perf_counter() - started)
    return JobResult(job, files, (), time.perf_counter() - started, findings, checking)


#: Findings listed per file in a failed build; the rest are counted (the first ones show the defect).
SHOWN_FINDINGS = 12


def _preflight_problem(name: str, findings: list[str]) -> Problem:
    shown = "".join(f"\n    {finding}" for finding in findings[:SHOWN_FINDINGS])
    more = f"\n    ... and {len(findings) - SHOWN_FINDINGS} more" if len(findings) > SHOWN_FINDINGS else ""
    count = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
    return Problem(
        f"preflight of {name}: {count}, so it was not written:{shown}{more}",
        hint="this is a layout defect, not your data's fault unless a text is extreme: report it; "
        "`--preflight warn` writes the file anyway, as a draft",
    )


def _notes(loaded: LoadedEvent, options: BuildOptions, shop: Workshop) -> list[str]:
    from briefpack.assemble.notes import card_notes, packet_notes
    from briefpack.assemble.products import PRODUCTS
    from briefpack.compose.cards import card_people
    from briefpack.document.styles import style_sheet

    data = loaded.data
    notes = []
    if options.wants("packets"):
        notes += [str(note) for dele in data.delegations for note in packet_notes(data, dele.id)]
    if options.wants("cards") and "pdf" in options.formats:
        layout = shop.layout_for("cards", PRODUCTS["cards"].layout)
        people = card_people(data, options.cards)
        notes += card_notes(people, data, style_sheet(layout).card("card"))
    return notes


def _pages(path: str, data: bytes) -> int | None:
    if not path.endswith(".pdf"):
        return None
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _manifest(loaded: LoadedEvent, folder: Path, jobs: list[Job], rebuilt: set[Job], cache: BuildCache) -> bytes:
    """Every output with its size, pages, digest, inputs and preflight result. Entries of outputs this
    build did not rebuild (up to date, or not planned by a `--only` build) are kept from the previous
    manifest while their files still hold the recorded bytes (sha256); the others are read afresh."""
    inputs = cache.inputs
    outputs: dict[str, dict[str, object]] = {}
    try:
        previous = json.loads(read_bytes(folder / "manifest.json", limit=INDEX_LIMIT, what="manifest", inside=folder))
        for entry in previous.get("outputs", []):
            if file_digest(folder / entry["path"]) == entry["sha256"]:
                outputs[entry["path"]] = entry
    except (UserError, ValueError, KeyError, TypeError, AttributeError):
        outputs = {}
    for job in jobs:
        for path in job.paths:
            if job not in rebuilt and outputs.get(path, {}).get("inputs") == inputs[job]:
                continue
            data = (folder / path).read_bytes()
            outputs[path] = {
                "path": path,
                "job": job.name,
                "bytes": len(data),
                "pages": _pages(path, data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "inputs": inputs[job],
                "preflight": cache.preflight(job, path),
            }
    # The YAML files were each read (and checked) when the event was loaded; spreadsheets are read again
    # here with the same checks, since a stray .csv beside the data need not be one the event reads.
    sources = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_files(loaded.folder)}
    for sheet in sheet_files(loaded.folder):
        data = read_bytes(sheet, limit=MAX_SHEET_BYTES, what="spreadsheet", inside=loaded.folder, kind="spreadsheets")
        sources[sheet.name] = hashlib.sha256(data).hexdigest()
    manifest = {
        "briefpack": __version__,
        "event": loaded.data.event.id,
        "inputs": dict(sorted(sources.items())),
        "outputs": [outputs[path] for path in sorted(outputs)],
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
