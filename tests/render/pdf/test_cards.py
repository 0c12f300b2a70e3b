"""Specification of card sheets: N-up grid, guillotine cut marks, QR codes that scan, text that fits or fails.

85 x 55 mm cards on A4 with 10 mm sheet margins: 2 columns x 5 rows, the grid centred (20 mm from
the left and right edges, 11 mm from the top and bottom). Marks are read from each sheet's content
stream; QR codes are decoded from a rendering by `zbarimg`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefpack.document.contacts import Contact, Localised
from briefpack.document.model import Card, CardGrid, Document, Image, Metadata, Paragraph, Section, runs
from briefpack.document.sheets import SheetGeometry
from briefpack.document.styles import style_sheet
from briefpack.errors import UserError
from briefpack.fonts import FontSet
from briefpack.layout.load import load_layout
from briefpack.layout.model import CardStyle, Layout
from briefpack.render.pdf.renderer import render_pdf
from briefpack.render.vcard import qr_payload
from conftest import require_tool
from render.pdf.pdf_reading import collapse, page_ops, text
from render.samples import every_block_document

MM = 72 / 25.4
ORGANISATION = "Hội Liên hiệp Phụ nữ Việt Nam – Vietnam Women's Union, Hanoi"  # 60 characters


def _grid() -> SheetGeometry:
    """The grid the PDF draws: the resolve stage's millimetres, in points."""
    return SheetGeometry.of(CardStyle(), "card", "base").scaled(MM)


def test_grid_is_computed_from_card_sheet_and_margins_and_centred() -> None:
    grid = _grid()
    assert (grid.columns, grid.rows) == (2, 5)
    assert grid.origin == pytest.approx((20 * MM, 11 * MM))
    assert grid.card_box(0) == pytest.approx((20 * MM, 231 * MM, 105 * MM, 286 * MM))  # top left first
    assert grid.card_box(9) == pytest.approx((105 * MM, 11 * MM, 190 * MM, 66 * MM))


def test_a_card_larger_than_the_sheet_is_a_user_error() -> None:
    with pytest.raises(UserError, match="card style `huge`"):
        SheetGeometry.of(CardStyle(width=300), "huge", "base")


def _card_pages(pdf: Path) -> list[int]:
    """Pages whose MediaBox is A4: the card sheets of the A5 booklet."""
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    return [n for n, p in enumerate(pages, start=1) if abs(float(p.mediabox.width) - 210 * MM) < 0.1]


def _marks(pdf: Path, page: int) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    return sorted(
        ((round(a[0], 2), round(a[1], 2)), (round(b[0], 2), round(b[1], 2))) for a, b in page_ops(pdf, page).segments
    )


@pytest.mark.parametrize("variant", ["screen", "print"])
def test_cut_marks_are_identical_on_every_sheet_and_mark_every_card_edge(
    variant: str, request: pytest.FixtureRequest
) -> None:
    pdf = request.getfixturevalue(f"booklet_{variant}")
    sheets = _card_pages(pdf)
    assert len(sheets) == 2  # 12 cards, 10 per sheet; the last sheet is not full
    first = _marks(pdf, sheets[0])
    assert all(_marks(pdf, sheet) == first for sheet in sheets[1:])
    xs, ys = _grid().edges()
    vertical = {a[0] for a, b in first if a[0] == b[0]}
    horizontal = {a[1] for a, b in first if a[1] == b[1]}
    assert vertical == {round(x, 2) for x in xs}
    assert horizontal == {round(y, 2) for y in ys}
    grid_x0, grid_y0 = _grid().origin
    for a, b in first:  # all in the margin, none over a card
        outside_x = max(a[0], b[0]) < grid_x0 or min(a[0], b[0]) > 210 * MM - grid_x0
        outside_y = max(a[1], b[1]) < grid_y0 or min(a[1], b[1]) > 297 * MM - grid_y0
        assert outside_x or outside_y, (a, b)


DPI = 200


def _decode(pdf: Path, page: int, tmp_path: Path, boxes: list[tuple[float, ...]] | None = None) -> list[str]:
    """The QR payload zbarimg reads in each box (PDF points) of a page rendered at 200 dpi, or on the page.

    One code per image: with several, `zbarimg --raw` runs them together and `--xml` mangles UTF-8.
    """
    from PIL import Image as PILImage

    png = tmp_path / f"page-{page}"
    subprocess.run(
        [
            require_tool("pdftoppm"),
            "-r",
            str(DPI),
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(png),
        ],
        check=True,
    )
    picture = PILImage.open(f"{png}.png")
    scale = DPI / 72
    crops = []
    for i, (x0, y0, x1, y1) in enumerate(boxes or [(0, 0, picture.width / scale, picture.height / scale)]):
        crop = tmp_path / f"page-{page}-{i}.png"
        top = picture.height - y1 * scale
        picture.crop((round(x0 * scale), round(top), round(x1 * scale), round(top + (y1 - y0) * scale))).save(crop)
        crops.append(crop)
    found = []
    for crop in crops:
        out = subprocess.run([require_tool("zbarimg"), "-q", "--raw", str(crop)], capture_output=True).stdout
        if out:
            found.append(out.decode("utf-8").removesuffix("\n"))
    return found


def test_card_qr_codes_decode_to_their_vcards(booklet_print: Path, booklet_layout, tmp_path: Path) -> None:
    grid = next(b for s in every_block_document().sections for b in s.blocks if isinstance(b, CardGrid))
    style, cards = style_sheet(booklet_layout).card(grid.style), grid.cards
    sheets = _card_pages(booklet_print)
    boxes = [_grid().card_box(i) for i in range(10)]
    decoded = [payload for sheet in sheets for payload in _decode(booklet_print, sheet, tmp_path, boxes)]
    assert decoded == [qr_payload(card, style) for card in cards]  # in order, UTF-8 intact


def test_qr_image_decodes_to_its_utf8_payload(booklet_screen: Path, tmp_path: Path) -> None:
    image = next(b for s in every_block_document().sections for b in s.blocks if isinstance(b, Image))
    pages = range(1, _card_pages(booklet_screen)[0])
    (page,) = [p for p in pages if page_ops(booklet_screen, p).operators.count("re") > 50]  # drawn module by module
    found = _decode(booklet_screen, page, tmp_path)
    assert found == [image.qr]  # "Dương Thị Xuân" exactly, diacritics included


def _cards_doc(*cards: Card) -> Document:
    return Document(Metadata("cards"), (Section((CardGrid(cards),), template="cards"),))


def _card(name: str, *lines: tuple[str, str], qr: bool = True) -> Card:
    return Card(
        (Paragraph(runs(name), style="card-name"), *(Paragraph(runs(t), style=s) for s, t in lines)),
        contact=Contact("urn:uuid:0", (Localised(name),)) if qr else None,
        label=name,
    )


@pytest.fixture(scope="module")
def report_layout() -> Layout:
    return load_layout("report-a4")


def test_a_long_line_shrinks_to_fit_and_is_printed_whole(
    tmp_path: Path, render_fonts: FontSet, report_layout: Layout
) -> None:
    assert len(ORGANISATION) == 60
    line_size = report_layout.paragraph_styles["card-line"].size
    floor = report_layout.card_styles["card"].min_font_size
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(
        render_pdf(_cards_doc(_card("Dương Thị Xuân", ("card-line", ORGANISATION))), report_layout, render_fonts)
    )
    sizes = set(page_ops(pdf, 1).font_sizes)
    assert any(floor <= size < line_size for size in sizes), sizes  # shrunk, not below the floor
    assert line_size not in sizes
    assert collapse(ORGANISATION) in collapse(text(pdf, 1))  # nothing clipped


def test_a_card_whose_text_cannot_fit_names_the_card(render_fonts: FontSet, report_layout: Layout) -> None:
    essay = " ".join(["A very long organisation name that goes on"] * 30)
    with pytest.raises(UserError, match="card for `Verbose Person`"):
        render_pdf(_cards_doc(_card("Verbose Person", ("card-line", essay))), report_layout, render_fonts)
