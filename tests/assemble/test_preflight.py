"""The preflight in the build: a PDF with a layout defect fails its job, and nothing is written.

The defect is planted by restoring reportlab 5.1.0's own line measuring (the overprint of issue 11),
in-process (one job), on an event whose long descriptions split across pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assemble.test_build import snapshot
from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from briefpack.errors import UserError
from briefpack.render.pdf import paragraph as pdf_paragraph
from stress import write_stress_event

EVENT = "mekong-womens-forum-2007"
ONE_JOB = {"jobs": 1, "only": frozenset({"booklet"})}


@pytest.fixture
def defective(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_paragraph, "_true_lines", lambda para, style: para)


def test_an_overprinted_booklet_fails_the_build_names_page_and_text_and_keeps_the_previous_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_stress_event(tmp_path / "data")
    out = tmp_path / "out"
    run_build(data, out, BuildOptions(**ONE_JOB))
    before = snapshot(out / EVENT)
    manifest = json.loads((out / EVENT / "manifest.json").read_text(encoding="utf-8"))
    assert all(o["preflight"]["passed"] for o in manifest["outputs"])

    monkeypatch.setattr(pdf_paragraph, "_true_lines", lambda para, style: para)
    with pytest.raises(UserError) as failed:
        run_build(data, out, BuildOptions(force=True, **ONE_JOB))
    message = failed.value.render()
    assert "preflight of programme-booklet.pdf:" in message and "so it was not written" in message
    assert "preflight of programme-booklet-print.pdf:" in message
    assert "page " in message and ("text drawn over text" in message or "outside the text area" in message)
    assert snapshot(out / EVENT) == before


def test_preflight_warn_writes_a_draft_records_it_and_a_strict_build_rebuilds_it(
    tmp_path: Path, defective: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_stress_event(tmp_path / "data")
    out = tmp_path / "out"
    result = run_build(data, out, BuildOptions(preflight="warn", **ONE_JOB))
    warnings = [line for line in result.summary_lines() if line.startswith("preflight warning:")]
    assert warnings and all("programme-booklet" in w for w in warnings)
    manifest = json.loads((out / EVENT / "manifest.json").read_text(encoding="utf-8"))
    booklet = next(o for o in manifest["outputs"] if o["path"] == "programme-booklet.pdf")
    assert booklet["preflight"]["passed"] is False and booklet["preflight"]["findings"]
    imposed = next(o for o in manifest["outputs"] if o["path"] == "programme-booklet-imposed.pdf")
    assert imposed["preflight"] == {"checked": ["programme-booklet-imposed.pdf"], "passed": True, "findings": []}

    # Same inputs, default (fail) mode: the draft is not "up to date", it is rebuilt, and fails.
    with pytest.raises(UserError, match=r"preflight of programme-booklet\.pdf"):
        run_build(data, out, BuildOptions(**ONE_JOB))
    monkeypatch.undo()
    result = run_build(data, out, BuildOptions(**ONE_JOB))
    assert [r.job.name for r in result.built] == ["booklet:pdf"]
