"""The DOCX renderer: a composed `Document` and a layout in, the bytes of a .docx out.

The document is written element by element (lxml, through python-docx's element classes) rather than
through python-docx's high-level API, because nearly every paragraph needs something that API does
not offer: per-script run marking, bookmarks, fields, schema-ordered properties. python-docx still owns
the package (parts, relationships, images, headers) and the base document.

Every paragraph names a Word style; direct paragraph formatting appears only where a style cannot say
it: keeping a particular block with the next, a page break before one, list numbering that restarts,
a spacer's height, a heading that stays out of the contents.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from briefpack.document.model import (
    Block,
    BulletList,
    CardGrid,
    Document,
    Heading,
    Image,
    Index,
    Inline,
    KeepTogether,
    KeyValue,
    PageBreak,
    Paragraph,
    Run,
    ScheduleGrid,
    Section,
    Spacer,
    Table,
    TableOfContents,
)
from briefpack.document.resolve import resolve
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.docx import package
from briefpack.render.docx.cards import CardWriter
from briefpack.render.docx.embedding import embed_fonts
from briefpack.render.docx.fields import BookmarkIds, field, field_begin, field_end, toc_instruction
from briefpack.render.docx.geometry import PageSetup, body_page, card_sheet
from briefpack.render.docx.images import picture_run, qr_png
from briefpack.render.docx.numbering import Numbering
from briefpack.render.docx.ooxml import (
    P_PR,
    TR_PR,
    el,
    paragraph_properties,
    set_child,
    twips,
)
from briefpack.render.docx.plan import plan_bookmarks
from briefpack.render.docx.runs import InlineWriter, default_languages
from briefpack.render.docx.sections import section_properties, write_headers
from briefpack.render.docx.styles import PICTURE, SPACER, Styles
from briefpack.render.docx.tables import TableWriter
from briefpack.render.translator import Translator, translates

W_P = qn("w:p")
W_TBL = qn("w:tbl")
INDEX_GAP = "\u2002"  # en space between an index term and its page numbers


def render_docx(
    document: Document, layout: Layout, fonts: FontSet, *, reference: Path | None = None, embed_fonts: bool = True
) -> bytes:
    """The document as .docx bytes, styled by `layout`, or by the styles of a `reference` .docx, with
    subsets of its fonts inside unless `embed_fonts` is False (see `embedding.py`).

    Rendering the same arguments twice gives identical bytes.
    """
    return DocxRenderer(document, layout, fonts, reference, embed_fonts).render()


class DocxRenderer(Translator):
    """The DOCX translator: each block type to WordprocessingML elements, at a text width in mm."""

    format = "docx"

    def __init__(
        self, document: Document, layout: Layout, fonts: FontSet, reference: Path | None, embed_fonts: bool = True
    ) -> None:
        self.document = document
        self.embed_fonts = embed_fonts
        self.layout = layout
        self.fonts = fonts
        self.resolved = resolve(document, layout)
        self.plan = plan_bookmarks(self.resolved)
        self.word = package.open_base(reference)
        self.styles = Styles(
            self.word,
            self.resolved.styles,
            fonts,
            keep_existing=reference is not None,
            borderless_tables=self.resolved.key_value_styles,
        )
        self.styles.build()
        self.east_asian, self.complex_script = default_languages(self.resolved.languages)
        self.styles.set_language(document.metadata.language, self.east_asian, self.complex_script)
        self.numbering = Numbering(self.word, self.styles)
        self.numbering.attach_to_styles()
        self.inline = InlineWriter(
            self.styles,
            fonts,
            self.word.part,
            document.metadata.language,
            self.plan.bookmarks,
            style_fonts_win=reference is not None,
        )
        self.bookmark_ids = BookmarkIds()
        self.modern_tables = package.compatibility_mode(self.word) >= 15
        self.tables = TableWriter(self)
        self.cards = CardWriter(self)
        self._headings = iter(self.resolved.headings)

    def render(self) -> bytes:
        body = self.word.element.body
        for child in list(body):
            body.remove(child)
        sections = self.document.sections or (Section(()),)
        for index, section in enumerate(sections):
            page = self.page_for(section)
            elements = self.blocks(section.blocks, page.text_width)
            if elements and elements[0].tag == W_TBL:
                # LibreOffice loses a section's page style when the section starts with a table.
                elements.insert(0, self.spacer_paragraph())
            if not elements or elements[-1].tag != W_P:
                elements.append(self.spacer_paragraph())
            for element in elements:
                body.append(element)
            start = None
            if index:
                start = "oddPage" if section.recto and self.layout.page.facing else "nextPage"
            sect = section_properties(page, start=start, landscape=self.layout.page.landscape)
            if index < len(sections) - 1:
                set_child(paragraph_properties(elements[-1]), sect, P_PR)
            else:
                body.append(sect)
            write_headers(self, sect, section, page)
        for number, doc_pr in enumerate(body.iter(qn("wp:docPr")), start=1):
            doc_pr.set("id", str(number))  # pictures were made before they were in the body: renumber
        package.apply_settings(
            self.word,
            facing=self.layout.page.facing,
            language=self.document.metadata.language,
            east_asian=self.east_asian,
            embed_fonts=self.embed_fonts,
        )
        package.set_properties(self.word, self.document.metadata)
        members = package.members(self.word)
        if self.embed_fonts:
            embed_fonts(members, self.fonts)
        return package.zipped(members)

    def page_for(self, section: Section) -> PageSetup:
        """Card sheets take their page from the card style; everything else from the layout."""
        if section.template == "cards":
            grid = next((b for b in section.blocks if isinstance(b, CardGrid)), None)
            if grid is not None:
                return card_sheet(self.resolved.sheets[grid.style]).page
        return body_page(self.layout)

    # ---- blocks -----------------------------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...], width_mm: float) -> list[etree._Element]:
        """Elements for a run of blocks; a page break becomes "page break before" on what follows."""
        out: list[etree._Element] = []
        break_pending = False
        for block in blocks:
            if isinstance(block, PageBreak):
                break_pending = True
                continue
            elements = self.block(block, width_mm)
            if break_pending and elements:
                if elements[0].tag == W_P:
                    set_child(paragraph_properties(elements[0]), el("w:pageBreakBefore"), P_PR)
                else:
                    out.append(self.page_break_paragraph())
                break_pending = False
            out.extend(elements)
        return out

    def block(self, block: Block, width_mm: float) -> list[etree._Element]:
        return self.translate(block, width_mm)

    @translates(Paragraph)
    def _paragraph(self, block: Paragraph, width_mm: float) -> list[etree._Element]:
        return [self.paragraph(block.style, block.content, block.anchor, block.keep_with_next)]

    @translates(Heading)
    def _heading(self, block: Heading, width_mm: float) -> list[etree._Element]:
        return [self.heading(block)]

    @translates(Table)
    def _table(self, block: Table, width_mm: float) -> list[etree._Element]:
        return self.tables.table(block, width_mm)

    @translates(ScheduleGrid)
    def _schedule(self, block: ScheduleGrid, width_mm: float) -> list[etree._Element]:
        return self.tables.schedule(block, width_mm)

    @translates(KeyValue)
    def _key_value(self, block: KeyValue, width_mm: float) -> list[etree._Element]:
        return self.tables.key_value(block, width_mm)

    @translates(CardGrid)
    def _card_grid(self, block: CardGrid, width_mm: float) -> list[etree._Element]:
        return self.cards.grid(block, self.resolved.sheets[block.style])

    @translates(Spacer)
    def _spacer(self, block: Spacer, width_mm: float) -> list[etree._Element]:
        return [self.spacer_paragraph(block.height_mm)]

    @translates(PageBreak)
    def _page_break(self, block: PageBreak, width_mm: float) -> list[etree._Element]:
        return [self.page_break_paragraph()]

    def styled_paragraph(self, style_id: str) -> etree._Element:
        return el("w:p", None, el("w:pPr", None, el("w:pStyle", {"w:val": style_id})))

    def paragraph(
        self, style: str, content: Inline, anchor: str | None = None, keep_with_next: bool = False
    ) -> etree._Element:
        p = self.styled_paragraph(self.styles.paragraph(style))
        if keep_with_next:
            set_child(paragraph_properties(p), el("w:keepNext"), P_PR)
        for child in self.inline.inline(style, content):
            p.append(child)
        if anchor is not None:
            self.bookmark_ids.wrap(p, [self.plan.bookmarks[anchor]])
        return p

    def heading(self, heading: Heading) -> etree._Element:
        """A heading in Word's "heading N" style (or the one it names), bookmarked for contents and links.

        Outline headings in another style get their outline level directly, so the TOC field (`\\u`) and
        the navigation pane still list them; non-outline headings are taken out of both.
        """
        style = heading.style_name
        p = self.paragraph(style, heading.content)
        own_level = style == f"heading{heading.level}"
        if heading.outline and not own_level:
            set_child(paragraph_properties(p), el("w:outlineLvl", {"w:val": heading.level - 1}), P_PR)
        elif not heading.outline:
            set_child(paragraph_properties(p), el("w:outlineLvl", {"w:val": 9}), P_PR)
        self.bookmark_ids.wrap(p, [self.plan.headings[next(self._headings).number]])
        return p

    @translates(BulletList)
    def bullet_list(self, block: BulletList, width_mm: float = 0) -> list[etree._Element]:
        """Items in "List Bullet"/"List Number" (for the layout's `list` style) with real numbering."""
        if block.style == "list":
            style_id = self.styles.style_id("List Number" if block.ordered else "List Bullet")
        else:
            style_id = self.styles.paragraph(block.style)
        num_id = self.numbering.item_numbering(style_id, block.style, block.ordered)
        out = []
        for item in block.items:
            p = self.styled_paragraph(style_id)
            if num_id is not None:
                numbering = el("w:numPr", None, el("w:ilvl", {"w:val": 0}), el("w:numId", {"w:val": num_id}))
                set_child(paragraph_properties(p), numbering, P_PR)
            for child in self.inline.inline(block.style, item):
                p.append(child)
            out.append(p)
        return out

    @translates(Image)
    def image(self, block: Image, width_mm: float) -> list[etree._Element]:
        if block.qr is not None:
            data = qr_png(block.qr, block.width_mm)
            alt = block.alt or "QR code"
        elif block.data is not None:
            data, alt = block.data, block.alt
        else:
            return []
        p = self.styled_paragraph(self.styles.style_id(PICTURE))
        p.append(picture_run(self.word.part, data, min(block.width_mm, width_mm), alt, f"image {alt!r}"))
        return [p]

    @translates(KeepTogether)
    def keep_together(self, block: KeepTogether, width_mm: float) -> list[etree._Element]:
        """Every paragraph kept whole and with the next, except the last; table rows unbreakable."""
        elements = self.blocks(block.blocks, width_mm)
        paragraphs = [p for e in elements for p in e.iter(W_P)]
        for p in paragraphs:
            set_child(paragraph_properties(p), el("w:keepLines"), P_PR)
        last_row = [list(e.iter(qn("w:tr")))[-1] for e in elements[-1:] if e.tag == qn("w:tbl")]
        ending = {id(p) for row in last_row for p in row.iter(W_P)} | {id(paragraphs[-1])} if paragraphs else set()
        for p in paragraphs:
            if id(p) not in ending:
                set_child(paragraph_properties(p), el("w:keepNext"), P_PR)
        for e in elements:
            for trpr in e.iter(qn("w:trPr")):
                set_child(trpr, el("w:cantSplit"), TR_PR)
        return elements

    def spacer_paragraph(self, height_mm: float | None = None) -> etree._Element:
        """An empty paragraph of the "Spacer" style, 1 pt high unless a height is given."""
        p = self.styled_paragraph(self.styles.style_id(SPACER))
        if height_mm is not None:
            spacing = {
                "w:before": 0,
                "w:after": 0,
                "w:line": max(twips(height_mm), 20),
                "w:lineRule": "exact",
            }
            set_child(paragraph_properties(p), el("w:spacing", spacing), P_PR)
        return p

    def page_break_paragraph(self) -> etree._Element:
        p = self.spacer_paragraph()
        p.append(el("w:r", None, el("w:br", {"w:type": "page"})))
        return p

    # ---- contents and index ------------------------------------------------------------------------

    @translates(TableOfContents)
    def table_of_contents(self, block: TableOfContents, width_mm: float = 0) -> list[etree._Element]:
        """A TOC field whose result already lists the headings, linked; page numbers come when Word updates it."""
        title = self.paragraph("toc-heading", (Run(block.title),)) if block.title else None
        entries = self.resolved.contents(block.levels)
        instruction = toc_instruction(block.levels)
        out = [title] if title is not None else []
        if not entries:
            p = self.styled_paragraph(self.styles.paragraph("toc1"))
            make = self.inline.maker("toc1")
            for child in [*field_begin(instruction, make), field_end(make)]:
                p.append(child)
            return [*out, p]
        for i, entry in enumerate(entries):
            style = f"toc{min(entry.level, 3)}"
            make = self.inline.maker(style)
            p = self.styled_paragraph(self.styles.paragraph(style))
            if i == 0:
                for child in field_begin(instruction, make):
                    p.append(child)
            link = el("w:hyperlink", {"w:anchor": self.plan.headings[entry.number], "w:history": 1})
            plain = tuple(Run(r.text, r.style, lang=r.lang) for r in entry.content)  # no links inside links
            for child in self.inline.inline(style, plain):
                link.append(child)
            p.append(link)
            if i == len(entries) - 1:
                p.append(field_end(make))
            out.append(p)
        return out

    @translates(Index)
    def index(self, block: Index, width_mm: float = 0) -> list[etree._Element]:
        """Terms (sorted by the resolve stage) followed by page references (PAGEREF fields, one per
        anchor: Word cannot merge two that land on one page) that are also links to the places."""
        out = []
        for entry in self.resolved.index(block):
            p = self.paragraph(block.style, entry.term)
            make = self.inline.maker(block.style)
            p.append(make(INDEX_GAP))
            for i, target in enumerate(entry.targets):
                if i:
                    p.append(make(", "))
                name = self.inline.bookmark(target)
                link = el("w:hyperlink", {"w:anchor": name, "w:history": 1})
                for child in field(f"PAGEREF {name} \\h", str(self.plan.pages.get(name, "?")), make):
                    link.append(child)
                p.append(link)
            out.append(p)
        return out
