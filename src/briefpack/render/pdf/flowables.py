"""Document blocks as reportlab flowables: text, headings, lists, images, kept groups, navigation.

Each document anchor becomes a PDF destination on the flowable that carries it (`MarkedParagraph`),
and headings carry what the document template needs for the outline and the contents.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle as PdfParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, ListFlowable, PageBreak
from reportlab.platypus import Image as RLImage
from reportlab.platypus import KeepTogether as RLKeepTogether
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.flowables import BulletDrawer

from briefpack.document.model import (
    Block,
    BulletList,
    CardGrid,
    Heading,
    Image,
    Index,
    KeepTogether,
    KeyValue,
    Paragraph,
    ScheduleGrid,
    Spacer,
    Table,
    TableOfContents,
    runs,
)
from briefpack.document.model import PageBreak as DocPageBreak
from briefpack.document.resolve import Resolved
from briefpack.errors import Problem, UserError
from briefpack.render.pdf.cards import card_sheets
from briefpack.render.pdf.ledger import record_picture
from briefpack.render.pdf.markup import InlineMarkup, dest_name, plain
from briefpack.render.pdf.navigation import ANCHOR, Contents, IndexList
from briefpack.render.pdf.pages import HeadingInfo
from briefpack.render.pdf.paragraph import Paragraph as PdfParagraph
from briefpack.render.pdf.qr import QrFlowable
from briefpack.render.pdf.tables import TableBuilder
from briefpack.render.pdf.tagging import Node, Tree, tagged
from briefpack.render.translator import Translator, translates

BULLET = "\u2022"
BULLET_GAP = 2 * mm


class MarkedParagraph(PdfParagraph):
    """A paragraph that is a link destination, reports its anchors' page, and may be a heading.

    The destinations are set at the paragraph's top-left when it is drawn, and the anchors are
    reported to the document's indexing flowables (the index) with the page number. When reportlab
    splits the paragraph across pages, all of this stays with the first part, so links and index
    numbers point to the page where the paragraph starts.
    """

    dests: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    heading: HeadingInfo | None = None
    binds = False  # kept with what follows (a heading, a lead-in line): the ledger flags it at a page foot

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if parts:
            parts[0].dests, parts[0].anchors, parts[0].heading = self.dests, self.anchors, self.heading
            parts[-1].binds = self.binds  # only the end of a split paragraph leads into what follows
        return parts

    def draw(self) -> None:
        super().draw()
        for dest in self.dests:
            self.canv.bookmarkHorizontal(dest, 0, self.height)
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None and self.anchors and hasattr(doc, "_indexingFlowables"):
            for anchor in self.anchors:
                doc.notify(ANCHOR, (anchor, self.canv.getPageNumber()))


@dataclass(frozen=True)
class CardsContext:
    """Where card sheets go: the sheet frame's height (a sheet fills it)."""

    frame_height: float


class BlockConverter(Translator):
    """The PDF translator: each block type to flowables. One per document: heading destinations are
    named in reading order, matching the resolve stage's heading numbers.

    Tables, timetables and label/value pairs are built by `tables.TableBuilder`.
    """

    format = "pdf"

    def __init__(self, markup: InlineMarkup, resolved: Resolved, text_width: float) -> None:
        self.markup = markup
        self.styles = markup.styles
        self.resolved = resolved
        self.tree = Tree(resolved.document.metadata.language)
        self.tables = TableBuilder(markup, text_width, self.blocks, self.tree)
        self.dests: dict[int, str] = {}  # heading number -> its destination
        self._headings = iter(resolved.headings)
        self._generated = 0

    def blocks(self, blocks: Iterable[Block], cards: CardsContext | None = None) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.translate(block, cards))
        return fold_keeps(out)

    @translates(Paragraph)
    def _paragraph(self, block: Paragraph, cards: CardsContext | None) -> list[Flowable]:
        return [self.paragraph(block)]

    @translates(Heading)
    def _heading(self, block: Heading, cards: CardsContext | None) -> list[Flowable]:
        return [self.heading(block)]

    @translates(BulletList)
    def _bullet_list(self, block: BulletList, cards: CardsContext | None) -> list[Flowable]:
        return [self.bullet_list(block)]

    @translates(Table)
    def _table(self, block: Table, cards: CardsContext | None) -> list[Flowable]:
        return self.tables.table(block)

    @translates(KeyValue)
    def _key_value(self, block: KeyValue, cards: CardsContext | None) -> list[Flowable]:
        return self.tables.key_value(block)

    @translates(ScheduleGrid)
    def _schedule(self, block: ScheduleGrid, cards: CardsContext | None) -> list[Flowable]:
        return self.tables.schedule(block)

    @translates(Image)
    def _image(self, block: Image, cards: CardsContext | None) -> list[Flowable]:
        return [self.image(block)]

    @translates(CardGrid)
    def _card_grid(self, block: CardGrid, cards: CardsContext | None) -> list[Flowable]:
        if cards is None:
            raise ValueError("a CardGrid belongs in a section with template `cards`")
        sheet = self.resolved.sheets[block.style].scaled(mm)
        return list(card_sheets(block, self.markup, sheet, cards.frame_height, self.tree))

    @translates(KeepTogether)
    def _keep_together(self, block: KeepTogether, cards: CardsContext | None) -> list[Flowable]:
        inner = self.blocks(block.blocks, cards)
        if any(isinstance(f, IndexingFlowable) for f in inner):
            return inner  # multiBuild only finds contents and index lists at the top level
        return [RLKeepTogether(_flat(inner))] if inner else []

    @translates(TableOfContents)
    def _contents(self, block: TableOfContents, cards: CardsContext | None) -> list[Flowable]:
        return self.contents(block)

    @translates(Index)
    def _index(self, block: Index, cards: CardsContext | None) -> list[Flowable]:
        return [IndexList(self.markup, self.resolved.index(block), block.style, self.tree)]

    @translates(DocPageBreak)
    def _page_break(self, block: DocPageBreak, cards: CardsContext | None) -> list[Flowable]:
        return [PageBreak()]

    @translates(Spacer)
    def _spacer(self, block: Spacer, cards: CardsContext | None) -> list[Flowable]:
        return [RLSpacer(1, block.height_mm * mm)]

    # --- text ---------------------------------------------------------------------------------------

    def paragraph(self, block: Paragraph) -> MarkedParagraph:
        anchors = (block.anchor,) if block.anchor else ()
        flowable = MarkedParagraph(
            self.markup.paragraph(block.style, block.content), self.styles.paragraph(block.style)
        )
        flowable.tag = self.tree.text("P", block.content)
        flowable.anchors = anchors
        flowable.dests = tuple(dest_name(a) for a in anchors)
        if block.keep_with_next:
            flowable.keepWithNext = 1
            flowable.binds = True
        return flowable

    def _next_dest(self, kind: str) -> str:
        self._generated += 1
        return f"bp-{kind}.{self._generated}"  # never equal to a `dest_name` (those start "bp.")

    def heading(self, block: Heading) -> MarkedParagraph:
        style = block.style_name
        target = next(self._headings)
        dest = dest_name(block.anchor) if block.anchor else self._next_dest("heading")
        self.dests[target.number] = dest
        flowable = MarkedParagraph(self.markup.paragraph(style, block.content), self.styles.paragraph(style))
        flowable.tag = self.tree.text(f"H{min(max(block.level, 1), 6)}", block.content)
        flowable.anchors = (block.anchor,) if block.anchor else ()
        flowable.dests = (dest,)
        flowable.heading = HeadingInfo(block.level, plain(block.content), block.content, dest, target.outline)
        flowable.keepWithNext = 1  # a heading never ends a page
        flowable.binds = True
        return flowable

    def contents(self, block: TableOfContents) -> list[Flowable]:
        """The contents title (in the outline, not in the contents itself) and the list."""
        dest = self._next_dest("contents")
        title = runs(block.title)
        style = "toc-heading"
        flowable = MarkedParagraph(self.markup.paragraph(style, title), self.styles.paragraph(style))
        flowable.tag = self.tree.text("H1", title)
        flowable.dests = (dest,)
        flowable.heading = HeadingInfo(1, plain(block.title), title, dest, True, contents=False)
        flowable.keepWithNext = 1
        return [flowable, Contents(self.markup, block.levels, self.tree)]

    def bullet_list(self, block: BulletList) -> ListFlowable:
        look = self.styles.look(block.style)
        base = self.styles.paragraph(block.style)
        item_style = PdfParagraphStyle(f"{base.name}/item", parent=base, leftIndent=0, firstLineIndent=0)
        face = self.styles.face(look.font).face_name
        if block.ordered:
            widest = stringWidth(f"{len(block.items)}.", face, look.size)
            options: dict[str, Any] = {"bulletType": "1", "bulletFormat": "%s."}
        else:
            widest = stringWidth(BULLET, face, look.size)
            options = {"bulletType": "bullet", "start": BULLET}
        hang = widest + BULLET_GAP
        items, labels = [], []
        with self.tree.element("L") as listed:  # LI > Lbl (the bullet or number), LBody > P
            for item in block.items:
                entry = listed.add("LI")
                labels.append(entry.add("Lbl"))
                paragraph = PdfParagraph(self.markup.paragraph(block.style, item), item_style)
                paragraph.tag = self.tree.text("P", item, entry.add("LBody"))
                items.append(paragraph)
        return LabelledList(
            items,
            labels,
            leftIndent=look.indent * mm + hang,
            bulletDedent=hang,
            bulletFontName=face,
            bulletFontSize=look.size,
            bulletColor=base.textColor,
            bulletOffsetY=0,
            **options,
        )

    def image(self, block: Image) -> Flowable:
        width = block.width_mm * mm
        if block.qr is not None:
            try:
                qr = QrFlowable(block.qr, width, self.styles.palette.black)
                qr.tag = self.tree.add("Figure", {"Alt": block.alt or "QR code"})
                return qr
            except ValueError as err:
                raise UserError(Problem(f"QR code `{block.alt or block.qr[:40]}`: {err}")) from None
        if block.data is None:
            raise ValueError("an Image needs `data` or `qr`")
        try:
            image = _Picture(io.BytesIO(block.data))
            ratio = image.imageHeight / image.imageWidth
        except Exception:  # reportlab/PIL raise assorted errors for unreadable data
            raise UserError(
                Problem(f"image `{block.alt or 'without description'}` is not a PNG or JPEG file reportlab reads")
            ) from None
        image.drawWidth, image.drawHeight = width, width * ratio
        image.hAlign = "LEFT"
        if block.alt:  # an image without a description is decoration: it stays an Artifact
            image.tag = self.tree.add("Figure", {"Alt": block.alt})
        return image


class _Picture(RLImage):
    """A raster image that tells the ledger a page holds a picture (a page of only images is not empty)."""

    tag: Node | None = None

    def draw(self) -> None:
        with tagged(self.canv, self.tag):
            super().draw()
        record_picture(self.canv)


class LabelledList(ListFlowable):
    """A list whose bullets or numbers are drawn as the `Lbl` of their items (one node per item)."""

    def __init__(self, items: list[Flowable], labels: list[Node], **options: Any) -> None:
        self._labels = iter(labels)
        super().__init__(items, **options)

    def _makeBullet(self, value: Any, params: Any = None) -> Any:
        bullet = super()._makeBullet(value, params)
        bullet.__class__ = _Label
        bullet.tag = next(self._labels, None)
        return bullet


class _Label(BulletDrawer):
    tag: Node | None = None

    def drawOn(self, indenter: Any, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        with tagged(canv, self.tag):
            super().drawOn(indenter, canv, x, y, _sW)


def _flat(flowables: list[Flowable]) -> list[Flowable]:
    """Kept groups inside a kept group are kept anyway: splice them in (see breaking.KeptTable on why)."""
    out: list[Flowable] = []
    for f in flowables:
        out.extend(_flat(list(f._content)) if isinstance(f, RLKeepTogether) else [f])
    return out


def _binds(flowable: Flowable) -> bool:
    return bool(flowable.getKeepWithNext()) and not isinstance(flowable, RLKeepTogether)


def fold_keeps(flowables: list[Flowable]) -> list[Flowable]:
    """Join keep-with-next flowables (headings) to a kept group that follows them.

    reportlab groups a keep-with-next flowable with the next one, except when that one is a
    KeepTogether: the heading of an exhibit list or a contact block could then end a page alone.
    """
    out: list[Flowable] = []
    for f in flowables:
        if isinstance(f, RLKeepTogether):
            start = len(out)
            while start and _binds(out[start - 1]):
                start -= 1
            if start < len(out):
                f = RLKeepTogether([*out[start:], *f._content])
                del out[start:]
        out.append(f)
    return out
