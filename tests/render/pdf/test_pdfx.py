"""The print edition declares PDF/X (issue 15): PDF/X-1a:2003 with a registered printing condition by
default, PDF/X-4 with the printer's ICC profile when the layout names one; its small near-black text
prints in black ink alone. Read back with pikepdf and qpdf."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from briefpack.errors import UserError
from briefpack.layout.load import load_layout
from briefpack.render.pdf.renderer import render_pdf
from briefpack.render.pdf.standards import standard_problems
from briefpack.render.pdf.styles import Palette
from conftest import require_file, require_tool
from render.samples import every_block_document

GHOSTSCRIPT_ICC = Path("/usr/share/color/icc/ghostscript")  # Debian's libgs-common


def _profile(name: str) -> Path:
    return require_file(GHOSTSCRIPT_ICC / name, "libgs-common")


def _layout_folder(tmp_path: Path, press: str, profile: str | None = None, extends: str = "booklet-a5") -> Path:
    folder = tmp_path / "printer"
    folder.mkdir()
    (folder / "layout.yaml").write_text(f"name: printer\nextends: {extends}\npress: {press}\n", encoding="utf-8")
    if profile:
        shutil.copy(_profile(profile), folder / "printer.icc")
    return folder


def _text_colours(pdf: pikepdf.Pdf) -> list[tuple[float, tuple[float, ...]]]:
    """(font size, CMYK fill) of every text-showing operator."""
    shown = []
    for page in pdf.pages:
        size, fill = 0.0, (0.0, 0.0, 0.0, 1.0)
        for item in pikepdf.parse_content_stream(page, "Tf k Tj TJ q Q"):
            op = str(item.operator)
            if op == "Tf":
                size = float(item.operands[1])
            elif op == "k":
                fill = tuple(round(float(v), 3) for v in item.operands)
            elif op in ("Tj", "TJ"):
                shown.append((size, fill))
    return shown


def test_the_print_edition_declares_pdfx_1a_with_its_condition(booklet_print: Path) -> None:
    pdf = pikepdf.open(booklet_print)
    assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003" and pdf.docinfo.Trapped == "/False"
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert str(intent.RegistryName) == "http://www.color.org" and "/DestOutputProfile" not in intent
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<pdfx:GTS_PDFXVersion>PDF/X-1a:2003</pdfx:GTS_PDFXVersion>" in xmp
    assert "<pdf:Trapped>False</pdf:Trapped>" in xmp and ">Every block</rdf:li>" in xmp
    assert pdf.pdf_version == "1.4"
    for page in pdf.pages:
        assert "/Annots" not in page.obj
        media, bleed, trim = (tuple(float(v) for v in page.obj[k]) for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
        assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
        assert not list(pikepdf.parse_content_stream(page, "rg RG"))
    assert standard_problems(booklet_print.read_bytes()) == []
    subprocess.run([require_tool("qpdf"), "--check", str(booklet_print)], check=True, capture_output=True)


def test_us_paper_prints_to_gracol_unless_the_layout_names_a_condition(render_fonts, tmp_path: Path) -> None:
    letter = render_pdf(every_block_document(), load_layout("booklet-halfletter"), render_fonts, print_ready=True)
    pdf = pikepdf.open(io.BytesIO(letter))
    assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "CGATS21_CRPC6"
    named = load_layout(_layout_folder(tmp_path, "{output_condition: FOGRA51}"))
    pdf = pikepdf.open(io.BytesIO(render_pdf(every_block_document(), named, render_fonts, print_ready=True)))
    assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA51"


def test_a_printers_profile_makes_it_pdfx_4_with_the_profile_embedded(render_fonts, tmp_path: Path) -> None:
    layout = load_layout(_layout_folder(tmp_path, "{output_profile: printer.icc}", "default_cmyk.icc"))
    data = render_pdf(every_block_document(), layout, render_fonts, print_ready=True)
    pdf = pikepdf.open(io.BytesIO(data))
    assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4" and pdf.pdf_version >= "1.6"
    profile = pdf.Root.OutputIntents[0].DestOutputProfile
    assert profile.N == 4 and profile.read_bytes() == _profile("default_cmyk.icc").read_bytes()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in pdf.Root.Metadata.read_bytes().decode()
    assert standard_problems(data) == []
    assert render_pdf(every_block_document(), layout, render_fonts, print_ready=True) == data  # deterministic


@pytest.mark.parametrize(
    ("press", "profile", "message"),
    [
        ("{output_profile: printer.icc}", None, "no such file in the layout's folder"),
        ("{output_profile: ../printer.icc}", None, "no such file in the layout's folder"),
        ("{output_profile: printer.icc}", "default_rgb.icc", "not an output (printer) profile"),
        ("{output_profile: layout.yaml}", None, "is not an ICC profile"),
        ("{output_condition: 'FOGRA39; rm'}", None, "name the condition as it is registered"),
    ],
)
def test_a_layouts_press_settings_are_checked_where_they_are_written(
    tmp_path: Path, press: str, profile: str | None, message: str
) -> None:
    folder = _layout_folder(tmp_path, press, profile)
    with pytest.raises(UserError) as caught:
        load_layout(folder)
    assert message in str(caught.value) and "layout.yaml" in str(caught.value)


def test_a_profile_linked_from_outside_the_layout_folder_is_not_read(tmp_path: Path) -> None:
    folder = _layout_folder(tmp_path, "{output_profile: printer.icc}")
    (folder / "printer.icc").symlink_to(_profile("default_cmyk.icc"))
    with pytest.raises(UserError, match="outside"):
        load_layout(folder)


def test_an_rgb_layout_cannot_name_a_profile(tmp_path: Path) -> None:
    folder = _layout_folder(tmp_path, "{output_profile: printer.icc}", "default_cmyk.icc", extends="report-a4")
    with pytest.raises(UserError, match="needs CMYK colours"):
        load_layout(folder)


def test_small_near_black_text_prints_in_black_ink_alone(booklet_print: Path, render_fonts, tmp_path: Path) -> None:
    shown = _text_colours(pikepdf.open(booklet_print))
    small = {fill for size, fill in shown if size < 12}
    assert (0.0, 0.0, 0.0, 1.0) in small and (0.0, 0.0, 0.0, 0.9) not in small  # `ink` is 90% K
    assert (0.0, 0.0, 0.0, 0.6) in small  # `muted` is a grey on purpose, and stays one
    palette = Palette(load_layout("booklet-a5"), cmyk=True)
    assert palette.text("ink", 12).black == 0.9 and palette.text("ink", 11.9).black == 1.0
    off = load_layout(_layout_folder(tmp_path, "{pure_black_below: 0}"))
    pdf = pikepdf.open(io.BytesIO(render_pdf(every_block_document(), off, render_fonts, print_ready=True)))
    assert (0.0, 0.0, 0.0, 0.9) in {fill for size, fill in _text_colours(pdf) if size < 12}
