"""Tables, timetables and label/value pairs as Word tables with named table styles.

Widths are fixed (the layout's relative widths scaled to the text width) so Word and LibreOffice agree
on them; header rows are marked `w:tblHeader` so they repeat on every page the table continues onto;
small rows may not break across a page (`w:cantSplit`), long ones may, or a tall row would leave a gap.
Highlighted rows and cells get the table style's highlight colour as cell shading: a Word table style
cannot single out an arbitrary row or cell, so that one is direct formatting.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from lxml import etree

from briefpack.document.lowering import KEY_VALUE_WIDTHS, key_value_rows, schedule_table
from briefpack.document.model import (
    Block,
    Cell,
    KeyValue,
    Paragraph,
    ScheduleGrid,
    Table,
)
from briefpack.render.docx.ooxml import (
    P_PR,
    TBL_PR,
    TC_PR,
    TR_PR,
    el,
    hex_colour,
    paragraph_properties,
    set_child,
    twips,
)

if TYPE_CHECKING:
    from briefpack.render.docx.renderer import DocxRenderer

SMALL_ROW_CHARS = 300  # rows with less text than this are kept on one page


def keep_with_next_row(tr: etree._Element) -> etree._Element:
    """Keep a table row on the page of the row after it (`w:keepNext` on each of its paragraphs)."""
    for p in tr.iter(el("w:p").tag):
        set_child(paragraph_properties(p), el("w:keepNext"), P_PR)
    return tr


def column_widths(relative: tuple[float, ...], total_mm: float) -> list[int]:
    """Twips per column, proportional to `relative`, summing exactly to the total (rounding goes last)."""
    weights = [max(w, 0.0) for w in relative] or [1.0]
    if sum(weights) <= 0:
        weights = [1.0] * len(weights)
    total = twips(total_mm)
    widths = [round(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def table_element(style_id: str, widths: list[int], *, header: bool, banded: bool, indent: int = 0) -> etree._Element:
    """An empty `w:tbl` with its style, fixed layout, grid, and `indent` twips from the margin."""
    tbl = el("w:tbl")
    tblpr = el("w:tblPr")
    set_child(tblpr, el("w:tblStyle", {"w:val": style_id}), TBL_PR)
    set_child(tblpr, el("w:tblW", {"w:w": sum(widths), "w:type": "dxa"}), TBL_PR)
    if indent:
        set_child(tblpr, el("w:tblInd", {"w:w": indent, "w:type": "dxa"}), TBL_PR)
    set_child(tblpr, el("w:tblLayout", {"w:type": "fixed"}), TBL_PR)
    look = {
        "w:val": "04A0" if header else "0400",
        "w:firstRow": int(header),
        "w:lastRow": 0,
        "w:firstColumn": 0,
        "w:lastColumn": 0,
        "w:noHBand": int(not banded),
        "w:noVBand": 1,
    }
    set_child(tblpr, el("w:tblLook", look), TBL_PR)
    tbl.append(tblpr)
    tbl.append(el("w:tblGrid", None, *(el("w:gridCol", {"w:w": w}) for w in widths)))
    return tbl


def _text_length(blocks: tuple[Block, ...]) -> int:
    total = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            total += sum(len(r.text) for r in block.content)
        elif isinstance(block, Table):
            return SMALL_ROW_CHARS  # nested tables can be tall
        else:
            total += 40
    return total


class TableWriter:
    def __init__(self, renderer: DocxRenderer) -> None:
        self.r = renderer

    def new(self, style_id: str, widths: list[int], *, header: bool = False, banded: bool = False) -> etree._Element:
        """A table whose borders line up with the text margin.

        In Word's compatibility mode 14 (python-docx's template; LibreOffice follows it) a table's edge
        sits one cell margin left of the text margin; indenting by that margin puts it back. Mode 15
        documents (a modern reference file) align it already.
        """
        indent = 0 if self.r.modern_tables else self.r.styles.cell_margin_left(style_id)
        return table_element(style_id, widths, header=header, banded=banded, indent=indent)

    def row(
        self,
        cells: tuple[Cell, ...],
        widths: list[int],
        *,
        header: bool = False,
        shade: str | None = None,
        keep: bool = False,
        padding_mm: float = 0,
        highlight: str | None = None,
    ) -> etree._Element:
        """A table row; `shade` fills every cell, `highlight` the cells marked as highlighted."""
        tr = el("w:tr")
        trpr = el("w:trPr")
        small = sum(_text_length(c.content) for c in cells) < SMALL_ROW_CHARS
        if header or keep or small:
            set_child(trpr, el("w:cantSplit"), TR_PR)
        if header:
            set_child(trpr, el("w:tblHeader"), TR_PR)
        tr.append(trpr)
        column = 0
        for c in cells:
            if column >= len(widths):
                break
            span = max(1, min(c.span, len(widths) - column))
            width = sum(widths[column : column + span])
            tr.append(self.cell(c.content, width, span, highlight if c.highlight else shade, padding_mm))
            column += span
        while column < len(widths):  # a short row: fill it, Word wants every grid column covered
            tr.append(self.cell((), widths[column], 1, shade, padding_mm))
            column += 1
        return tr

    def cell(
        self, content: tuple[Block, ...], width: int, span: int, shade: str | None, padding_mm: float
    ) -> etree._Element:
        tc = el("w:tc")
        tcpr = el("w:tcPr")
        set_child(tcpr, el("w:tcW", {"w:w": width, "w:type": "dxa"}), TC_PR)
        if span > 1:
            set_child(tcpr, el("w:gridSpan", {"w:val": span}), TC_PR)
        if shade:
            set_child(tcpr, el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shade}), TC_PR)
        tc.append(tcpr)
        inner_mm = max(width / 1440 * 25.4 - 2 * padding_mm, 5)
        children = self.r.blocks(content, inner_mm)
        if not children or children[-1].tag != el("w:p").tag:  # a cell must end with a paragraph
            children.append(self.r.spacer_paragraph())
        for child in children:
            tc.append(child)
        return tc

    def table(self, table: Table, width_mm: float) -> list[etree._Element]:
        style = self.r.styles.table_style(table.style)
        style_id = self.r.styles.table(table.style)
        widths = column_widths(table.widths, width_mm)
        out: list[etree._Element] = []
        if table.caption:
            out.append(self.r.paragraph("caption", table.caption))
        tbl = self.new(style_id, widths, header=bool(table.header), banded=bool(style.zebra))
        highlight = self._colour(style.highlight_background)
        for row in table.header:
            cells = tuple(self._as_header(c, style.body_style, style.header_style) for c in row.cells)
            tbl.append(keep_with_next_row(self.row(cells, widths, header=True, padding_mm=style.padding)))
        last = len(table.rows) - 1
        for i, row in enumerate(table.rows):
            shade = highlight if row.highlight else None
            tr = self.row(row.cells, widths, shade=shade, padding_mm=style.padding, highlight=highlight)
            # As in the PDF, no body row alone on a page: the first row stays with the second, the
            # last with the one before it (Word keeps a row with the next when its paragraphs keepNext).
            tbl.append(keep_with_next_row(tr) if i < last and i in (0, last - 1) else tr)
        out.append(tbl)
        return out

    def _colour(self, name: str | None) -> str | None:
        colours = self.r.layout.colours
        return hex_colour(colours[name]) if name and name in colours else None

    @staticmethod
    def _as_header(c: Cell, body_style: str, header_style: str) -> Cell:
        """Header cells set in the table style's header paragraph style (composers write body cells)."""
        content = tuple(
            replace(b, style=header_style) if isinstance(b, Paragraph) and b.style == body_style else b
            for b in c.content
        )
        return replace(c, content=content)

    def schedule(self, grid: ScheduleGrid, width_mm: float) -> list[etree._Element]:
        """A day's timetable: time | session (title, detail) | room, with highlighted slots shaded."""
        style = self.r.styles.table_style(grid.style)
        return self.table(schedule_table(grid, style.header_style, style.body_style), width_mm)

    def key_value(self, kv: KeyValue, width_mm: float) -> list[etree._Element]:
        """Label/value pairs: a borderless two-column table whose rows stay together on one page."""
        style = self.r.styles.table_style(kv.style)
        key_style, value_style = self.r.styles.sheet.key_value(kv.style)
        widths = column_widths(KEY_VALUE_WIDTHS, width_mm)
        tbl = self.new(self.r.styles.table(kv.style), widths)
        for row in key_value_rows(kv, key_style, value_style):
            tbl.append(self.row(row.cells, widths, keep=True, padding_mm=style.padding))
        rows = list(tbl.iter(el("w:tr").tag))
        for row in rows[:-1]:  # the last row must not keep with what follows, or tables chain up
            for p in row.iter(el("w:p").tag):
                set_child(paragraph_properties(p), el("w:keepNext"), P_PR)
        return [tbl]
