"""Page templates and the document template: frames, facing pages, running heads, marks, outline.

One page template per document section, so a template carries its section's running head and kind
(`cover`, `body`, `cards`) and no state has to follow the flow of pages. On facing pages the frame is
placed when each page begins (`beforeDrawPage`), from the page's number: odd pages are recto, with
the inner margin on the left and the running head and page number on the right (outer) side.

Decorations that sit under the text (the cover band, which bleeds) are drawn when the page begins;
running heads, page numbers and crop marks when it ends, once it is known whether the page stayed
blank (a blank page inserted before a recto section carries no head or number).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable, BaseDocTemplate

from briefpack.document.model import Inline
from briefpack.errors import Problem, UserError
from briefpack.render.pdf.geometry import MARK_WIDTH, Box, PageGeometry
from briefpack.render.pdf.ledger import Ledger, ledger_of
from briefpack.render.pdf.markup import InlineMarkup
from briefpack.render.pdf.navigation import TOC_ENTRY, ContentsEntry
from briefpack.render.pdf.paragraph import Paragraph
from briefpack.render.pdf.tagging import Tagger

TEMPLATES = ("cover", "body", "cards")

#: Running head: its rule sits this far above the text block, the head text this far above the rule.
HEAD_RULE_GAP = 4 * mm
HEAD_TEXT_GAP = 1.2 * mm
RULE_WIDTH = 0.5
#: Running heads and page numbers stay this far inside the trim (a guillotine cuts within about 1 mm).
SAFETY_MARGIN = 3 * mm
#: The cover band: a strip of the `accent` colour along the top of a cover page, bled off three edges.
COVER_BAND_COLOUR = "accent"
COVER_BAND_SHARE_OF_TOP_MARGIN = 0.45


@dataclass(frozen=True)
class HeadingInfo:
    """What the document template needs to know about a heading flowable once it is placed."""

    level: int  # 1-3
    text: str  # plain text for the outline
    content: Inline  # runs for the contents entry
    dest: str  # destination name of its `<a name>`
    outline: bool  # in the PDF outline
    contents: bool = True  # in the table of contents (a contents title is not)


def template_kind(name: str, layout_name: str) -> str:
    if name not in TEMPLATES:
        raise UserError(
            Problem(
                f"the document uses page template `{name}`, which the PDF renderer does not have "
                f"(layout `{layout_name}`)",
                hint=f"use one of {', '.join(TEMPLATES)}",
            )
        )
    return name


class SectionTemplate(PageTemplate):
    """The pages of one section: cover or body pages on the document's page geometry."""

    def __init__(
        self,
        template_id: str,
        kind: str,
        geometry: PageGeometry,
        markup: InlineMarkup,
        *,
        running_head: str,
        print_ready: bool,
    ) -> None:
        self.kind = kind
        self.geometry = geometry
        self.markup = markup
        self.running_head = running_head
        self.print_ready = print_ready
        boxes: dict[str, Box] = {}
        if print_ready:
            boxes = {"trimBox": geometry.trim_box, "bleedBox": geometry.bleed_box}
        self.template_id = template_id
        super().__init__(template_id, [self._frame(1)], pagesize=geometry.media, **boxes)

    def _frame(self, page: int) -> Frame:
        x0, y0, x1, y1 = self.geometry.text_block(page)
        return Frame(
            x0,
            y0,
            x1 - x0,
            y1 - y0,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{self.template_id}.text",
        )

    def beforeDrawPage(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self.frames = [self._frame(doc.page)]
        _start_page(canv, doc.page, self.geometry.text_block(doc.page), self.geometry.trim_box)
        if self.kind == "cover":
            self._cover_band(canv)

    def afterDrawPage(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        blank = doc._curPageFlowableCount == 0
        if self.kind == "body" and not blank:
            ledger = ledger_of(canv)
            if ledger is not None:
                ledger.furniture = True
            try:
                self._running_head(canv, doc.page)
            finally:
                if ledger is not None:
                    ledger.furniture = False
        if self.print_ready and self.geometry.crop_marks:
            _lines(canv, self.geometry.crop_marks_lines(), self.markup.styles.palette.registration)

    def _cover_band(self, canv: Canvas) -> None:
        """A colour strip on the cover that touches the trim on three sides, so it runs into the bleed."""
        if COVER_BAND_COLOUR not in self.markup.styles.layout.colours:
            return
        g = self.geometry
        x0, _, x1, y1 = g.trim_box
        depth = g.margins.top * mm * COVER_BAND_SHARE_OF_TOP_MARGIN
        canv.saveState()
        canv.setFillColor(self.markup.styles.palette.colour(COVER_BAND_COLOUR))
        canv.rect(x0 - g.bleed, y1 - depth, (x1 - x0) + 2 * g.bleed, depth + g.bleed, stroke=0, fill=1)
        canv.restoreState()

    def _running_head(self, canv: Canvas, page: int) -> None:
        layout = self.markup.styles.layout
        head = layout.running_head
        x0, y0, x1, y1 = self.geometry.text_block(page)
        width = x1 - x0
        outer = "right" if self.geometry.is_recto(page) else "left"
        style = self.markup.styles.aligned(head.style, outer)
        canv.saveState()
        rule_y = y1 + HEAD_RULE_GAP
        if self.running_head:
            para = Paragraph(self.markup.text(head.style, self.running_head), style)
            para.wrap(width, rule_y)
            para.drawOn(canv, x0, rule_y + HEAD_TEXT_GAP)  # grows upwards into the margin if it wraps
        if head.rule:
            palette = self.markup.styles.palette
            colour = palette.colour("rule") if "rule" in layout.colours else style.textColor
            canv.setStrokeColor(colour)
            canv.setLineWidth(RULE_WIDTH)
            canv.line(x0, rule_y, x1, rule_y)
        if head.show_page_numbers:
            number = Paragraph(self.markup.text(head.style, str(page)), style)
            _, height = number.wrap(width, y0)
            bottom = self.geometry.offset + (self.geometry.margins.bottom * mm - height) / 2
            number.drawOn(canv, x0, bottom)
        canv.restoreState()


class CardsTemplate(PageTemplate):
    """Card sheets: the sheet is the page (no bleed, no crop marks: the sheet draws its own cut marks)."""

    def __init__(self, template_id: str, sheet: tuple[float, float], margin: float, *, print_ready: bool) -> None:
        self.kind = "cards"
        width, height = sheet
        self.frame_height = height - 2 * margin  # a card sheet fills exactly this
        boxes: dict[str, Box] = {}
        if print_ready:
            boxes = {"trimBox": (0, 0, width, height), "bleedBox": (0, 0, width, height)}
        frame = Frame(
            margin,
            margin,
            width - 2 * margin,
            height - 2 * margin,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{template_id}.sheet",
        )
        super().__init__(template_id, [frame], pagesize=sheet, **boxes)

    def beforeDrawPage(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        frame = self.frames[0]
        sheet = (frame._x1, frame._y1, frame._x1 + frame._width, frame._y1 + frame._height)
        _start_page(canv, doc.page, sheet, (0.0, 0.0, *self.pagesize))


def _start_page(canv: Canvas, number: int, live: Box, trim: Box) -> None:
    ledger = ledger_of(canv)
    if ledger is not None:
        x0, y0, x1, y1 = trim
        ledger.start_page(
            number, live, (x0 + SAFETY_MARGIN, y0 + SAFETY_MARGIN, x1 - SAFETY_MARGIN, y1 - SAFETY_MARGIN)
        )


def _lines(canv: Canvas, lines: list[Box], colour: Any) -> None:
    canv.saveState()
    canv.setStrokeColor(colour)
    canv.setLineWidth(MARK_WIDTH)
    canv.lines(lines)
    canv.restoreState()


class RectoBreak(ActionFlowable):
    """Start the next content on a right-hand (odd) page, leaving a blank page if needed."""

    def __init__(self) -> None:
        super().__init__(("rectoBreak",))

    def apply(self, doc: BaseDocTemplate) -> None:
        if doc.page % 2 == 0:
            ledger = ledger_of(doc.canv)
            if ledger is not None and doc.page in ledger.pages:
                ledger.page(doc.page).blank_by_design = True
            doc.handle_pageBreak()


class BriefDocTemplate(BaseDocTemplate):
    """Turns placed headings into outline entries and contents entries, once per heading per pass.

    The first pass of a document with a contents or index list that was not seeded (see
    `navigation.seed`) only finds the page numbers: it cannot be the last, since its lists are still
    empty, so it is a *sketch*: pages are laid out exactly as in a full pass but paragraphs put no
    text on the canvas (a third of a pass's time), and another pass always follows.
    """

    seeded = False
    tagged = False  # record marked content (tagging.py): set for tagged editions

    def multiBuild(self, story: list[Any], *args: Any, **kwargs: Any) -> int:
        self._passes = 0
        return super().multiBuild(story, *args, **kwargs)

    def beforeDocument(self) -> None:
        self.ledger = Ledger()  # each pass draws afresh; the last pass's record is the file's
        self.tagger = Tagger() if self.tagged else None
        self._outline_level = -1
        self._placed: set[str] = set()
        self._passes = getattr(self, "_passes", 0) + 1
        self.sketch = self._passes == 1 and not self.seeded and bool(getattr(self, "_indexingFlowables", ()))

    def _allSatisfied(self) -> bool:
        satisfied = not self.sketch and super()._allSatisfied()
        if satisfied:
            # reportlab undoes what a pass changed on the story (the keepWithNext it zeroes on grouped
            # headings, the mark on postponed flowables) only before another pass. Undone after the last
            # one too, the story can be laid out again, as the next edition of the document.
            edits = self._multiBuildEdits.__self__
            while edits:
                undo, *args = edits.pop(0)
                undo(*args)
        return satisfied

    def handle_pageBegin(self) -> None:
        if self.tagger is not None:
            self.tagger.start_page(self.canv)
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Any) -> None:
        heading: HeadingInfo | None = getattr(flowable, "heading", None)
        if heading is None or heading.dest in self._placed:
            return
        self._placed.add(heading.dest)
        if heading.outline and heading.text:  # an empty heading makes a blank, useless bookmark
            # An outline level may only go one deeper than the entry before it (reportlab raises
            # otherwise): a level-3 heading straight after a level-1 heading nests as level 2.
            level = min(heading.level - 1, self._outline_level + 1)
            if self._outline_level < 0:
                self.canv.showOutline()
            self.canv.addOutlineEntry(heading.text, heading.dest, level=level)
            self._outline_level = level
            if heading.contents:
                self.notify(TOC_ENTRY, ContentsEntry(heading.level, heading.content, self.page, heading.dest))
