"""Sheet geometry: cards (and, coming, badges) N-up on a sheet, the same numbers for every format.

As many columns and rows as fit inside the sheet margins, the grid centred on the sheet so
guillotine cuts line up through a stack. Lengths are millimetres from the sheet's bottom-left
corner; `scaled` gives the same geometry in another unit (points, for PDF).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from briefpack.errors import Problem, UserError
from briefpack.layout.model import PAGE_SIZES_MM, CardStyle

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

CUT_MARK_GAP_MM = 1.0
"""Gap between a card edge and the end of its cut mark: the mark stays visibly off the card."""


@dataclass(frozen=True)
class SheetGeometry:
    sheet: tuple[float, float]
    card: tuple[float, float]
    gutter: float
    columns: int
    rows: int
    mark_length: float
    mark_gap: float = CUT_MARK_GAP_MM

    @classmethod
    def of(cls, style: CardStyle, style_name: str, layout_name: str) -> SheetGeometry:
        """The grid of a card style; a card that does not fit once inside the margins is the layout's error."""
        sheet_w, sheet_h = PAGE_SIZES_MM[style.sheet]
        margin = style.sheet_margin
        columns = math.floor((sheet_w - 2 * margin + style.gutter) / (style.width + style.gutter) + 1e-9)
        rows = math.floor((sheet_h - 2 * margin + style.gutter) / (style.height + style.gutter) + 1e-9)
        if columns < 1 or rows < 1:
            raise UserError(
                Problem(
                    f"card style `{style_name}` of layout `{layout_name}`: a "
                    f"{style.width:g} x {style.height:g} mm card does not fit on {style.sheet} "
                    f"inside {style.sheet_margin:g} mm margins",
                    hint="make the card smaller or the sheet margin narrower",
                )
            )
        return cls((sheet_w, sheet_h), (style.width, style.height), style.gutter, columns, rows, style.crop_mark_length)

    def scaled(self, factor: float) -> SheetGeometry:
        """The same grid with every length multiplied by `factor` (e.g. points per millimetre)."""
        return replace(
            self,
            sheet=(self.sheet[0] * factor, self.sheet[1] * factor),
            card=(self.card[0] * factor, self.card[1] * factor),
            gutter=self.gutter * factor,
            mark_length=self.mark_length * factor,
            mark_gap=self.mark_gap * factor,
        )

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def origin(self) -> tuple[float, float]:
        """Bottom-left corner of the grid: the grid is centred on the sheet."""
        grid_w = self.columns * self.card[0] + (self.columns - 1) * self.gutter
        grid_h = self.rows * self.card[1] + (self.rows - 1) * self.gutter
        return ((self.sheet[0] - grid_w) / 2, (self.sheet[1] - grid_h) / 2)

    def card_box(self, index: int) -> Box:
        """The box of the card at `index` on a sheet, filled row by row from the top left."""
        row, column = divmod(index, self.columns)
        x0, y0 = self.origin
        w, h = self.card
        x = x0 + column * (w + self.gutter)
        top = y0 + self.rows * h + (self.rows - 1) * self.gutter - row * (h + self.gutter)
        return (x, top - h, x + w, top)

    def edges(self) -> tuple[list[float], list[float]]:
        """Every card edge: x positions of vertical cuts and y positions of horizontal cuts, sorted."""
        x0, y0 = self.origin
        w, h = self.card
        xs = sorted(
            {x0 + c * (w + self.gutter) for c in range(self.columns)}
            | {x0 + c * (w + self.gutter) + w for c in range(self.columns)}
        )
        ys = sorted(
            {y0 + r * (h + self.gutter) for r in range(self.rows)}
            | {y0 + r * (h + self.gutter) + h for r in range(self.rows)}
        )
        return xs, ys

    def cut_marks(self) -> list[Box]:
        """Marks in the sheet margin at every card edge, on all four sides, never over a card.

        They are the same on every sheet, so a printed stack can be cut with a guillotine in one pass
        per line. Each mark ends `mark_gap` short of the grid and is at most `mark_length` long,
        clipped at the paper edge.
        """
        xs, ys = self.edges()
        sheet_w, sheet_h = self.sheet
        gx0, gy0 = xs[0], ys[0]
        gx1, gy1 = xs[-1], ys[-1]
        lines: list[Box] = []

        def span(inner: float, outward: float) -> tuple[float, float]:
            """From `inner` (grid side) towards the paper edge: (start, end), clipped to the sheet."""
            start = inner + outward * self.mark_gap
            end = start + outward * self.mark_length
            return start, end

        for x in xs:
            a, b = span(gy0, -1.0)
            lines.append((x, max(b, 0.0), x, a))
            a, b = span(gy1, 1.0)
            lines.append((x, a, x, min(b, sheet_h)))
        for y in ys:
            a, b = span(gx0, -1.0)
            lines.append((max(b, 0.0), y, a, y))
            a, b = span(gx1, 1.0)
            lines.append((a, y, min(b, sheet_w), y))
        # A margin narrower than the gap leaves no room for a mark on that side.
        tiny = 0.01 * self.mark_gap / CUT_MARK_GAP_MM
        return [(x0, y0, x1, y1) for x0, y0, x1, y1 in lines if x1 - x0 > tiny or y1 - y0 > tiny]
