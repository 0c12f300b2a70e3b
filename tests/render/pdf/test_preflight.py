"""Specification of the preflight: each defect it exists for is made on purpose, and found.

The geometric checks judge the renderer's ledger; poppler confirms each planted defect is real, so
these tests cannot pass by finding nothing where nothing was wrong.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from briefpack.document.model import Document, Heading, Metadata, PageBreak, Paragraph, Section, runs
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.pdf import paragraph as pdf_paragraph
from briefpack.render.pdf.pages import SectionTemplate
from briefpack.render.pdf.preflight import preflight
from briefpack.render.pdf.renderer import RenderedPdf, render_pdf_editions
from render.pdf.pdf_reading import overprinted_lines, words

LONG = " ".join(["regional cooperation against trafficking in women and girls"] * 90)


def _render(document: Document, layout: Layout, fonts: FontSet) -> RenderedPdf:
    (rendered,) = render_pdf_editions(document, layout, fonts, (False,))
    return rendered


def _long_then_short() -> Document:
    blocks = (Paragraph(runs(LONG)), Paragraph(runs("Featuring the work of: Thailand")), Paragraph(runs("end")))
    return Document(Metadata("preflight"), (Section(blocks, running_head="Preflight"),))


def test_the_sample_paragraphs_pass(render_fonts: FontSet, booklet_layout: Layout) -> None:
    rendered = _render(_long_then_short(), booklet_layout, render_fonts)
    assert preflight(rendered.data, rendered.ledger, rendered.missing) == []
    assert len(rendered.ledger.pages) >= 2  # the long paragraph splits: the case that used to overprint


def test_an_overprint_is_found_with_its_page_and_its_text(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Measured the way reportlab 5.1.0 measures (before `_true_lines`), the paragraph overprints."""
    monkeypatch.setattr(pdf_paragraph, "_true_lines", lambda para, style: para)
    rendered = _render(_long_then_short(), booklet_layout, render_fonts)
    findings = preflight(rendered.data, rendered.ledger, rendered.missing)
    over = [f for f in findings if f.what.startswith("text drawn over text")]
    assert over and all(f.page is not None for f in over)
    assert any("Featuring the work of" in str(f) for f in over)
    pdf = tmp_path / "over.pdf"
    pdf.write_bytes(rendered.data)
    assert any("Featuring" in hit for hit in overprinted_lines(pdf))  # poppler sees it too


def test_text_past_the_margins_is_found(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = SectionTemplate._frame

    def too_wide(self: SectionTemplate, page: int) -> Frame:
        frame = original(self, page)
        return Frame(frame._x1, frame._y1, frame._width + 25 * mm, frame._height, 0, 0, 0, 0)

    monkeypatch.setattr(SectionTemplate, "_frame", too_wide)
    rendered = _render(_long_then_short(), booklet_layout, render_fonts)
    outside = [f for f in preflight(rendered.data, rendered.ledger) if "outside the text area" in f.what]
    assert outside and outside[0].page == 1
    pdf = tmp_path / "wide.pdf"
    pdf.write_bytes(rendered.data)
    right_margin = rendered.ledger.page(1).live[2]
    assert max(w.x1 for w in words(pdf, 1)) > right_margin + 10 * mm


def test_a_character_without_a_glyph_is_found_on_its_page(render_fonts: FontSet, booklet_layout: Layout) -> None:
    blocks = (Paragraph(runs("first page")), PageBreak(), Paragraph(runs("a face \U0001f642 here")))
    rendered = _render(Document(Metadata("glyphs"), (Section(blocks),)), booklet_layout, render_fonts)
    [finding] = [f for f in preflight(rendered.data, rendered.ledger, rendered.missing) if "glyph" in f.what]
    assert "U+1F642" in finding.what and finding.page == 2 and "a face" in finding.text


def test_an_empty_page_is_found_but_the_blank_verso_before_a_recto_section_is_not(
    render_fonts: FontSet, booklet_layout: Layout
) -> None:
    doubled = Section((Paragraph(runs("one")), PageBreak(), PageBreak(), Paragraph(runs("three"))))
    rendered = _render(Document(Metadata("empty"), (doubled,)), booklet_layout, render_fonts)
    assert [(f.page, f.what) for f in preflight(rendered.data, rendered.ledger)] == [(2, "the page is empty")]
    recto = (Section((Paragraph(runs("one")),)), Section((Paragraph(runs("on a recto")),), recto=True))
    rendered = _render(Document(Metadata("recto"), recto), booklet_layout, render_fonts)
    assert len(rendered.ledger.pages) == 3 and rendered.ledger.page(2).blank_by_design
    assert preflight(rendered.data, rendered.ledger) == []


def test_fonts_not_embedded_and_links_to_nowhere_are_found_in_the_file(tmp_path: Path) -> None:
    """reportlab refuses to write a link to an unknown name, so the dead link and bookmark are made by
    renaming good ones afterwards, as a post-processing tool could."""
    path = tmp_path / "hand-made.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Helvetica is referenced, never embedded")
    canvas.bookmarkPage("here")
    canvas.linkRect("to here", "here", (72, 700, 200, 712))
    canvas.linkRect("to here too", "here", (72, 680, 200, 692))
    canvas.addOutlineEntry("a bookmark", "here", level=0)
    canvas.showPage()
    canvas.save()
    assert [str(f) for f in preflight(path.read_bytes(), None)] == ["page 1: font not embedded: `Helvetica`"]

    writer = PdfWriter(clone_from=path)
    first_link = writer.pages[0]["/Annots"][0].get_object()
    first_link[NameObject("/Dest")] = NameObject("/missing-destination")
    outline = writer._root_object["/Outlines"].get_object()["/First"].get_object()
    outline[NameObject("/Dest")] = NameObject("/also-missing")
    broken = io.BytesIO()
    writer.write(broken)
    found = sorted(str(f) for f in preflight(broken.getvalue(), None))
    assert found == [
        "a bookmark points to no destination: `a bookmark`",
        "page 1: a link points to no destination: `/missing-destination`",
        "page 1: font not embedded: `Helvetica`",
    ]


def test_a_heading_left_at_the_foot_of_a_page_is_found(render_fonts: FontSet, booklet_layout: Layout) -> None:
    """A forced break right after a heading strands it: the one case keep rules cannot prevent."""
    blocks = (Paragraph(runs("body")), Heading(runs("Stranded heading"), 2), PageBreak(), Paragraph(runs("later")))
    rendered = _render(Document(Metadata("stranded"), (Section(blocks),)), booklet_layout, render_fonts)
    found = [(f.page, f.what, f.text) for f in preflight(rendered.data, rendered.ledger)]
    assert found == [(1, "a heading ends the page, apart from what it introduces", "Stranded heading")]
