"""The sample's DOCX press kit and a packet opened where the region's fonts are not installed (issue 16):
LibreOffice with an empty home and data folder, on a system without Noto, draws every script from the
fonts the documents carry, and every native name comes through."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from briefpack.model.validate import load_event
from conftest import require_tool
from eventdirs import SAMPLE
from render.docx.docx_parts import canonical, pdf_fonts, pdf_text
from render.docx.libreoffice import convert_with_libreoffice

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    installed = subprocess.run([require_tool("fc-list")], capture_output=True, text=True, check=True).stdout
    assert "noto" not in installed.lower(), "Noto is installed system-wide: this machine cannot judge embedding"
    out = tmp_path_factory.mktemp("travel")
    folder = run_build(SAMPLE, out / "out", BuildOptions(jobs=2, formats=frozenset({"docx"}))).folder
    documents = {
        "press-kit": (folder / "press-kit.docx").read_bytes(),
        "cambodia": (folder / "delegations" / "cambodia" / "briefing.docx").read_bytes(),
    }
    assert len(documents["press-kit"]) < 400_000
    # One LibreOffice session per document, as two readers would open them: within one session
    # LibreOffice keeps the first document's embedded subset of a family and draws later documents'
    # text of that family with it (their other characters then fall back to DejaVu).
    return {name: convert_with_libreoffice({name: data}, None, out / name)[name] for name, data in documents.items()}


def test_libreoffice_draws_every_script_with_the_embedded_noto_faces(converted: dict[str, Path]) -> None:
    used = pdf_fonts(converted["press-kit"]) | pdf_fonts(converted["cambodia"])
    for face in ("NotoSans-Regular", "NotoSans-Bold", "NotoSansKhmer-Regular", "NotoSansThai-Regular"):
        assert face in used, used
    assert "NotoSansSC-Regular" in pdf_fonts(converted["press-kit"])
    assert not {f for f in used if f.startswith("DejaVu")}, used  # nothing fell back


def test_every_native_name_comes_through(converted: dict[str, Path]) -> None:
    """Compared as `canonical` text: LibreOffice's PDF cuts Khmer words where glyph runs break, and lists some
    marks in drawing order."""
    data = load_event(SAMPLE).data
    press = canonical(pdf_text(converted["press-kit"]))
    for country in data.countries:
        assert canonical(country.native_name or "") in press, country.code
    packet = canonical(pdf_text(converted["cambodia"]))
    people = {p.id: p for p in data.people}
    cambodia = next(d for d in data.delegations if d.id == "kh")
    names = [people[pid].native_name for pid in (cambodia.head, *cambodia.members) if pid and people[pid].native_name]
    assert names and all(canonical(name) in packet for name in names), names
