"""The incremental-build cache: skip a job when nothing it reads has changed since it was made.

A job's key digests everything its files are a function of: the package version, the job itself,
its data slice (see `jobs.py`), the resolved layout, the font files (their content
digests) and the reference .docx. The index lives in the output folder and is written after the
outputs, so a crash can only make it stale (a rebuild), never wrong (a bad skip); it records each
output's sha256, and an output whose bytes on disk differ (an interrupted build, a hand edit) is
rebuilt. The index is read as untrusted: anything unexpected in it means "not up to date".
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from briefpack import __version__
from briefpack.assemble.atomic import write_atomic
from briefpack.assemble.context import Workshop
from briefpack.assemble.jobs import Job, SliceDigests, digest
from briefpack.errors import UserError
from briefpack.fonts.instancing import file_digest as font_digest
from briefpack.timestamps import build_time
from briefpack.untrusted import read_bytes

INDEX_LIMIT = 64 << 20  # bytes; an index of 60 delegations is about 100 KB


def _reference(path: Path) -> bytes:
    from briefpack.render.docx.package import REFERENCE_LIMIT

    return read_bytes(path, limit=REFERENCE_LIMIT, what="the reference document")


def file_digest(path: Path) -> str | None:
    """The sha256 of an output as it is on disk now, or None when it is missing or not a plain file.

    Outputs are checked by content, not size: a build killed after renaming one file and before saving
    the index, then the data edit undone, left a file of the right size and the wrong content that
    every later build called up to date."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class BuildCache:
    def __init__(self, index: Path, folder: Path):
        self.index_path = index
        self.folder = folder
        try:
            loaded = json.loads(read_bytes(index, limit=INDEX_LIMIT, what="the build cache index", inside=folder))
        except (UserError, ValueError):
            loaded = {}
        self.index: dict[str, Any] = {
            name: entry
            for name, entry in (loaded.items() if isinstance(loaded, dict) else ())
            if isinstance(entry, dict)
            and isinstance(entry.get("sha256"), dict)
            and isinstance(entry.get("findings", {}), dict)
        }
        self.inputs: dict[Job, dict[str, str]] = {}
        self._slices = SliceDigests()

    def key(self, job: Job, shop: Workshop) -> str:
        from briefpack.assemble.products import PRODUCTS

        layout = shop.layout_for(job.product, PRODUCTS[job.product].layout)
        # By content, not path or time: the manifest is the same on every machine with the same fonts.
        # The source files, not the static instances: those are made only when a document draws them.
        faces = [
            (family, weight, font_digest(Path(path)), subfont)
            for family, weight, path, subfont in shop.fonts(layout).identity()
        ]
        reference = shop.options.reference_docx
        inputs = {
            "briefpack": __version__,
            "data": self._slices.of(job.data) if job.data is not None else "",
            "layout": f"{layout.name}:{layout.fingerprint}",
            "fonts": digest(faces),
            "reference_docx": hashlib.sha256(_reference(reference)).hexdigest() if reference else "",
            "embed_fonts": str(shop.options.embed_fonts),
            "time": build_time().isoformat(),  # SOURCE_DATE_EPOCH: every output carries it
        }
        self.inputs[job] = inputs
        return digest(job.name, job.paths, inputs)

    def is_fresh(self, job: Job, key: str, preflight: str = "fail") -> bool:
        """Up to date: same key, files in place; and, unless drafts are allowed, no preflight finding
        recorded (a file written under `--preflight warn` is rebuilt, and fails, without it)."""
        entry = self.index.get(job.name)
        if not entry or entry.get("key") != key:
            return False
        if preflight == "fail" and any(entry.get("findings", {}).values()):
            return False
        recorded = entry.get("sha256", {})
        return set(recorded) == set(job.paths) and all(
            file_digest(self.folder / path) == digest for path, digest in recorded.items()
        )

    def record(self, job: Job, key: str, files: list[bytes], findings: dict[str, list[str]]) -> None:
        digests = {p: hashlib.sha256(f).hexdigest() for p, f in zip(job.paths, files, strict=True)}
        self.index[job.name] = {"key": key, "sha256": digests, "findings": findings}

    def preflight(self, job: Job, path: str) -> dict[str, object]:
        """The manifest's preflight entry of output `path`: which checks ran, and what they found
        (in the file itself, or in a PDF inside it, such as a packet zip's cards)."""
        findings = self.index.get(job.name, {}).get("findings", {})
        mine = {name: items for name, items in sorted(findings.items()) if name == path or name.startswith(path + "/")}
        found = [
            finding if name == path else f"{name[len(path) + 1 :]}: {finding}"
            for name, items in mine.items()
            for finding in items
        ]
        return {"checked": sorted(mine), "passed": bool(mine) and not found, "findings": found}

    def save(self) -> None:
        write_atomic(self.index_path, (json.dumps(self.index, indent=1, sort_keys=True) + "\n").encode("utf-8"))
