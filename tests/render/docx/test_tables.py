"""Tables, timetables, label/value pairs, lists, pictures and cards as Word builds them.

Entries split across page breaks are a common complaint about generated documents: header rows must
repeat, small rows must not break, things kept together must say so.
"""

from __future__ import annotations

import subprocess

import pytest

from briefpack.document.sheets import SheetGeometry
from briefpack.layout.model import CardStyle
from briefpack.render.docx.geometry import card_sheet
from briefpack.render.docx.images import qr_png
from briefpack.render.docx.tables import column_widths
from render.docx.docx_parts import NS, Docx, paragraph_text, require_tool, w

TEXT_WIDTH_TWIPS = round((210 - 20 - 20) * 1440 / 25.4)  # base layout: A4, 20 mm side margins


def table_with(docx: Docx, text: str):
    for table in docx.document.iterfind(".//w:tbl", NS):
        if text in paragraph_text(table):
            return table
    raise AssertionError(f"no table contains {text!r}")


def rows(table) -> list:
    return table.findall("w:tr", NS)


def test_header_rows_repeat_and_only_they(every_block: Docx) -> None:
    table = table_with(every_block, "Row 39")
    first, *rest = rows(table)
    assert first.find("w:trPr/w:tblHeader", NS) is not None
    assert paragraph_text(first) == "TimeSessionRoom"
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rest)
    assert len(rest) == 40


def test_header_cells_take_the_header_paragraph_style(every_block: Docx) -> None:
    first = rows(table_with(every_block, "Row 39"))[0]
    assert {p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in first.iterfind(".//w:p", NS)} == {"TableHead"}


def test_column_widths_scale_the_relative_widths_to_the_text_width(every_block: Docx) -> None:
    table = table_with(every_block, "Row 39")
    grid = [int(c.get(w("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS)]
    assert sum(grid) == TEXT_WIDTH_TWIPS
    assert grid[1] == pytest.approx(3 * grid[0], abs=2) and grid[2] == pytest.approx(2 * grid[0], abs=2)
    assert table.find("w:tblPr/w:tblLayout", NS).get(w("type")) == "fixed"
    cells = [int(tc.find("w:tcPr/w:tcW", NS).get(w("w"))) for tc in rows(table)[1].iterfind("w:tc", NS)]
    assert cells == grid


def test_column_widths_always_add_up() -> None:
    assert sum(column_widths((1, 1, 1), 100)) == round(100 * 1440 / 25.4)
    assert column_widths((0, 0), 10) == column_widths((1, 1), 10)


def test_highlighted_rows_are_shaded_with_the_highlight_colour(every_block: Docx) -> None:
    table = table_with(every_block, "Row 39")
    shaded = [paragraph_text(r)[:5] for r in rows(table) if r.find("w:tc/w:tcPr/w:shd", NS) is not None]
    assert shaded == ["10:30"]
    fills = {s.get(w("fill")) for s in rows(table)[4].iterfind("w:tc/w:tcPr/w:shd", NS)}
    assert fills == {"FFF0A8"}


def test_small_rows_do_not_break_across_pages(every_block: Docx) -> None:
    table = table_with(every_block, "Row 39")
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows(table))


def test_a_schedule_is_a_three_column_table_with_linked_titles(every_block: Docx) -> None:
    table = table_with(every_block, "Registration")
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 3
    assert [paragraph_text(r) for r in rows(table)[:2]] == ["TimeSessionRoom", "08:00\u201308:30Registration"]
    caption = table.getprevious()
    assert paragraph_text(caption) == "Thursday 12 July 2007"
    assert caption.find("w:pPr/w:pStyle", NS).get(w("val")) == "Caption"
    highlighted = rows(table)[3]
    assert highlighted.find("w:tc/w:tcPr/w:shd", NS) is not None
    assert highlighted.find(".//w:hyperlink", NS).get(w("anchor")) == "scripts"


def test_key_values_are_a_borderless_two_column_table_kept_together(every_block: Docx) -> None:
    table = table_with(every_block, "United Nations Building")
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 2
    assert table.find("w:tblPr/w:tblStyle", NS).get(w("val")) == "KeyValue"
    paragraphs = table.findall(".//w:p", NS)
    assert [p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in paragraphs[:2]] == ["Key", "Value"]
    rows = table.findall("w:tr", NS)
    assert all(p.find("w:pPr/w:keepNext", NS) is not None for row in rows[:-1] for p in row.findall(".//w:p", NS))
    # no paragraph of the last row keeps with the next: LibreOffice would chain the table to what follows
    assert all(p.find("w:pPr/w:keepNext", NS) is None for p in rows[-1].findall(".//w:p", NS))


def test_tables_line_up_with_the_text_margin(every_block: Docx) -> None:
    """Word 2010 layout hangs a table one cell margin into the page margin; the indent undoes that."""
    table = table_with(every_block, "Row 39")
    padding = round(1.5 * 1440 / 25.4)
    assert table.find("w:tblPr/w:tblInd", NS).get(w("w")) == str(padding)


def test_kept_together_blocks_keep_with_the_next_except_the_last(every_block: Docx) -> None:
    heading = every_block.paragraph_with("Kept together")
    text = heading.getnext()
    assert heading.find("w:pPr/w:keepNext", NS) is not None and heading.find("w:pPr/w:keepLines", NS) is not None
    assert text.find("w:pPr/w:keepNext", NS) is None and text.find("w:pPr/w:keepLines", NS) is not None


def test_lists_use_real_numbering_that_restarts(every_block: Docx) -> None:
    bullet = every_block.paragraph_with("first aim")
    assert bullet.find("w:pPr/w:pStyle", NS).get(w("val")) == "ListBullet"
    style_num = every_block.style("ListBullet").find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
    numbered = every_block.paragraph_with("one")
    assert numbered.find("w:pPr/w:pStyle", NS).get(w("val")) == "ListNumber"
    num_id = numbered.find("w:pPr/w:numPr/w:numId", NS).get(w("val"))

    def level(num: str):
        instance = every_block.numbering.find(f"w:num[@w:numId='{num}']", NS)
        abstract = instance.find("w:abstractNumId", NS).get(w("val"))
        return instance, every_block.numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl", NS)

    _, bullet_level = level(style_num)
    assert bullet_level.find("w:numFmt", NS).get(w("val")) == "bullet"
    instance, number_level = level(num_id)
    assert number_level.find("w:numFmt", NS).get(w("val")) == "decimal"
    assert instance.find("w:lvlOverride/w:startOverride", NS).get(w("val")) == "1"


def test_pictures_carry_alt_text(every_block: Docx) -> None:
    descriptions = [d.get("descr") for d in every_block.document.iterfind(".//wp:docPr", NS)]
    assert descriptions[0] == "QR code"
    assert "QR code: contact card of Allan Dow" in descriptions
    ids = [d.get("id") for d in every_block.document.iterfind(".//wp:docPr", NS)]
    assert len(ids) == len(set(ids)) == 13


def test_qr_codes_decode_to_their_payload(tmp_path) -> None:
    zbarimg = require_tool("zbarimg")
    payload = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dương Thị Xuân\r\nEND:VCARD\r\n"
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png(payload, 18))
    decoded = subprocess.run([zbarimg, "--raw", "-q", str(png)], capture_output=True, check=True).stdout.decode()
    assert decoded.strip() == payload.strip()
    assert qr_png.__wrapped__(payload, 18) == qr_png(payload, 18)  # made afresh: the same bytes


def test_card_sheet_geometry_centres_the_grid() -> None:
    sheet = card_sheet(SheetGeometry.of(CardStyle(), "card", "base"))  # 85 x 55 mm on A4, 10 mm margins
    assert (sheet.grid.columns, sheet.grid.rows) == (2, 5)
    assert (sheet.page.left, sheet.page.right, sheet.page.top) == (20, 20, 11)
    assert sheet.page.bottom == 10  # 1 mm left for the paragraph Word needs after the table


def test_cards_are_fixed_size_cells_on_their_own_a4_sheet(every_block: Docx) -> None:
    grid = table_with(every_block, "Communications Officer")
    card_rows = rows(grid)
    assert len(card_rows) == 6  # 12 cards, 2 per row
    for row in card_rows:
        height = row.find("w:trPr/w:trHeight", NS)
        assert (height.get(w("val")), height.get(w("hRule"))) == (str(round(55 * 1440 / 25.4)), "exact")
    assert [int(c.get(w("w"))) for c in grid.iterfind("w:tblGrid/w:gridCol", NS)] == [round(85 * 1440 / 25.4)] * 2
    last_section = every_block.document.find("w:body/w:sectPr", NS)
    size = last_section.find("w:pgSz", NS)
    margins = last_section.find("w:pgMar", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    assert margins.get(w("left")) == margins.get(w("right")) == str(round(20 * 1440 / 25.4))


def test_no_body_row_is_left_alone_on_a_page(every_block: Docx) -> None:
    """Word keeps a row with the next when its paragraphs keepNext: the header and first row with the
    second, the second-to-last row with the last; rows in between may break as pages need."""
    header, *body = rows(table_with(every_block, "Row 39"))

    def keeps(row) -> bool:
        return all(p.find("w:pPr/w:keepNext", NS) is not None for p in row.iterfind(".//w:p", NS))

    assert keeps(header) and keeps(body[0]) and keeps(body[-2])
    assert not keeps(body[-1]) and not any(keeps(r) for r in body[1:-2])
