"""Layout that never lies, on the stress event and the sample (issue 11): every product, every layout.

The stress event (`tests/stress.py`) has 2,000-word descriptions, 80-character unbroken tokens in
titles, names, organisations, rooms and table cells, a session with 40 presentations, a 60-person
delegation, a 250-character organisation name and native names in every script. Each layout's build
must pass its own preflight (it fails otherwise) and an independent reading of every PDF with
poppler's word boxes: no two lines drawn over each other, no text past the trim.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from eventdirs import SAMPLE
from render.pdf.pdf_reading import collapse, overprinted_lines, page_count, text, words_past_the_edge
from stress import LONG_ORG, NATIVE, TOKEN, write_stress_event

pytestmark = pytest.mark.slow

LAYOUTS = ("booklet-a5", "booklet-halfletter", "report-a4", "report-letter")


@pytest.fixture(scope="module")
def stress_event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_stress_event(tmp_path_factory.mktemp("stress") / "event")


@pytest.fixture(scope="module", params=LAYOUTS)
def built(request: pytest.FixtureRequest, stress_event: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"stress-{request.param}")
    result = run_build(stress_event, out, BuildOptions(layout=request.param, jobs=2, project_fonts=None))
    return result.folder


@pytest.fixture(scope="module", params=LAYOUTS)
def sample_built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"sample-{request.param}")
    return run_build(SAMPLE, out, BuildOptions(layout=request.param, jobs=2, project_fonts=None)).folder


def _pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.pdf") if "imposed" not in p.name)


def test_every_output_passed_the_preflight_and_the_manifest_says_so(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    pdf_entries = [o for o in manifest["outputs"] if o["path"].endswith(".pdf")]
    assert len(pdf_entries) >= 10
    for entry in pdf_entries:
        assert entry["preflight"] == {"checked": [entry["path"]], "passed": True, "findings": []}, entry["path"]


def test_poppler_finds_no_text_over_text_and_none_past_the_trim(built: Path) -> None:
    for pdf in _pdfs(built):
        assert overprinted_lines(pdf) == [], pdf.name
        assert words_past_the_edge(pdf) == [], pdf.name


def test_the_sample_in_every_layout_passes_the_preflight_and_poppler(sample_built: Path) -> None:
    test_every_output_passed_the_preflight_and_the_manifest_says_so(sample_built)
    test_poppler_finds_no_text_over_text_and_none_past_the_trim(sample_built)


def test_the_extreme_texts_are_all_printed(built: Path) -> None:
    booklet = text(built / "programme-booklet.pdf")
    squashed = "".join(booklet.split())
    assert TOKEN in squashed  # broken across lines, never dropped
    assert "".join(LONG_ORG.split()) in squashed
    for n in (0, 19, 39):
        assert f"Presentation {n}:" in booklet or f"{TOKEN}{n}" in squashed
    packet = collapse(text(built / "delegations" / "thailand" / "briefing.pdf"))
    assert all(f"Stress Delegate {k}" in packet for k in (1, 21, 41))
    assert any(name.split()[0] in packet for name in NATIVE.values())
    assert page_count(built / "programme-booklet.pdf") > 20
