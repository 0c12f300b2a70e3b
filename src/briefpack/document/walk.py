"""The one walk over a document's blocks, and what each block shows: the resolve stage reads both.

Every block is reached (inside kept groups, table cells and cards too) in reading order, the order
both renderers write them in, so a heading's ordinal means the same heading in every format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from briefpack.document.model import (
    Block,
    BulletList,
    CardGrid,
    Heading,
    Index,
    Inline,
    KeepTogether,
    KeyValue,
    Paragraph,
    ScheduleGrid,
    Table,
    TableOfContents,
)


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, depth first, parents before their children."""
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


@dataclass(frozen=True)
class Shown:
    """A piece of inline content a block shows itself, and the paragraph style it is set in (None:
    the block's table style decides, as for timetable rows)."""

    style: str | None
    content: Inline


def shown(block: Block) -> Iterator[Shown]:
    """The inline content `block` itself shows (not its children's): where links and languages are."""
    match block:
        case Paragraph():
            yield Shown(block.style, block.content)
        case Heading():
            yield Shown(block.style_name, block.content)
        case BulletList():
            for item in block.items:
                yield Shown(block.style, item)
        case Table() if block.caption:
            yield Shown("caption", block.caption)
        case KeyValue():
            for _, value in block.pairs:
                yield Shown(None, value)
        case ScheduleGrid():
            yield Shown("caption", block.title)
            for item in block.items:
                yield Shown(None, item.title)
                yield Shown(None, item.detail)
        case Index():
            for entry in block.entries:
                yield Shown(block.style, entry.term)
        case TableOfContents():
            pass
