"""The complete style sheet of a layout: its own styles and the few every renderer derives from them.

A layout may leave out the styles a renderer needs for its own furniture (contents levels, table
captions, the contents title, links). They are derived here, once, so a PDF and a DOCX of the same
document look alike even for a layout that names none of them:

- `toc1` is `body` when missing; `toc2` and `toc3` are the level above, 5 mm further in, not bold.
- `caption` (table captions, timetable titles) is the header style of the `table` table style, kept
  with its table.
- `toc-heading` (the contents' own title) is `heading1`.
- the `link` character style is the accent colour, underlined.

An unknown name is the layout's problem, reported with the layout and the section to add it to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from briefpack.errors import Problem, UserError
from briefpack.layout.model import CardStyle, CharacterStyle, Layout, ParagraphStyle, TableStyle

T = TypeVar("T")

LINK_STYLE = "link"
TOC_INDENT_MM = 5


@dataclass(frozen=True)
class StyleSheet:
    layout: Layout
    paragraphs: Mapping[str, ParagraphStyle]
    characters: Mapping[str, CharacterStyle]
    tables: Mapping[str, TableStyle]
    cards: Mapping[str, CardStyle]

    def paragraph(self, name: str) -> ParagraphStyle:
        return _named("paragraph style", self.paragraphs, name, self.layout, "paragraph_styles")

    def character(self, name: str) -> CharacterStyle:
        return _named("character style", self.characters, name, self.layout, "character_styles")

    def table(self, name: str) -> TableStyle:
        return _named("table style", self.tables, name, self.layout, "table_styles")

    def card(self, name: str) -> CardStyle:
        return _named("card style", self.cards, name, self.layout, "card_styles")

    def key_value(self, table_style: str) -> tuple[str, str]:
        """The paragraph styles of a key-value block's labels and values: `key` and `value` when the
        layout has them, else its table style's header and body styles."""
        style = self.table(table_style)
        return (
            "key" if "key" in self.paragraphs else style.header_style,
            "value" if "value" in self.paragraphs else style.body_style,
        )


_sheets: dict[int, StyleSheet] = {}  # by id(layout); each sheet holds its layout, so the id stays its own


def style_sheet(layout: Layout) -> StyleSheet:
    """The layout's complete style sheet, made once per layout object (renderers key caches on its styles)."""
    sheet = _sheets.get(id(layout))
    if sheet is None or sheet.layout is not layout:
        sheet = _sheets[id(layout)] = _derive(layout)
    return sheet


def _derive(layout: Layout) -> StyleSheet:
    paragraphs = dict(layout.paragraph_styles)
    body = paragraphs.get("body", ParagraphStyle())
    paragraphs.setdefault("toc1", body)
    for level in (2, 3):
        above = paragraphs[f"toc{level - 1}"]
        paragraphs.setdefault(
            f"toc{level}", above.model_copy(update={"indent": above.indent + TOC_INDENT_MM, "bold": False})
        )
    if "caption" not in paragraphs:
        head = paragraphs.get(layout.table_styles.get("table", TableStyle()).header_style, body)
        paragraphs["caption"] = head.model_copy(update={"keep_with_next": True, "space_before": 4, "space_after": 3})
    paragraphs.setdefault("toc-heading", paragraphs.get("heading1", ParagraphStyle(size=16, bold=True)))
    characters = dict(layout.character_styles)
    if LINK_STYLE not in characters:
        accent = "accent" if "accent" in layout.colours else None
        characters[LINK_STYLE] = CharacterStyle(colour=accent, underline=True)
    return StyleSheet(layout, paragraphs, characters, dict(layout.table_styles), dict(layout.card_styles))


def unknown(kind: str, name: str, layout: Layout, defined: list[str], section: str) -> Problem:
    return Problem(
        f"the document uses {kind} `{name}`, which layout `{layout.name}` does not define",
        hint=f"add it under `{section}:` (defined: {', '.join(sorted(defined)) or 'none'})",
    )


def _named(kind: str, defined: Mapping[str, T], name: str, layout: Layout, section: str) -> T:
    try:
        return defined[name]
    except KeyError:
        raise UserError(unknown(kind, name, layout, list(defined), section)) from None
