"""What must be known before the first paragraph is written: bookmarks, contents entries, page guesses.

A contents list near the start names headings that come later, and a link may point forward, so one pass
over the document collects every anchor (as a Word bookmark name), every heading in outline order, and a
rough page number for each anchor (hard page starts only: section starts and page breaks). The contents
never shows those guesses (see `fields.py`); an index does, since its separated page lists cannot be
left blank, and no shipped DOCX product has an index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from briefpack.document.model import (
    Block,
    CardGrid,
    Document,
    Heading,
    Inline,
    KeepTogether,
    KeyValue,
    PageBreak,
    Paragraph,
    Table,
)
from briefpack.render.docx.fields import bookmark_name, toc_bookmark


@dataclass(frozen=True)
class TocEntry:
    level: int
    content: Inline
    bookmark: str


@dataclass
class Plan:
    bookmarks: dict[str, str] = field(default_factory=dict)  # anchor -> bookmark name
    heading_bookmarks: list[str] = field(default_factory=list)  # by heading, in document order
    pages: dict[str, int] = field(default_factory=dict)  # bookmark name -> estimated page
    toc: list[TocEntry] = field(default_factory=list)  # outline headings, in order
    key_value_styles: set[str] = field(default_factory=set)  # table styles drawn without borders


def walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, in the order the renderer writes them (it numbers headings this way)."""
    for block in blocks:
        yield block
        if isinstance(block, KeepTogether):
            yield from walk(block.blocks)
        elif isinstance(block, Table):
            for row in (*block.header, *block.rows):
                for cell in row.cells:
                    yield from walk(cell.content)
        elif isinstance(block, CardGrid):
            for card in block.cards:
                yield from walk(card.lines)


def plan_document(document: Document) -> Plan:
    plan = Plan()
    page = 1
    headings = 0
    for index, section in enumerate(document.sections):
        if index:
            page += 1
        for top in section.blocks:
            if isinstance(top, PageBreak):
                page += 1
                continue
            for block in walk((top,)):
                if isinstance(block, KeyValue):
                    plan.key_value_styles.add(block.style)
                if not isinstance(block, Paragraph | Heading):
                    continue
                name = None
                if block.anchor is not None:
                    if block.anchor in plan.bookmarks:
                        raise ValueError(f"two blocks have the anchor {block.anchor!r}")
                    name = plan.bookmarks[block.anchor] = bookmark_name(block.anchor)
                if isinstance(block, Heading):
                    name = name or toc_bookmark(headings + 1)
                    headings += 1
                    plan.heading_bookmarks.append(name)
                    if block.outline:
                        plan.toc.append(TocEntry(block.level, block.content, name))
                if name is not None:
                    plan.pages[name] = page
    if len(set(plan.bookmarks.values())) != len(plan.bookmarks):
        raise ValueError("two anchors give the same Word bookmark name; make them differ in letters or digits")
    return plan
