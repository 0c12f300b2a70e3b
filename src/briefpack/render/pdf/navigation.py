"""Contents and index: lists whose page numbers are only known after the pages are laid out.

Both are reportlab indexing flowables, so `multiBuild` lays the document out until they are stable:
each pass the document template reports what landed where (`notify`), and a list that learned
something new asks for another pass (`isSatisfied`). The headings report through the template's
`afterFlowable` (page of the flowable just placed); anchors report when their paragraph is drawn, so
an anchor inside a table cell is found too. Page numbers are the physical page numbers, counted from
the first page, exactly as the running footers print them.

A finished layout's page numbers can seed another edition of the same document (`pagination`,
`seed`): the print edition has the same text frames as the screen edition, so seeded with the
screen's numbers its first pass is already right and multiBuild stops after one pass instead of two.
A seed that turns out wrong only costs the passes it would have cost anyway.

Each list is one reportlab Table (text | number), so it splits across pages like any table, and each
entry and number links to its destination. (reportlab's own TableOfContents writes the raw entry
text into markup, sets numbers in one font and shrinks long entries; it is not used.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table
from reportlab.platypus import TableStyle as RLTableStyle
from reportlab.platypus.doctemplate import IndexingFlowable

from briefpack.document.model import Inline
from briefpack.document.resolve import IndexTerm
from briefpack.render.pdf.breaking import PageTable
from briefpack.render.pdf.ledger import first_baseline_drop
from briefpack.render.pdf.markup import InlineMarkup, dest_name, escape, plain
from briefpack.render.pdf.paragraph import Paragraph
from briefpack.render.pdf.tagging import Node, Tree

TOC_ENTRY = "TOCEntry"  # stuff: ContentsEntry
ANCHOR = "Anchor"  # stuff: (anchor, page)

NUMBER_GAP = 6.0  # points between an entry and its page numbers


@dataclass(frozen=True)
class ContentsEntry:
    level: int  # 1-based heading level
    content: Inline
    page: int
    dest: str


class _TwoColumnList(IndexingFlowable):
    """An indexing flowable drawn as a table of (entry, numbers) rows."""

    splits_like_a_table = True  # see breaking.HeadingKeep

    def __init__(self, tree: Tree, role: str) -> None:
        super().__init__()
        self.tree = tree
        self.node = tree.add(role)  # its structure element; the rows' elements are made afresh with the rows
        self._table: Table | None = None
        self._tables: dict[float, Table] = {}  # by width; a frame asks many times per pass
        self._paragraphs: dict[tuple[str, int, int], Paragraph] = {}  # rows repeat from pass to pass

    def paragraph(self, row: int, text: str, style: Any, tag: Node) -> Paragraph:
        """The paragraph of row `row` for this markup and style, made once: each pass rebuilds the rows,
        and most of them (every entry's text, most numbers) are the same as in the pass before. Keyed by
        row too, so two rows alike are two paragraphs, each with its own structure element."""
        key = (text, id(style), row)  # styles live as long as the render's StyleBook, which outlives this list
        if key not in self._paragraphs:
            self._paragraphs[key] = Paragraph(text, style)
        paragraph = self._paragraphs[key]
        paragraph.tag = tag
        return paragraph

    def _forget(self) -> None:
        """The rows change (a new pass, a seed): tables built from the old rows are stale."""
        self._tables = {}

    def rows(self) -> list[tuple[Paragraph, Paragraph, str]]:
        """(entry, numbers, numbers as plain text) per row, from the last complete pass."""
        raise NotImplementedError

    def found(self) -> Any:
        """What the last pass found (entries, or anchor pages): an edition's seed."""
        raise NotImplementedError

    def seed(self, found: Any) -> None:
        """Start from what another edition found, as if a pass had found it."""
        raise NotImplementedError

    def empty_style(self) -> Any:
        raise NotImplementedError

    def _build(self, avail_width: float) -> Table:
        rows = self.rows()
        if not rows:  # first pass: nothing known yet, but the table still needs a row
            rows = [(Paragraph("", self.empty_style()), Paragraph("", self.empty_style()), "")]
        widest = max(stringWidth(plain, numbers.style.fontName, numbers.style.fontSize) for _, numbers, plain in rows)
        number_width = min(max(widest + NUMBER_GAP, 2 * NUMBER_GAP), avail_width * 0.4)
        first = rows[0][0].style
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), first.fontName),  # the table's own default would be Helvetica
            ("TEXTCOLOR", (0, 0), (-1, -1), first.textColor),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        entry_width = avail_width - number_width
        for i, (entry, numbers, _) in enumerate(rows):
            # The numbers sit on the baseline of the entry's first line, whatever script (and so line
            # height) that line has: the shallower first line is padded down to the deeper one.
            drop = _first_drop(entry, entry_width) - _first_drop(numbers, number_width)
            before = entry.style.spaceBefore
            commands.append(("TOPPADDING", (0, i), (0, i), before + max(0.0, -drop)))
            commands.append(("TOPPADDING", (1, i), (1, i), before + max(0.0, drop)))
            if entry.style.spaceAfter:
                commands.append(("BOTTOMPADDING", (0, i), (-1, i), entry.style.spaceAfter))
        return PageTable(
            [[entry, numbers] for entry, numbers, _ in rows],
            colWidths=(entry_width, number_width),
            style=RLTableStyle(commands),
            hAlign="LEFT",
            splitInRow=PageTable.MIN_PIECE,
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth not in self._tables:
            self._tables[availWidth] = self._build(availWidth)
        self._table = self._tables[availWidth]
        return self._table.wrapOn(self.canv, availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if self._table is None:
            self.wrap(availWidth, availHeight)
        assert self._table is not None
        return self._table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        assert self._table is not None
        self._table.drawOn(canvas, x, y, _sW)


def _first_drop(para: Paragraph, width: float) -> float:
    para.wrap(width, 1e6)
    lines = getattr(getattr(para, "blPara", None), "lines", None)
    return first_baseline_drop(lines[0]) if lines and para.blPara.kind == 1 else 0.0


class Contents(_TwoColumnList):
    """The table of contents: headings up to `levels`, each linked, with its page number."""

    def __init__(self, markup: InlineMarkup, levels: int, tree: Tree) -> None:
        super().__init__(tree, "TOC")
        self.markup = markup
        self.levels = levels
        self._entries: list[ContentsEntry] = []
        self._last: list[ContentsEntry] = []

    def beforeBuild(self) -> None:
        self._last, self._entries = self._entries, []
        self._forget()

    def found(self) -> tuple[ContentsEntry, ...]:
        return tuple(self._entries)

    def seed(self, found: tuple[ContentsEntry, ...]) -> None:
        self._entries = list(found)
        self._forget()

    def empty_style(self) -> Any:
        return self.markup.styles.paragraph("toc1")

    def isSatisfied(self) -> bool:
        return self._entries == self._last

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == TOC_ENTRY and stuff.level <= self.levels:
            self._entries.append(stuff)

    def rows(self) -> list[tuple[Paragraph, Paragraph, str]]:
        """Each entry a TOCI of two links to its heading: its text and its page number."""
        out = []
        self.node.kids = []
        for row, entry in enumerate(self._last):
            style = f"toc{min(entry.level, 3)}"
            text = self.markup.paragraph(style, entry.content, links=False)
            number = self.markup.text(style, str(entry.page))
            link = f'<a href="#{entry.dest}">'
            item = self.node.add("TOCI")
            title, page = self.tree.text("Link", entry.content, item) or item.add("Link"), item.add("Link")
            title.text = page.text = plain(entry.content)
            out.append(
                (
                    self.paragraph(row, f"{link}{text}</a>", self.markup.styles.paragraph(style), title),
                    self.paragraph(row, f"{link}{number}</a>", self.markup.styles.number(style), page),
                    str(entry.page),
                )
            )
        return out


class IndexList(_TwoColumnList):
    """An alphabetical index (sorted by the resolve stage): each term with the sorted, distinct pages
    of its anchors, each a link to the first of its anchors on that page."""

    def __init__(self, markup: InlineMarkup, terms: tuple[IndexTerm, ...], style: str, tree: Tree) -> None:
        super().__init__(tree, "L")
        self.markup = markup
        self.terms = terms
        self.style = style
        self.markup.styles.look(self.style)  # an unknown style fails now, not mid-layout
        self._pages: dict[str, int] = {}
        self._last: dict[str, int] = {}

    def beforeBuild(self) -> None:
        self._last, self._pages = self._pages, {}
        self._forget()

    def found(self) -> dict[str, int]:
        return dict(self._pages)

    def seed(self, found: dict[str, int]) -> None:
        self._pages = dict(found)
        self._forget()

    def empty_style(self) -> Any:
        return self.markup.styles.paragraph(self.style)

    def isSatisfied(self) -> bool:
        return self._pages == self._last

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == ANCHOR:
            anchor, page = stuff
            self._pages.setdefault(anchor, page)  # a split paragraph reports its first page

    def rows(self) -> list[tuple[Paragraph, Paragraph, str]]:
        """Each term an LI: its label (the term) and its body (the page numbers, each a link)."""
        out = []
        self.node.kids = []
        for row, entry in enumerate(self.terms):
            pages: dict[int, str] = {}
            for anchor in entry.targets:
                page = self._last.get(anchor)
                if page is not None:
                    pages.setdefault(page, anchor)  # the first anchor on a page is the link target
            numbers = ", ".join(
                f'<a href="#{escape(dest_name(pages[p]))}">{self.markup.text(self.style, str(p))}</a>'
                for p in sorted(pages)
            )
            item = self.node.add("LI")
            term = self.tree.text("Lbl", entry.term, item)
            body = item.add("LBody")
            body.text = plain(entry.term)
            out.append(
                (
                    self.paragraph(
                        row,
                        self.markup.paragraph(self.style, entry.term),
                        self.markup.styles.paragraph(self.style),
                        term,
                    ),
                    self.paragraph(row, numbers, self.markup.styles.number(self.style), body),
                    ", ".join(str(p) for p in sorted(pages)),
                )
            )
        return out


Pagination = tuple[Any, ...]  # what each contents and index list of a story found, in story order


def pagination(story: list[Any]) -> Pagination:
    """The page numbers a finished multiBuild of `story` found."""
    return tuple(flowable.found() for flowable in story if isinstance(flowable, _TwoColumnList))


def provisional(story: list[Any], entries: list[ContentsEntry]) -> None:
    """Give the contents lists their rows before the first pass, with page numbers still unknown (0).

    Left empty, a contents list grows by its whole length in the second pass and pushes every later
    page on: a third pass would follow. With its rows in place from the start (the resolve stage's
    contents entries), the first pass already breaks the pages almost as the last will, and two
    passes usually suffice.
    """
    for flowable in story:
        if isinstance(flowable, Contents):
            flowable.seed(tuple(entry for entry in entries if entry.level <= flowable.levels))


def seed(story: list[Any], found: Pagination) -> None:
    """Seed the story's contents and index lists with another edition's `pagination`."""
    lists = [flowable for flowable in story if isinstance(flowable, _TwoColumnList)]
    if len(lists) != len(found):
        raise ValueError("a pagination seeds only an edition of the same document")
    for flowable, state in zip(lists, found, strict=True):
        flowable.seed(state)
