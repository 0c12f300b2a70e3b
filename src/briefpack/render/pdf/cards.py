"""Business cards N-up on sheets, with guillotine cut marks, fitted text and a QR code each.

The grid comes from the resolve stage (`document/sheets.py`), scaled to points. Every sheet draws the same
cut marks, whether or not it is full, so a printed stack lines up under the guillotine.

Text is fitted before any page is laid out, so a card that cannot hold its text stops the build
with a message naming whose card it is, instead of printing clipped or overlapping text:

1. each line that is too wide for one line shrinks in `shrink_step`s, down to `min_font_size`;
2. a line still too wide at that size wraps;
3. if the lines are then taller than the card, all lines shrink together, step by step, to the floor;
4. if they still do not fit: `UserError` naming the card's `label`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.styles import ParagraphStyle as RLParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from briefpack.document.model import Card, CardGrid
from briefpack.document.model import Paragraph as DocParagraph
from briefpack.document.sheets import SheetGeometry
from briefpack.errors import Problem, UserError
from briefpack.layout.model import CardStyle
from briefpack.render.pdf.geometry import MARK_WIDTH
from briefpack.render.pdf.markup import InlineMarkup
from briefpack.render.pdf.paragraph import Paragraph
from briefpack.render.pdf.qr import QUIET_ZONE, draw_qr, qr_matrix
from briefpack.render.pdf.tagging import Node, Tree, tagged
from briefpack.render.vcard import qr_payload


def _shortened(label: str, limit: int = 60) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


QR_GAP = 3 * mm  # between the text column and the QR code
_TALL = 1e6


@dataclass(frozen=True)
class FittedLine:
    markup: str
    style: RLParagraphStyle
    height: float  # wrapped height at the text width


@dataclass(frozen=True)
class FittedCard:
    lines: tuple[FittedLine, ...]
    qr: str | None
    tags: tuple[Node | None, ...] = ()  # one per line, then the QR code's Figure (tagging.py)


class CardFitter:
    """Fits each card's lines into the card's text area (see module docstring)."""

    def __init__(self, markup: InlineMarkup, style: CardStyle) -> None:
        self.markup = markup
        self.style = style
        self.inner_w = (style.width - 2 * style.padding) * mm
        self.inner_h = (style.height - 2 * style.padding) * mm

    def text_width(self, has_qr: bool) -> float:
        return self.inner_w - (self.style.qr_size * mm + QR_GAP if has_qr else 0.0)

    def _shrink(self, size: float) -> float:
        return max(self.style.min_font_size, size - self.style.shrink_step)

    def _layout(self, line: DocParagraph, size: float, width: float) -> tuple[FittedLine, int]:
        style = self.markup.styles.paragraph(line.style, size)
        text = self.markup.paragraph(line.style, line.content, size=size)
        para = Paragraph(text, style)
        _, height = para.wrap(width, _TALL)
        broken = getattr(para, "blPara", None)  # set by wrap; absent for an empty paragraph
        lines = len(broken.lines) if broken is not None else 0
        return FittedLine(text, style, height), lines

    def fit(self, card: Card) -> FittedCard:
        lines = _shown_lines(card)
        qr = qr_payload(card, self.style)
        if qr:
            self._check_qr(card)
        width = self.text_width(qr is not None)
        if width < 10 * mm:
            raise self._error(card, "its QR code leaves no room for text")
        sizes = []
        for line in lines:
            size = self.markup.styles.look(line.style).size
            while size > self.style.min_font_size and self._layout(line, size, width)[1] > 1:
                size = self._shrink(size)
            sizes.append(size)
        while True:
            fitted = [self._layout(line, size, width)[0] for line, size in zip(lines, sizes, strict=True)]
            needed = _stack_height(fitted)
            if needed <= self.inner_h + 0.01:
                return FittedCard(tuple(fitted), qr)
            if all(size <= self.style.min_font_size for size in sizes):
                raise self._error(
                    card,
                    f"its text needs {needed / mm:.1f} mm at {self.style.min_font_size:g} pt, "
                    f"the card has {self.inner_h / mm:.1f} mm",
                )
            sizes = [self._shrink(size) for size in sizes]

    def _check_qr(self, card: Card) -> None:
        qr = self.style.qr_size * mm
        if qr > self.inner_h or qr > self.inner_w:
            raise self._error(card, f"its {self.style.qr_size:g} mm QR code is larger than the card's text area")

    @staticmethod
    def _error(card: Card, why: str) -> UserError:
        return UserError(
            Problem(
                f"the card for `{_shortened(card.label) or 'an unnamed card'}` does not fit: {why}",
                hint="shorten its longest lines (title, organisation), or use a larger card style "
                "or a smaller `min_font_size` in the layout",
            )
        )


def _shown_lines(card: Card) -> list[DocParagraph]:
    """The lines a card prints: those with any text."""
    return [line for line in card.lines if any(run.text.strip() for run in line.content)]


def _tagged_card(fitted: FittedCard, card: Card, tree: Tree) -> FittedCard:
    with tree.element("Div"):
        tags = [tree.text("P", line.content) for line in _shown_lines(card)]
        if fitted.qr:
            tags.append(tree.add("Figure", {"Alt": f"QR code: the contact card of {card.label}".strip()}))
    return replace(fitted, tags=tuple(tags))


def _stack_height(lines: Sequence[FittedLine]) -> float:
    total = 0.0
    for i, line in enumerate(lines):
        total += line.height
        if i:
            total += line.style.spaceBefore
        if i < len(lines) - 1:
            total += line.style.spaceAfter
    return total


class CardSheet(Flowable):
    """One sheet of cards; it fills its frame, so every sheet is its own page.

    It draws in sheet coordinates: the sheet's frame is fixed, so the flowable removes the frame
    offset and positions cards and marks absolutely.
    """

    def __init__(
        self,
        cards: Sequence[FittedCard],
        grid: SheetGeometry,
        style: CardStyle,
        frame_height: float,
        ink: Any,
    ) -> None:
        super().__init__()
        self.cards = tuple(cards)
        self.grid = grid
        self.style = style
        self.frame_height = frame_height
        self.ink = ink

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Claim the whole frame: with anything above it on the page, the sheet moves to a fresh page.
        return (availWidth, self.frame_height)

    def draw(self) -> None:
        canv = self.canv
        origin_x, origin_y = canv.absolutePosition(0, 0)
        canv.saveState()
        canv.translate(-origin_x, -origin_y)
        canv.setStrokeColor(self.ink)
        canv.setLineWidth(MARK_WIDTH)
        canv.lines(self.grid.cut_marks())
        for index, card in enumerate(self.cards):
            self._draw_card(card, self.grid.card_box(index))
        canv.restoreState()

    def _draw_card(self, card: FittedCard, box: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = box
        pad = self.style.padding * mm
        qr = self.style.qr_size * mm
        width = (x1 - x0) - 2 * pad - (qr + QR_GAP if card.qr else 0.0)
        cursor = y1 - pad
        tags = iter(card.tags)
        for i, line in enumerate(card.lines):
            if i:
                cursor -= line.style.spaceBefore
            para = Paragraph(line.markup, line.style)
            para.tag = next(tags, None)
            _, height = para.wrap(width, _TALL)
            para.drawOn(self.canv, x0 + pad, cursor - height)
            cursor -= height + line.style.spaceAfter
        if card.qr:
            # The card's padding and the gap to the text are white already; when they are wide enough
            # to be the quiet zone, the code itself may fill the square, with larger modules.
            _, unit = qr_matrix(card.qr, qr, quiet=False)
            quiet = QUIET_ZONE * unit > min(pad, QR_GAP)
            with tagged(self.canv, next(tags, None)):
                draw_qr(self.canv, card.qr, x1 - pad - qr, y0 + pad, qr, self.ink, quiet=quiet)


def card_sheets(
    grid_block: CardGrid, markup: InlineMarkup, grid: SheetGeometry, frame_height: float, tree: Tree
) -> list[CardSheet]:
    """The sheets of a card grid on `grid` (in points), every card fitted (or a `UserError` for the
    first that does not fit). Each card is a `Div` of its lines and its QR code's `Figure`."""
    style = markup.styles.card(grid_block.style)
    fitter = CardFitter(markup, style)
    fitted = [_tagged_card(fitter.fit(card), card, tree) for card in grid_block.cards]
    ink = markup.styles.palette.black
    sheets = [
        CardSheet(fitted[i : i + grid.per_sheet], grid, style, frame_height, ink)
        for i in range(0, len(fitted), grid.per_sheet)
    ]
    return sheets
