"""Tables, timetables and label/value pairs as reportlab tables styled by the layout's table styles.

They follow the DOCX renderer's choices (relative column widths, header cells in the header style,
highlighted rows shaded, the same timetable and label/value columns) so the two formats of one
document agree. Top-level tables get absolute column widths from the text width, widened where a
column is narrower than its longest word; tables inside table cells keep percentages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import TableStyle as RLTableStyle

from briefpack.document.lowering import KEY_VALUE_WIDTHS, key_value_rows, schedule_table
from briefpack.document.model import (
    Block,
    Cell,
    KeyValue,
    Paragraph,
    Row,
    ScheduleGrid,
    Table,
)
from briefpack.errors import Problem, UserError
from briefpack.render.pdf.breaking import KeptTable, PageTable
from briefpack.render.pdf.markup import InlineMarkup
from briefpack.render.pdf.paragraph import Paragraph as PdfParagraph
from briefpack.render.pdf.tagging import Tree

MIN_CELL_TEXT = 3 * mm  # what a column must keep for text inside its padding


class TableBuilder:
    """Builds table flowables; cell content goes back through the block converter (`cell_blocks`)."""

    def __init__(
        self,
        markup: InlineMarkup,
        text_width: float,
        cell_blocks: Callable[[tuple[Block, ...]], list[Flowable]],
        tree: Tree,
    ) -> None:
        self.markup = markup
        self.styles = markup.styles
        self.text_width = text_width  # of body pages
        self.cell_blocks = cell_blocks
        self.tree = tree
        self._in_cell = 0

    def table(self, block: Table, kept: bool = False, row_headers: bool = False) -> list[Flowable]:
        """The table's flowables (a caption, then the table), tagged Table > THead/TBody > TR > TH/TD.

        Header rows are column headers; with `row_headers` (label/value pairs) each row's first cell
        heads its row. A table with neither is one a reader cannot navigate: its first column heads
        the rows then too, as in every table briefpack composes without a header row (a session's
        time, a label), so each row is announced by what it is about.
        """
        with self.tree.element("Table"):
            return self._table(block, kept, row_headers or not block.header)

    def _table(self, block: Table, kept: bool, row_headers: bool) -> list[Flowable]:
        style = self.styles.table(block.style)
        header = tuple(
            Row(tuple(_as_header(c, style.body_style, style.header_style) for c in row.cells)) for row in block.header
        )
        rows = (*header, *block.rows)
        columns = len(block.widths)
        if not rows or not columns:
            return []  # reportlab refuses an empty table; there is nothing to show
        out: list[Flowable] = []
        if block.caption:
            caption = PdfParagraph(self.markup.paragraph("caption", block.caption), self.styles.paragraph("caption"))
            caption.tag = self.tree.text("Caption", block.caption)
            caption.keepWithNext = 1
            caption.binds = True
            out.append(caption)
        data: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = self._table_look(block.style, len(header), len(rows))
        group = None
        for r, row in enumerate(rows):
            in_header = r < len(header)
            if group is None or (group == "THead") != in_header:
                if group is not None:
                    self.tree.close()
                group = "THead" if in_header else "TBody"
                self.tree.open(group, repeats=in_header)
            self.tree.open("TR")
            line: list[Any] = []
            for c in row.cells:
                column = len(line)
                if column >= columns:
                    break
                span = max(1, min(c.span, columns - column))
                if span > 1:
                    commands.append(("SPAN", (column, r), (column + span - 1, r)))
                if c.highlight and r >= len(header):
                    shade = self.styles.palette.colour(style.highlight_background)
                    commands.append(("BACKGROUND", (column, r), (column + span - 1, r), shade))
                if in_header:
                    cell = self.tree.open("TH", {"Scope": "Column"})
                elif row_headers and column == 0:
                    cell = self.tree.open("TH", {"Scope": "Row"})
                else:
                    cell = self.tree.open("TD")
                if span > 1:
                    cell.attrs["ColSpan"] = str(span)
                self._in_cell += 1
                try:
                    line.append(self.cell_blocks(c.content) or "")
                finally:
                    self._in_cell -= 1
                    self.tree.close()
                line.extend([""] * (span - 1))
            line.extend([""] * (columns - len(line)))
            data.append(line)
            self.tree.close()
            if r >= len(header) and row.highlight:
                commands.append(("BACKGROUND", (0, r), (-1, r), self.styles.palette.colour(style.highlight_background)))
        if group is not None:
            self.tree.close()
        total = sum(block.widths) or 1.0
        widths: list[Any] = [f"{100 * w / total:.6f}%" for w in block.widths]  # of whatever holds it
        if not self._in_cell:
            widths = fit_columns([self.text_width * w / total for w in block.widths], data, 2 * style.padding * mm)
            narrowest = min(widths)
            if narrowest - 2 * style.padding * mm < MIN_CELL_TEXT:
                raise UserError(
                    Problem(
                        f"table style `{block.style}`: a padding of {style.padding:g} mm leaves no room for text "
                        f"in a column {narrowest / mm:.0f} mm wide (layout `{self.styles.layout.name}`)",
                        hint="make `padding` smaller in the layout's `table_styles`",
                    )
                )
        table = (KeptTable if kept else PageTable)(
            data,
            colWidths=widths,
            style=RLTableStyle(commands),
            repeatRows=len(header),
            splitInRow=PageTable.MIN_PIECE,
            hAlign="LEFT",
        )
        table.spaceAfter = self.styles.table(block.style).space_after
        out.append(table)
        return out

    def _table_look(self, name: str, header_rows: int, rows: int) -> list[tuple[Any, ...]]:
        """Rules, padding, header shading and zebra stripes of a table style, as reportlab commands."""
        style = self.styles.table(name)
        palette = self.styles.palette
        pad = style.padding * mm
        body = self.styles.paragraph(style.body_style)
        rule = palette.colour(style.rule)
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), body.fontName),  # the table's own default would be Helvetica
            ("TEXTCOLOR", (0, 0), (-1, -1), body.textColor),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LINEBELOW", (0, 0), (-1, -1), style.rule_width, rule),
        ]
        if rows:
            commands.append(("LINEABOVE", (0, 0), (-1, 0), style.rule_width, rule))
        if header_rows and style.header_background:
            commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), palette.colour(style.header_background)))
        if style.zebra:
            zebra = palette.colour(style.zebra)
            commands.extend(("BACKGROUND", (0, r), (-1, r), zebra) for r in range(header_rows + 1, rows, 2))
        return commands

    def schedule(self, grid: ScheduleGrid) -> list[Flowable]:
        """A day's timetable: time | session (title, detail) | room, with highlighted slots shaded."""
        style = self.styles.table(grid.style)
        return self.table(schedule_table(grid, style.header_style, style.body_style))

    def key_value(self, block: KeyValue) -> list[Flowable]:
        """Label/value pairs: a two-column table without header, kept on one page."""
        key_style, value_style = self.styles.sheet.key_value(block.style)
        rows = key_value_rows(block, key_style, value_style)
        return self.table(Table(KEY_VALUE_WIDTHS, (), rows, style=block.style), kept=True, row_headers=True)


def fit_columns(widths: list[float], data: list[list[Any]], padding: float) -> list[float]:
    """Column widths from the layout's proportions, widened where a word would not fit.

    A column narrower than its longest word (a time such as "08:00–08:30", a long name) would have
    the word broken mid-way; such a column takes what it needs from columns with room to spare,
    in proportion to their spare room. When the words cannot all fit, the proportions stand.
    """
    needed = [0.0] * len(widths)
    for row in data:
        for column, value in enumerate(row):
            if isinstance(value, list):
                for flowable in value:
                    if isinstance(flowable, PdfParagraph):
                        word = flowable.minWidth() + flowable.style.leftIndent
                        needed[column] = max(needed[column], word + padding + 0.5)
    if sum(needed) > sum(widths):
        return widths
    out = list(widths)
    short = sum(max(0.0, n - w) for n, w in zip(needed, out, strict=True))
    if short <= 0:
        return out
    spare = [max(0.0, w - n) for n, w in zip(needed, out, strict=True)]
    total_spare = sum(spare)
    return [max(n, w - short * s / total_spare) for n, w, s in zip(needed, out, spare, strict=True)]


def _as_header(c: Cell, body_style: str, header_style: str) -> Cell:
    """Header cells set in the table style's header paragraph style (composers write body cells)."""
    content = tuple(
        replace(b, style=header_style) if isinstance(b, Paragraph) and b.style == body_style else b for b in c.content
    )
    return replace(c, content=content)
