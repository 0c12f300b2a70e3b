#!/usr/bin/env python3
"""The build benchmark: how fast and how lean `briefpack build` is at growing event sizes.

    .venv/bin/python bench/bench.py            # all sizes; writes bench/results/bench.json
    .venv/bin/python bench/bench.py --quick    # the sample only

Per size it reports: cold full-build wall time (a fresh process, as an organiser runs it; the
machine's font cache is warm), per-output cost, peak memory of the largest process, the rebuild
time after two kinds of edit to one delegation (its brief's summary, shown in its packet only;
its brief's title, shown in the programme too), the throughput of packets alone, the speed-up of
two workers over one, and the cost per extra participant between sizes. With
WeasyPrint installed (`pip install weasyprint`, a development-only comparison) it also times the
booklet's content rendered through HTML-to-PDF, cold process included.

The preflight's share of job time is read from the build's own summary (issue 11: under 10%).

Goals (issue 7): sample pack < 1.5 s cold; >= 100 four-page packets/s on 2 cores; 60 delegations /
5,000 participants < 60 s and < 300 MB per process; incremental < 20% of full; 2 jobs >= 1.8x.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import SAMPLE, write_event

ROOT = Path(__file__).resolve().parents[1]
BRIEFPACK = [sys.executable, "-m", "briefpack"]
SIZES = {"sample": None, "20 del / 1,000 ppl": (20, 1000), "60 del / 5,000 ppl": (60, 5000)}


#: The build's summary line on what its preflight cost (see assemble/run.py).
PREFLIGHT = re.compile(r"^preflight: ([\d.]+) s of ([\d.]+) s of job time", re.M)


def timed(args: list[str]) -> tuple[float, float]:
    seconds, peak, _ = run(args)
    return seconds, peak


def run(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the largest process the command ran (its workers included), stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, done.stdout


def outputs(out: Path) -> int:
    return sum(1 for p in out.rglob("*") if p.is_file() and ".briefpack" not in p.parts) - 1  # minus manifest


def pages_of(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def edited(path: Path, before: str, after: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert before in text, f"{before!r} not in {path}"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


def measure(name: str, data: Path, work: Path) -> dict[str, object]:
    out = work / "out"
    build = [*BRIEFPACK, "build", str(data), "-o", str(out)]
    cold, peak, summary = run([*build, "--force", "-j", "2"])
    checking, working = (float(v) for v in PREFLIGHT.search(summary).groups())
    count = outputs(out)
    booklet = next(out.rglob("programme-booklet.pdf"))
    # A delegation's brief summary shows in its own packet only; its brief title also in the
    # programme (booklet, press kit). Both are edits of one delegation.
    edited(data / "delegations.yaml", "Cambodia proposes", "The Cambodian delegation proposes")
    own_packet, _ = timed(build)
    edited(data / "delegations.yaml", "Cambodia: country recommendations", "Cambodia: recommendations of the country")
    programme, _ = timed(build)
    one, _ = timed([*build, "--force", "-j", "1"])
    two, _ = timed([*build, "--force", "-j", "2"])
    packets_out = work / "packets"
    packets, _ = timed(
        [*BRIEFPACK, "build", str(data), "-o", str(packets_out), "--only", "packets", "--format", "pdf", "-j", "2"]
    )
    briefings = list(packets_out.rglob("briefing.pdf"))
    return {
        "size": name,
        "participants": len(yaml.safe_load((data / "people.yaml").read_text(encoding="utf-8"))["people"]),
        "outputs": count,
        "booklet_pages": pages_of(booklet),
        "cold_full_build_s": round(cold, 2),
        "per_output_ms": round(1000 * cold / max(count, 1), 1),
        "preflight_share_of_job_time": round(checking / working, 3),
        "peak_rss_mb": round(peak, 1),
        "edit_summary_s": round(own_packet, 2),
        "edit_summary_share": round(own_packet / cold, 3),
        "edit_brief_title_s": round(programme, 2),
        "edit_brief_title_share": round(programme / cold, 3),
        "jobs1_s": round(one, 2),
        "jobs2_s": round(two, 2),
        "speedup_2_jobs": round(one / two, 2),
        "packets": len(briefings),
        "packet_pages_mean": round(sum(pages_of(p) for p in briefings) / max(len(briefings), 1), 1),
        "packets_per_s": round(len(briefings) / packets, 1),
    }


def slopes(rows: list[dict[str, object]]) -> list[str]:
    """Cold-build cost per participant between consecutive sizes: equal slopes mean linear growth."""
    lines = []
    for low, high in itertools.pairwise(rows):
        extra = int(high["participants"]) - int(low["participants"])  # type: ignore[call-overload]
        seconds = float(high["cold_full_build_s"]) - float(low["cold_full_build_s"])  # type: ignore[arg-type]
        lines.append(f"{low['size']} -> {high['size']}: {1000 * seconds / extra:.1f} ms per extra participant")
    return lines


def weasyprint_ratio(work: Path) -> dict[str, object]:
    """The booklet through briefpack vs. the same content through HTML and WeasyPrint, cold processes both."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return {"weasyprint": "not installed (pip install weasyprint to compare)"}
    html = work / "booklet.html"
    subprocess.run(
        [sys.executable, str(Path(__file__).parent / "booklet_html.py"), str(SAMPLE), str(html)], check=True, cwd=ROOT
    )
    ours, _ = timed(
        [*BRIEFPACK, "build", str(SAMPLE), "-o", str(work / "wp"), "--only", "booklet", "--force", "-j", "1"]
    )
    theirs, _ = timed(
        [
            sys.executable,
            "-c",
            f"import weasyprint; weasyprint.HTML({str(html)!r}).write_pdf({str(work / 'booklet-weasy.pdf')!r})",
        ]
    )
    return {
        "briefpack_booklet_s": round(ours, 2),
        "weasyprint_booklet_s": round(theirs, 2),
        "ratio": round(theirs / ours, 1),
    }


def sheet_load(tmp: Path, rows: int = 5000) -> dict[str, float]:
    """Seconds to read a registration workbook of `rows` people into section data (best of three),
    as `check` and `build` do: the cells, their locations and the mapping (issue 17: well under 1 s)."""
    import openpyxl

    from briefpack.load.sheets import SheetSource, records

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Registrations"
    sheet.append(["Title", "First Name", "Last Name", "Email Address", "Affiliation", "Position", "Country", "Mobile"])
    for i in range(rows):
        sheet.append(
            ["Ms", f"Thị Thanh {i}", "Nguyễn", f"p{i}@example.org", "Host", "Adviser", "VN", f"+84 91 {i:07d}"]
        )
    path = tmp / "registrations.xlsx"
    book.save(path)
    source = SheetSource(path, "people", "Registrations")
    best = min(_timed(lambda: records(source, tmp, {})) for _ in range(3))
    return {"rows": rows, "load_s": round(best, 3), "bytes": path.stat().st_size}


def _timed(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the sample event")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "bench.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefpack-bench-") as tmp:
        for name, size in SIZES.items():
            if args.quick and size:
                continue
            work = Path(tmp) / name.replace(" ", "").replace("/", "-").replace(",", "")
            data = work / "data"
            if size:
                write_event(data, *size)
            else:
                shutil.copytree(SAMPLE, data)
            rows.append(measure(name, data, work))
            print(json.dumps(rows[-1]), flush=True)
        comparison = weasyprint_ratio(Path(tmp))
        sheet = sheet_load(Path(tmp))
    columns = list(rows[0])
    print()
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))
    growth = slopes(rows)
    print("\n" + "\n".join(growth))
    print(f"\nbooklet vs WeasyPrint: {comparison}")
    print(f"5,000-row registration sheet: {sheet}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {"sizes": rows, "slopes": growth, "weasyprint": comparison, "sheet": sheet}
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
