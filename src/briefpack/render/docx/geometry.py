"""Page geometry of the DOCX sections: the layout's body pages and the card sheets.

Kept apart from the writers because styles need it too (the running head's and contents' right-aligned
tab stops sit at the text width), and so the numbers are easy to test on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefpack.document.sheets import SheetGeometry
from briefpack.layout.model import Layout


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
    """A card grid (the resolve stage's, see `document/sheets.py`) as a Word section's page."""

    page: PageSetup
    grid: SheetGeometry


def card_sheet(grid: SheetGeometry) -> CardSheet:
    """Margins that centre the grid on its sheet.

    The bottom margin is 1 mm short of centring: Word needs a paragraph after the last table of a
    section, and without room for it a full sheet would be followed by an empty one.
    """
    sheet_w, sheet_h = grid.sheet
    side, bottom = grid.origin
    top = max(bottom, 1)
    return CardSheet(PageSetup(sheet_w, sheet_h, top, max(top - 1, 0), max(side, 0), max(side, 0)), grid)
