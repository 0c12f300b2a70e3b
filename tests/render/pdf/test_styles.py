"""Specification of `briefpack.render.pdf.styles.StyleBook.shared`: one book per layout, fonts and colour model."""

from __future__ import annotations

from briefpack.fonts import FontSet
from briefpack.layout.load import load_layout
from briefpack.layout.model import Layout
from briefpack.render.pdf.styles import StyleBook


def test_documents_of_one_process_share_style_objects(booklet_layout: Layout, render_fonts: FontSet) -> None:
    screen = StyleBook.shared(booklet_layout, render_fonts, cmyk=False)
    assert StyleBook.shared(booklet_layout, render_fonts, cmyk=False) is screen
    assert screen.paragraph("body") is StyleBook.shared(booklet_layout, render_fonts, cmyk=False).paragraph("body")


def test_another_colour_model_or_layout_gets_its_own_book(booklet_layout: Layout, render_fonts: FontSet) -> None:
    screen = StyleBook.shared(booklet_layout, render_fonts, cmyk=False)
    printed = StyleBook.shared(booklet_layout, render_fonts, cmyk=True)
    report = StyleBook.shared(load_layout("report-a4"), render_fonts, cmyk=False)
    assert printed is not screen and printed.palette.cmyk and not screen.palette.cmyk
    assert report is not screen and report.layout.name == "report-a4"
