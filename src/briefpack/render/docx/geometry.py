"""Page geometry of the DOCX sections: the layout's body pages and the card sheets.

Kept apart from the writers because styles need it too (the running head's and contents' right-aligned
tab stops sit at the text width), and so the numbers are easy to test on their own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from briefpack.layout.model import PAGE_SIZES_MM, CardStyle, Layout


@dataclass(frozen=True)
class PageSetup:
    """One section's page in millimetres; with facing pages, `left`/`right` are inner/outer margins."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def header_distance(self) -> float:
        """Half the top margin, so a one-line running head never pushes the text down."""
        return self.top / 2

    @property
    def footer_distance(self) -> float:
        return self.bottom / 2


def body_page(layout: Layout) -> PageSetup:
    """The layout's page; a facing layout's right-hand page, since Word mirrors it for the left-hand one."""
    width, height = layout.page.size_mm
    left, right = layout.page.margins.sides(right_hand_page=True)
    return PageSetup(width, height, layout.page.margins.top, layout.page.margins.bottom, left, right)


@dataclass(frozen=True)
class CardSheet:
    """Cards N-up on a sheet, the grid centred so guillotine cuts line up through the stack."""

    page: PageSetup
    columns: int
    rows: int
    style: CardStyle

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


def card_sheet(style: CardStyle) -> CardSheet:
    """Columns and rows that fit inside the sheet margins, and margins that centre that grid.

    The bottom margin is 1 mm short of centring: Word needs a paragraph after the last table of a
    section, and without room for it a full sheet would be followed by an empty one.
    """
    sheet_w, sheet_h = PAGE_SIZES_MM[style.sheet]
    usable_w = sheet_w - 2 * style.sheet_margin
    usable_h = sheet_h - 2 * style.sheet_margin
    columns = max(1, math.floor((usable_w + style.gutter) / (style.width + style.gutter)))
    rows = max(1, math.floor((usable_h + style.gutter) / (style.height + style.gutter)))
    grid_w = columns * style.width + (columns - 1) * style.gutter
    grid_h = rows * style.height + (rows - 1) * style.gutter
    side = max((sheet_w - grid_w) / 2, 0)
    top = max((sheet_h - grid_h) / 2, 1)
    page = PageSetup(sheet_w, sheet_h, top, max(top - 1, 0), side, side)
    return CardSheet(page, columns, rows, style)
