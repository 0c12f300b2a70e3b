"""Page geometry in points: trim, bleed, crop-mark room, facing-page margins
(card grids: `document/sheets.py`, scaled to points).

Kept apart from reportlab objects so the numbers the tests check (box positions, frame edges,
card positions) come from one small, pure module. See renderer.py's docstring for the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from briefpack.layout.model import Layout, Margins

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space

#: Gap between the bleed edge and the start of a crop mark, so a mark never prints into the bleed.
CROP_MARK_GAP = 1 * mm
#: Length of a page crop mark.
CROP_MARK_LENGTH = 5 * mm
#: Paper outside the marks, so an imagesetter never clips them.
CROP_MARK_MARGIN = 1 * mm
#: Line width of crop and cut marks (0.25 pt is the usual hairline printers ask for).
MARK_WIDTH = 0.25


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
