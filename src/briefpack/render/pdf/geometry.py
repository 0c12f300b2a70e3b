"""Page geometry in points: trim, bleed, crop-mark room, facing-page margins, card grids.

Kept apart from reportlab objects so the numbers the tests check (box positions, frame edges,
card positions) come from one small, pure module. See renderer.py's docstring for the picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.units import mm

from briefpack.errors import Problem, UserError
from briefpack.layout.model import PAGE_SIZES_MM, CardStyle, Layout, Margins

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space

#: Gap between the bleed edge and the start of a crop mark, so a mark never prints into the bleed.
CROP_MARK_GAP = 1 * mm
#: Length of a page crop mark.
CROP_MARK_LENGTH = 5 * mm
#: Paper outside the marks, so an imagesetter never clips them.
CROP_MARK_MARGIN = 1 * mm
#: Line width of crop and cut marks (0.25 pt is the usual hairline printers ask for).
MARK_WIDTH = 0.25
#: Gap between a card edge and the end of its cut mark: the mark stays visibly off the card.
CUT_MARK_GAP = 1 * mm


@dataclass(frozen=True)
class PageGeometry:
    """A document page: the trim (finished size), placed `offset` points inside the media box.

    On screen the media box is the trim (offset 0). In print the media box grows by the bleed and,
    with crop marks, by room for the marks on every side; everything is drawn in trim coordinates
    shifted by `offset`, so content never scales (unlike reportlab's `cropMarks.bleedWidth`).
    """

    width: float  # trim width
    height: float  # trim height
    bleed: float  # 0 on screen
    offset: float  # media edge to trim edge
    margins: Margins
    facing: bool
    crop_marks: bool

    @classmethod
    def of(cls, layout: Layout, print_ready: bool) -> PageGeometry:
        page = layout.page
        width, height = (v * mm for v in page.size_mm)
        bleed = page.bleed * mm if print_ready else 0.0
        marks = print_ready and page.crop_marks
        room = CROP_MARK_GAP + CROP_MARK_LENGTH + CROP_MARK_MARGIN if marks else 0.0
        return cls(width, height, bleed, bleed + room, page.margins, page.facing, marks)

    @property
    def media(self) -> tuple[float, float]:
        return (self.width + 2 * self.offset, self.height + 2 * self.offset)

    @property
    def trim_box(self) -> Box:
        o = self.offset
        return (o, o, o + self.width, o + self.height)

    @property
    def bleed_box(self) -> Box:
        o, b = self.offset, self.bleed
        return (o - b, o - b, o + self.width + b, o + self.height + b)

    def is_recto(self, page_number: int) -> bool:
        """Right-hand pages have odd numbers; without facing pages every page is treated as recto."""
        return not self.facing or page_number % 2 == 1

    def sides(self, page_number: int) -> tuple[float, float]:
        """(left, right) margins in points: recto pages have the inner margin on the left."""
        left, right = self.margins.sides(self.is_recto(page_number))
        return (left * mm, right * mm)

    def text_block(self, page_number: int) -> Box:
        """The frame of running text, in media coordinates."""
        left, right = self.sides(page_number)
        o = self.offset
        return (
            o + left,
            o + self.margins.bottom * mm,
            o + self.width - right,
            o + self.height - self.margins.top * mm,
        )

    def crop_marks_lines(self) -> list[Box]:
        """Eight marks, two per corner, on the trim lines extended beyond the bleed."""
        x0, y0, x1, y1 = self.trim_box
        near = self.bleed + CROP_MARK_GAP
        far = near + CROP_MARK_LENGTH
        lines: list[Box] = []
        for x in (x0, x1):
            lines.append((x, y0 - far, x, y0 - near))
            lines.append((x, y1 + near, x, y1 + far))
        for y in (y0, y1):
            lines.append((x0 - far, y, x0 - near, y))
            lines.append((x1 + near, y, x1 + far, y))
        return lines


@dataclass(frozen=True)
class CardGridGeometry:
    """Cards N-up on a sheet: as many columns and rows as fit inside the sheet margins, centred."""

    sheet: tuple[float, float]
    card: tuple[float, float]
    gutter: float
    columns: int
    rows: int
    mark_length: float

    @classmethod
    def of(cls, style: CardStyle, style_name: str, layout_name: str) -> CardGridGeometry:
        sheet_w, sheet_h = (v * mm for v in PAGE_SIZES_MM[style.sheet])
        card_w, card_h, gutter, margin = (
            style.width * mm,
            style.height * mm,
            style.gutter * mm,
            style.sheet_margin * mm,
        )
        columns = math.floor((sheet_w - 2 * margin + gutter) / (card_w + gutter) + 1e-9)
        rows = math.floor((sheet_h - 2 * margin + gutter) / (card_h + gutter) + 1e-9)
        if columns < 1 or rows < 1:
            raise UserError(
                Problem(
                    f"card style `{style_name}` of layout `{layout_name}`: a "
                    f"{style.width:g} x {style.height:g} mm card does not fit on {style.sheet} "
                    f"inside {style.sheet_margin:g} mm margins",
                    hint="make the card smaller or the sheet margin narrower",
                )
            )
        return cls((sheet_w, sheet_h), (card_w, card_h), gutter, columns, rows, style.crop_mark_length * mm)

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
        per line. Each mark ends `CUT_MARK_GAP` short of the grid and is at most `mark_length` long,
        clipped at the paper edge.
        """
        xs, ys = self.edges()
        sheet_w, sheet_h = self.sheet
        gx0, gy0 = xs[0], ys[0]
        gx1, gy1 = xs[-1], ys[-1]
        lines: list[Box] = []

        def span(inner: float, outward: float) -> tuple[float, float]:
            """From `inner` (grid side) towards the paper edge: (start, end), clipped to the sheet."""
            start = inner + outward * CUT_MARK_GAP
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
        return [(x0, y0, x1, y1) for x0, y0, x1, y1 in lines if x1 - x0 > 0.01 or y1 - y0 > 0.01]
