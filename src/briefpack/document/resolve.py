"""The resolve stage: what every renderer needs to know about a composed document, computed once.

Composers build a `Document`; before any renderer writes a page, `resolve` walks it once (see
`walk.py`) with the layout and returns a `Resolved`:

- **anchors**: every anchor, checked unique, with the page it starts on as far as hard page starts
  tell (sections and page breaks): a format that cannot lay out pages (DOCX) prints these guesses
  where a number cannot be left blank;
- **headings**, in reading order, numbered: the outline (bookmarks) and the contents entries;
- **indexes**: each index's entries sorted (the entry's sort key, or its text, without diacritics
  or case; see `collation.py`) with their
  distinct anchors in document order. One meaning in every format: page numbers are filled in by
  each renderer, one number per page where the format knows pages;
- **styles**: the layout's complete style sheet (`styles.py`), after checking that every style the
  document names exists, all unknown names reported together;
- **sheets**: the card-sheet geometry of every card style the document uses, in millimetres;
- **languages**: the document's language, then every other language its text is tagged with.

A link to a missing anchor or a repeated anchor is a composer's bug (`ValueError`); an unknown
style or a card that fits no sheet is the layout's (`UserError`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from briefpack.document.collation import sort_key
from briefpack.document.model import (
    Block,
    CardGrid,
    Document,
    Heading,
    Index,
    Inline,
    KeyValue,
    PageBreak,
    ScheduleGrid,
    Table,
    TableOfContents,
)
from briefpack.document.sheets import SheetGeometry
from briefpack.document.styles import StyleSheet, style_sheet, unknown
from briefpack.document.walk import shown, walk
from briefpack.errors import Problem, UserError
from briefpack.layout.model import Layout


@dataclass(frozen=True)
class HeadingTarget:
    """One heading: `number` counts every heading from 1 in reading order; `outline` puts it in the
    bookmarks and the contents (up to the contents' levels)."""

    number: int
    level: int
    content: Inline
    anchor: str | None
    outline: bool


@dataclass(frozen=True)
class IndexTerm:
    term: Inline
    targets: tuple[str, ...]  # distinct anchors, in document order


@dataclass(frozen=True)
class Resolved:
    document: Document
    styles: StyleSheet
    anchors: Mapping[str, int]  # anchor -> the page it starts on, counting hard page starts only
    headings: tuple[HeadingTarget, ...]
    sheets: Mapping[str, SheetGeometry]  # card style -> its sheet
    languages: tuple[str, ...]
    key_value_styles: frozenset[str]  # table styles drawn as label/value pairs (no borders in DOCX)
    _indexes: Mapping[int, tuple[IndexTerm, ...]]  # by id() of the Index block of `document`

    def contents(self, levels: int) -> tuple[HeadingTarget, ...]:
        """The entries of a contents list `levels` deep."""
        return tuple(h for h in self.headings if h.outline and h.level <= levels)

    def index(self, block: Index) -> tuple[IndexTerm, ...]:
        return self._indexes[id(block)]


def resolve(document: Document, layout: Layout) -> Resolved:
    sheet = style_sheet(layout)
    anchors: dict[str, int] = {}
    links: list[str] = []
    headings: list[HeadingTarget] = []
    indexes: dict[int, tuple[IndexTerm, ...]] = {}
    languages = [document.metadata.language]
    used = _Used(sheet)
    key_values: set[str] = set()
    page = 1
    for number, section in enumerate(document.sections):
        page += 1 if number else 0
        for top in section.blocks:
            if isinstance(top, PageBreak):
                page += 1
                continue
            for block in walk((top,)):
                anchor = getattr(block, "anchor", None)
                if anchor is not None:
                    if anchor in anchors:
                        raise ValueError(f"anchor {anchor!r} is used by two blocks; links to it would be ambiguous")
                    anchors[anchor] = page
                if isinstance(block, Heading):
                    listed = block.outline and bool(block.text.strip())  # a blank heading makes a useless entry
                    headings.append(HeadingTarget(len(headings) + 1, block.level, block.content, anchor, listed))
                elif isinstance(block, Index):
                    indexes[id(block)] = _sorted_index(block)
                    links += (t for entry in block.entries for t in entry.targets)
                elif isinstance(block, ScheduleGrid):
                    links += (item.target for item in block.items if item.target)
                if isinstance(block, KeyValue):
                    key_values.add(block.style)
                used.block(block)
                for piece in shown(block):
                    for run in piece.content:
                        if run.target:
                            links.append(run.target)
                        if run.lang and run.lang not in languages:
                            languages.append(run.lang)
    if document.filler is not None:  # printed too: its styles must exist (it holds no anchors or links)
        for block in walk(document.filler.blocks):
            used.block(block)
    for target in links:
        if target not in anchors:
            raise ValueError(f"link to anchor {target!r}, which no block of the document has")
    used.raise_unknown()
    return Resolved(
        document=document,
        styles=sheet,
        anchors=anchors,
        headings=tuple(headings),
        sheets={name: SheetGeometry.of(sheet.card(name), name, layout.name) for name in used.cards},
        languages=tuple(languages),
        key_value_styles=frozenset(key_values),
        _indexes=indexes,
    )


def index_sort_key(term: Inline, key: str) -> tuple[str, str]:
    """An entry's place: its sort key (or its text) without diacritics or case, then its NFC text."""
    text = "".join(r.text for r in term)
    return (sort_key(key or text), unicodedata.normalize("NFC", text))


def _sorted_index(block: Index) -> tuple[IndexTerm, ...]:
    entries = sorted(block.entries, key=lambda e: index_sort_key(e.term, e.sort_key))
    return tuple(IndexTerm(e.term, tuple(dict.fromkeys(e.targets))) for e in entries)


class _Used:
    """Every style name the document uses, checked against the sheet; unknown ones reported together."""

    _SECTIONS: ClassVar[dict[str, tuple[str, str, str]]] = {
        "paragraph": ("paragraph style", "paragraphs", "paragraph_styles"),
        "character": ("character style", "characters", "character_styles"),
        "table": ("table style", "tables", "table_styles"),
        "card": ("card style", "cards", "card_styles"),
    }

    def __init__(self, sheet: StyleSheet) -> None:
        self.sheet = sheet
        self.cards: dict[str, None] = {}  # in order of first use
        self._problems: dict[tuple[str, str], Problem] = {}

    def name(self, kind: str, name: str) -> bool:
        word, attribute, section = self._SECTIONS[kind]
        defined: Mapping[str, object] = getattr(self.sheet, attribute)
        if name in defined:
            return True
        self._problems.setdefault((kind, name), unknown(word, name, self.sheet.layout, list(defined), section))
        return False

    def block(self, block: Block) -> None:
        for piece in shown(block):
            if piece.style is not None:
                self.name("paragraph", piece.style)
            for run in piece.content:
                if run.style:
                    self.name("character", run.style)
        if isinstance(block, Table | ScheduleGrid | KeyValue) and self.name("table", block.style):
            table = self.sheet.tables[block.style]
            for paragraph in (table.header_style, table.body_style):
                self.name("paragraph", paragraph)
        if isinstance(block, TableOfContents):
            for name in ("toc-heading", "toc1", "toc2", "toc3"):
                self.name("paragraph", name)
        if isinstance(block, CardGrid) and self.name("card", block.style):
            self.cards.setdefault(block.style)

    def raise_unknown(self) -> None:
        if self._problems:
            raise UserError(list(self._problems.values()))
