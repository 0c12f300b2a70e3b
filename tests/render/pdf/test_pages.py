"""Specification of the page geometry: facing pages, running heads, recto starts, print-ready boxes and marks.

Boxes are read from the raw page dictionaries (pypdf's `page.trimbox` would silently fall back to the
MediaBox); colours and marks from the decompressed content streams; positions from poppler's word boxes.
The booklet layout is A5 (148 x 210 mm), margins inner 17 / outer 13 mm, 3 mm bleed, crop marks, CMYK.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefpack.document.model import Document, Metadata, PageBreak, Paragraph, Section, runs
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.pdf.renderer import render_pdf
from render.pdf.pdf_reading import page_ops, raw_box, text, words

MM = 72 / 25.4
TRIM = (148 * MM, 210 * MM)
BLEED = 3 * MM
OFFSET = (3 + 1 + 5 + 1) * MM  # bleed, gap, 5 mm crop mark, margin beyond the mark
A4 = (210 * MM, 297 * MM)
INNER, OUTER = 17 * MM, 13 * MM
RGB_OPERATORS = {"rg", "RG"}


def _card_pages(pdf: Path) -> list[int]:
    reader = PdfReader(pdf)
    return [n for n, page in enumerate(reader.pages, start=1) if float(page.mediabox.width) == pytest.approx(A4[0])]


def _close(a: list[float] | None, b: tuple[float, ...]) -> bool:
    return a is not None and len(a) == 4 and all(abs(x - y) < 0.01 for x, y in zip(a, b, strict=True))


def test_print_pages_have_exact_trim_and_bleed_boxes(booklet_print: Path) -> None:
    cards = _card_pages(booklet_print)
    assert cards, "the sample has card sheets"
    trim = (OFFSET, OFFSET, OFFSET + TRIM[0], OFFSET + TRIM[1])
    bleed = (OFFSET - BLEED, OFFSET - BLEED, OFFSET + TRIM[0] + BLEED, OFFSET + TRIM[1] + BLEED)
    for page in range(1, len(PdfReader(booklet_print).pages) + 1):
        if page in cards:  # sheets are cut by their own marks: the sheet is trim, bleed and media box
            sheet = (0, 0, *A4)
            assert _close(raw_box(booklet_print, page, "TrimBox"), sheet), page
            assert _close(raw_box(booklet_print, page, "BleedBox"), sheet), page
            continue
        assert _close(raw_box(booklet_print, page, "MediaBox"), (0, 0, TRIM[0] + 2 * OFFSET, TRIM[1] + 2 * OFFSET))
        assert _close(raw_box(booklet_print, page, "TrimBox"), trim), page
        assert _close(raw_box(booklet_print, page, "BleedBox"), bleed), page


def test_screen_pages_are_the_trim_size_without_print_boxes(booklet_screen: Path) -> None:
    assert _close(raw_box(booklet_screen, 2, "MediaBox"), (0, 0, *TRIM))
    assert raw_box(booklet_screen, 2, "TrimBox") is None
    assert raw_box(booklet_screen, 2, "BleedBox") is None


def test_cmyk_print_variant_has_no_rgb_colour_operator(booklet_print: Path, booklet_screen: Path) -> None:
    for page in range(1, len(PdfReader(booklet_print).pages) + 1):
        used = set(page_ops(booklet_print, page).operators)
        assert not used & RGB_OPERATORS, page
        assert used & {"k", "K"}, page  # colour is set, in CMYK
    assert set(page_ops(booklet_screen, 2).operators) & RGB_OPERATORS  # the check can see RGB


def test_crop_marks_sit_on_the_trim_lines_outside_the_bleed(booklet_print: Path) -> None:
    x0, y0, x1, y1 = OFFSET, OFFSET, OFFSET + TRIM[0], OFFSET + TRIM[1]
    for page in (1, 2, 3):
        marks = set()
        for (ax, ay), (bx, by) in page_ops(booklet_print, page).segments:
            vertical, horizontal = abs(ax - bx) < 0.01, abs(ay - by) < 0.01
            if (vertical and min(ay, by) >= y1 + BLEED) or (vertical and max(ay, by) <= y0 - BLEED):
                marks.add(("x", round(ax, 2)))
            elif (horizontal and min(ax, bx) >= x1 + BLEED) or (horizontal and max(ax, bx) <= x0 - BLEED):
                marks.add(("y", round(ay, 2)))
        assert marks == {
            ("x", round(x0, 2)),
            ("x", round(x1, 2)),
            ("y", round(y0, 2)),
            ("y", round(y1, 2)),
        }, page


def test_cover_band_runs_into_the_bleed(booklet_print: Path) -> None:
    """The cover's colour band touches the trim, so it must be printed 3 mm beyond it."""
    reader = PdfReader(booklet_print)
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    rect = next(line for line in content.splitlines() if line.rstrip().endswith(" re f") or " re f" in line)
    x, y, w, h = (float(v) for v in rect.split(" re")[0].split()[-4:])
    assert x == pytest.approx(OFFSET - BLEED, abs=0.01)
    assert x + w == pytest.approx(OFFSET + TRIM[0] + BLEED, abs=0.01)
    assert y + h == pytest.approx(OFFSET + TRIM[1] + BLEED, abs=0.01)


def _body_x(pdf: Path, page: int) -> tuple[float, float]:
    """Left and right edges of the words on a page, excluding the running head and number."""
    found = [w for w in words(pdf, page) if w.text not in ("Renderer", "test") and not w.text.isdigit()]
    return min(w.x0 for w in found), max(w.x1 for w in found)


def test_facing_pages_mirror_margins_and_put_heads_and_numbers_outside(booklet_screen: Path) -> None:
    verso_left, _ = _body_x(booklet_screen, 2)
    recto_left, _ = _body_x(booklet_screen, 3)
    assert verso_left == pytest.approx(OUTER, abs=0.5)  # page 2: inner margin on the right
    assert recto_left == pytest.approx(INNER, abs=0.5)  # page 3: inner margin on the left
    for page, outer_left in ((2, True), (3, False)):
        head = next(w for w in words(booklet_screen, page) if w.text == "Renderer")
        number = next(w for w in words(booklet_screen, page) if w.text == str(page) and w.y1 < 20 * MM)
        if outer_left:
            assert head.x0 == pytest.approx(OUTER, abs=0.5) and number.x0 == pytest.approx(OUTER, abs=0.5)
        else:
            right = TRIM[0] - OUTER
            tail = next(w for w in words(booklet_screen, page) if w.text == "test" and w.y0 > TRIM[1] - 20 * MM)
            assert tail.x1 == pytest.approx(right, abs=0.5) and number.x1 == pytest.approx(right, abs=0.5)


def test_single_sided_pages_keep_their_margins(report_screen: Path) -> None:
    assert _body_x(report_screen, 2)[0] == pytest.approx(20 * MM, abs=0.5)
    assert _body_x(report_screen, 3)[0] == pytest.approx(20 * MM, abs=0.5)


def test_cover_has_no_running_head_or_page_number(booklet_screen: Path) -> None:
    assert text(booklet_screen, 1).split() == ["Every", "block"]


def test_a_recto_section_starts_on_an_odd_page_after_a_blank_page(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    doc = Document(
        Metadata("recto"),
        (
            Section((Paragraph(runs("first")), PageBreak(), Paragraph(runs("second"))), running_head="One"),
            Section((Paragraph(runs("chapter")),), running_head="Two", recto=True),
            Section((Paragraph(runs("next")),), running_head="Three", recto=True),
        ),
    )
    pdf = tmp_path / "recto.pdf"
    pdf.write_bytes(render_pdf(doc, booklet_layout, render_fonts))
    pages = [text(pdf, n).split() for n in range(1, len(PdfReader(pdf).pages) + 1)]
    assert pages == [
        ["One", "first", "1"],
        ["One", "second", "2"],
        ["Two", "chapter", "3"],
        [],
        ["Three", "next", "5"],
    ]
