"""The layout's named styles as real Word styles, so a press officer can restyle the document in Word.

Every layout paragraph, character and table style becomes a Word style. Styles with a Word built-in
counterpart take it (`heading1` is Word's "heading 1", so the navigation pane and TOC fields work;
`body` is "Body Text", as in pandoc reference documents); the rest get a readable name ("table-head"
becomes "Table Head"). Without a reference document the layout defines every style it maps to,
replacing python-docx's template look. With a reference document the reference WINS: a style it already
has is used as it is, only missing ones are added (built-ins a reference lacks included).

Styles are looked up by their `w:name`, case-insensitively, and used by their existing `w:styleId`,
because a localised Word writes ids like "berschrift1" for the English internal name "heading 1".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from briefpack.document.styles import StyleSheet
from briefpack.fonts import FontSet
from briefpack.layout.model import CardStyle, CharacterStyle, ParagraphStyle, TableStyle
from briefpack.render.docx.geometry import body_page
from briefpack.render.docx.ooxml import (
    P_PR,
    R_PR,
    STYLE,
    TBL_PR,
    TBL_STYLE_PR,
    el,
    get_or_add,
    half_points,
    hex_colour,
    pt_twips,
    set_child,
    twips,
)

# Layout style name -> Word style name (Word's internal English names for built-ins).
PARAGRAPH_NAMES = {
    "body": "Body Text",
    "title": "Title",
    "subtitle": "Subtitle",
    "heading1": "heading 1",
    "heading2": "heading 2",
    "heading3": "heading 3",
    "quote": "Quote",
    "toc1": "toc 1",
    "toc2": "toc 2",
    "toc3": "toc 3",
    "index": "index 1",
    "caption": "caption",
    "toc-heading": "TOC Heading",
}
CHARACTER_NAMES = {"strong": "Strong", "emphasis": "Emphasis", "link": "Hyperlink"}
# Word names whose usual style ids are fixed; anything else gets an id made from its name.
BUILTIN_IDS = {
    "normal": "Normal",
    "body text": "BodyText",
    "title": "Title",
    "subtitle": "Subtitle",
    "heading 1": "Heading1",
    "heading 2": "Heading2",
    "heading 3": "Heading3",
    "quote": "Quote",
    "toc 1": "TOC1",
    "toc 2": "TOC2",
    "toc 3": "TOC3",
    "toc heading": "TOCHeading",
    "header": "Header",
    "footer": "Footer",
    "index 1": "Index1",
    "caption": "Caption",
    "list bullet": "ListBullet",
    "list number": "ListNumber",
    "hyperlink": "Hyperlink",
    "strong": "Strong",
    "emphasis": "Emphasis",
    "normal table": "TableNormal",
}
HEADING_LEVELS = {"heading1": 0, "heading2": 1, "heading3": 2}

SPACER = "Spacer"  # empty paragraphs: Spacer blocks, section ends, page breaks before tables
PICTURE = "Picture"  # a paragraph holding an image: single line spacing, so nothing crops it
CARD_QR = "Card Code"  # the QR code paragraph of a business card
CARD_BODY = "Card Body"  # the borderless text | QR table inside a card


@dataclass(frozen=True)
class RunLook:
    """What a run inherits from its styles: Thai/Lao/Khmer runs restate it as `szCs`/`bCs`/`iCs`."""

    half_points: int
    bold: bool
    italic: bool


def display_name(layout_name: str) -> str:
    """How a layout style without a Word counterpart appears in Word: "table-head" becomes "Table Head"."""
    return " ".join(part[:1].upper() + part[1:] for part in re.split(r"[-_\s]+", layout_name) if part)


def _style_id(name: str) -> str:
    builtin = BUILTIN_IDS.get(name.lower())
    if builtin:
        return builtin
    cleaned = re.sub(r"[^A-Za-z0-9]", "", display_name(name))
    return cleaned if cleaned[:1].isalpha() else f"S{cleaned}"


def _on(element: etree._Element | None) -> bool | None:
    """A toggle property's value (`<w:b/>` is on, `w:val="0"`/`"false"` off), None when absent."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


class Styles:
    """Creates the Word styles of a layout and answers which style id a layout style name maps to."""

    def __init__(
        self,
        word: WordDocument,
        sheet: StyleSheet,
        fonts: FontSet,
        *,
        keep_existing: bool,
        borderless_tables: frozenset[str] = frozenset(),
    ) -> None:
        self.sheet = sheet
        self.layout = sheet.layout
        self.looks: Mapping[str, ParagraphStyle] = sheet.paragraphs
        self.fonts = fonts
        self.keep_existing = keep_existing  # a reference document's styles win
        self._root = word.styles.element
        self._borderless = borderless_tables
        self._by_name: dict[str, etree._Element] = {}
        for style in self._root.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                self._by_name.setdefault(name.get(qn("w:val"), "").lower(), style)
        self._ids = {s.get(qn("w:styleId")) for s in self._root.findall(qn("w:style"))}
        self.paragraph_ids: dict[str, str] = {}
        self.character_ids: dict[str, str] = {}
        self.table_ids: dict[str, str] = {}
        self._look_cache: dict[tuple[str | None, str | None], RunLook] = {}

    # ---- lookups used by the writers -------------------------------------------------------------

    def paragraph(self, layout_name: str) -> str:
        """The style id for a style of the sheet; an unknown name is the layout's problem."""
        self.sheet.paragraph(layout_name)
        return self.paragraph_ids[layout_name]

    def paragraph_style(self, layout_name: str) -> ParagraphStyle:
        """The look of a paragraph style (including the derived ones, e.g. `toc3`)."""
        return self.sheet.paragraph(layout_name)

    def character(self, layout_name: str) -> str:
        self.sheet.character(layout_name)
        return self.character_ids[layout_name]

    def table(self, layout_name: str) -> str:
        if layout_name not in self.table_ids:  # the internal styles are made in `build`
            self.sheet.table(layout_name)
        return self.table_ids[layout_name]

    def card_grid(self, layout_name: str, card: CardStyle) -> str:
        """The cut-guide table style of a card style (made on first use for a style the layout lacks)."""
        key = f"card:{layout_name}"
        if key not in self.table_ids:
            self.table_ids[key] = self._card_grid_style(f"{display_name(layout_name)} Grid", card)
        return self.table_ids[key]

    def table_style(self, layout_name: str) -> TableStyle:
        return self.sheet.table(layout_name)

    def element(self, style_id: str) -> etree._Element:
        """The `w:style` element with this id (for adding what only another module knows, e.g. numbering)."""
        return self._root.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")

    def style_id(self, word_name: str) -> str:
        """The id of an existing style (by Word name); used for the fixed internal styles."""
        return self._by_name[word_name.lower()].get(qn("w:styleId"))

    def cell_margin_left(self, style_id: str) -> int:
        """The left cell margin (twips) a table style gives, following `basedOn`; Word's default otherwise."""
        for style in self._chain(style_id):
            margins = style.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
            if margins is None:
                continue
            for side in ("left", "start"):
                found = margins.find(qn(f"w:{side}"))
                if found is not None and found.get(qn("w:w"), "").isdigit():
                    return int(found.get(qn("w:w")))
        return 108

    def tab_stops(self, style_id: str) -> list[int]:
        """Positions of the tab stops a paragraph style sets (following `basedOn`)."""
        stops: list[int] = []
        for style in self._chain(style_id):
            for tab in style.iterfind(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}"):
                pos = tab.get(qn("w:pos"), "")
                if tab.get(qn("w:val")) != "clear" and pos.lstrip("-").isdigit() and int(pos) not in stops:
                    stops.append(int(pos))
        return stops

    def has_numbering(self, style_id: str) -> etree._Element | None:
        """The `w:numPr` a paragraph style (or one it is based on) carries, if any."""
        for style in self._chain(style_id):
            num = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num is not None:
                return num
        return None

    def run_look(self, paragraph_id: str | None, character_id: str | None) -> RunLook:
        """Size, bold and italic a run gets from its character and paragraph styles, then doc defaults."""
        key = (paragraph_id, character_id)
        if key not in self._look_cache:
            chain = [*self._chain(character_id), *self._chain(paragraph_id)]
            defaults = self._root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
            rprs = [s.find(qn("w:rPr")) for s in chain] + [defaults]
            rprs = [r for r in rprs if r is not None]

            def first(tag: str) -> etree._Element | None:
                return next((found for r in rprs if (found := r.find(qn(tag))) is not None), None)

            size = first("w:sz")
            self._look_cache[key] = RunLook(
                half_points=int(size.get(qn("w:val"))) if size is not None else 20,
                bold=bool(_on(first("w:b"))),
                italic=bool(_on(first("w:i"))),
            )
        return self._look_cache[key]

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        while style_id:
            style = self._root.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
            if style is None or style in chain:
                break
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    # ---- building -------------------------------------------------------------------------------

    def build(self) -> None:
        """Define every style the layout names, plus the few the renderer needs of its own."""
        layout, looks = self.layout, self.looks
        body = looks.get("body", ParagraphStyle())
        if not self.keep_existing:
            self._doc_defaults()
            self._paragraph("Normal", body.model_copy(update={"space_before": 0, "space_after": 0}), None)
        text_width = body_page(layout).text_width
        for name, look in looks.items():
            word_name = PARAGRAPH_NAMES.get(name, display_name(name))
            extra: Callable[[etree._Element], None] | None = None
            if name in ("toc1", "toc2", "toc3"):
                extra = self._tab_stop(text_width, leader="dot")
            elif name == layout.running_head.style:
                word_name = "header"
                extra = self._running_head_extras(text_width)
            outline = 9 if name == "toc-heading" else HEADING_LEVELS.get(name)  # 9: out of the contents
            self.paragraph_ids[name] = self._paragraph(word_name, look, outline, extra)
        list_look = looks.get("list", body)
        self._paragraph("List Bullet", list_look, None)
        self._paragraph("List Number", list_look, None)
        self._paragraph(SPACER, ParagraphStyle(size=1, leading=1), None, self._exact_line)
        self._paragraph(PICTURE, body.model_copy(update={"space_before": 0, "space_after": 4}), None, self._auto_line)
        self._paragraph(CARD_QR, ParagraphStyle(size=1, leading=1, align="right"), None, self._auto_line)
        for name, char in self.sheet.characters.items():
            self.character_ids[name] = self._character(CHARACTER_NAMES.get(name, display_name(name)), char)
        for name, table in self.sheet.tables.items():
            self.table_ids[name] = self._table_style(display_name(name), table, name)
        for name, card in self.sheet.cards.items():
            self.table_ids[f"card:{name}"] = self._card_grid_style(f"{display_name(name)} Grid", card)
        self.table_ids["card-body"] = self._table_style(
            CARD_BODY, TableStyle(header_background=None, padding=0), None, borderless=True
        )

    def _doc_defaults(self) -> None:
        """Defaults that replace the template's Calibri/theme ones: the body font, no paragraph spacing."""
        body = self.layout.paragraph_styles.get("body", ParagraphStyle())
        defaults = get_or_add(self._root, "w:docDefaults", ["docDefaults", "latentStyles", "style"])
        for child in list(defaults):
            defaults.remove(child)
        rpr = el("w:rPr")
        set_child(rpr, self._fonts_el(body.font), R_PR)
        set_child(rpr, el("w:sz", {"w:val": half_points(body.size)}), R_PR)
        set_child(rpr, el("w:szCs", {"w:val": half_points(body.size)}), R_PR)
        set_child(rpr, el("w:lang", {"w:val": "en-GB", "w:eastAsia": "zh-CN", "w:bidi": "th-TH"}), R_PR)
        defaults.append(el("w:rPrDefault", None, rpr))
        ppr = el("w:pPr", None, el("w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"}))
        defaults.append(el("w:pPrDefault", None, ppr))

    def set_language(self, language: str, east_asian: str, complex_script: str) -> None:
        """The document's languages as the defaults of every run (only when the layout owns the defaults)."""
        if self.keep_existing:
            return
        lang = self._root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            lang.set(qn("w:val"), language)
            lang.set(qn("w:eastAsia"), east_asian)
            lang.set(qn("w:bidi"), complex_script)

    def _fonts_el(self, role: str) -> etree._Element:
        """`w:rFonts` for a style: the role's Latin family, and its Chinese family for East Asian text."""
        latin = self.fonts.runs(role, "A")[0][0].family
        han = self.fonts.runs(role, "中")[0][0].family
        return el("w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": han, "w:cs": latin})

    def _find_or_create(self, word_name: str, style_type: str) -> tuple[etree._Element, bool]:
        """The style element to define and whether to define it (False: a reference already has it)."""
        existing = self._by_name.get(word_name.lower())
        if existing is not None and existing.get(qn("w:type")) != style_type:
            suffix = {"character": "Char", "table": "Table", "paragraph": "Paragraph"}[style_type]
            return self._find_or_create(f"{word_name} {suffix}", style_type)
        if existing is not None:
            if self.keep_existing:
                return existing, False
            # Redefine from scratch; keep only the name and gallery placement (not semiHidden: a style
            # briefpack uses should show in the gallery).
            for child in list(existing):
                if etree.QName(child).localname not in ("name", "uiPriority", "qFormat"):
                    existing.remove(child)
            return existing, True
        style_id = _style_id(word_name)
        base_id, n = style_id, 1
        while style_id in self._ids:
            n += 1
            style_id = f"{base_id}{n}"
        self._ids.add(style_id)
        attrs = {"w:type": style_type, "w:styleId": style_id}
        if word_name.lower() not in BUILTIN_IDS:
            attrs["w:customStyle"] = "1"
        style = el("w:style", attrs, el("w:name", {"w:val": word_name}))
        if word_name.lower() in ("normal",):
            style.set(qn("w:default"), "1")
        self._root.append(style)
        self._by_name[word_name.lower()] = style
        return style, True

    def _paragraph(
        self,
        word_name: str,
        look: ParagraphStyle,
        outline_level: int | None,
        extra: Callable[[etree._Element], None] | None = None,
    ) -> str:
        style, define = self._find_or_create(word_name, "paragraph")
        if define:
            if word_name != "Normal":
                set_child(style, el("w:basedOn", {"w:val": self._normal_id()}), STYLE)
                set_child(style, el("w:qFormat"), STYLE)
            ppr = set_child(style, el("w:pPr"), STYLE)
            rpr = set_child(style, el("w:rPr"), STYLE)
            self._paragraph_props(ppr, look, outline_level)
            self._run_props(rpr, look.font, look.bold, look.italic, look.size, look.colour, look.uppercase)
            if extra is not None:
                extra(style)
        return style.get(qn("w:styleId"))

    def _normal_id(self) -> str:
        normal = self._by_name.get("normal")
        if normal is None:
            normal, _ = self._find_or_create("Normal", "paragraph")
        return normal.get(qn("w:styleId"))

    def _paragraph_props(self, ppr: etree._Element, look: ParagraphStyle, outline_level: int | None) -> None:
        if look.keep_with_next:
            set_child(ppr, el("w:keepNext"), P_PR)
        set_child(ppr, el("w:widowControl"), P_PR)  # two lines at least on each side of a page break, as in PDF
        if look.background:
            fill = hex_colour(self.layout.colours[look.background])
            set_child(ppr, el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}), P_PR)
        spacing = {
            "w:before": pt_twips(look.space_before),
            "w:after": pt_twips(look.space_after),
            "w:line": pt_twips(look.line_height),
            # "at least": tall Thai/Khmer stacks and inline pictures grow the line instead of being clipped.
            "w:lineRule": "atLeast",
        }
        set_child(ppr, el("w:spacing", spacing), P_PR)
        indent: dict[str, str | int] = {"w:left": twips(look.indent), "w:right": 0}
        if look.first_line_indent > 0:
            indent["w:firstLine"] = pt_twips(look.first_line_indent)
        elif look.first_line_indent < 0:
            indent["w:hanging"] = pt_twips(-look.first_line_indent)
        set_child(ppr, el("w:ind", indent), P_PR)
        align = {"left": "left", "right": "right", "center": "center", "justify": "both"}[look.align]
        set_child(ppr, el("w:jc", {"w:val": align}), P_PR)
        if outline_level is not None:
            set_child(ppr, el("w:outlineLvl", {"w:val": outline_level}), P_PR)

    def _run_props(
        self,
        rpr: etree._Element,
        role: str | None,
        bold: bool | None,
        italic: bool | None,
        size: float | None,
        colour: str | None,
        uppercase: bool = False,
        underline: bool | None = None,
        background: str | None = None,
    ) -> None:
        if role is not None:
            set_child(rpr, self._fonts_el(role), R_PR)
        if bold is not None:
            val = {} if bold else {"w:val": "0"}
            set_child(rpr, el("w:b", val), R_PR)
            set_child(rpr, el("w:bCs", val), R_PR)
        if italic is not None:
            val = {} if italic else {"w:val": "0"}
            set_child(rpr, el("w:i", val), R_PR)
            set_child(rpr, el("w:iCs", val), R_PR)
        if uppercase:
            set_child(rpr, el("w:caps"), R_PR)
        if colour is not None:
            set_child(rpr, el("w:color", {"w:val": hex_colour(self.layout.colours[colour])}), R_PR)
        if size is not None:
            set_child(rpr, el("w:sz", {"w:val": half_points(size)}), R_PR)
            set_child(rpr, el("w:szCs", {"w:val": half_points(size)}), R_PR)
        if underline is not None:
            set_child(rpr, el("w:u", {"w:val": "single" if underline else "none"}), R_PR)
        if background is not None:
            fill = hex_colour(self.layout.colours[background])
            set_child(rpr, el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}), R_PR)

    def _character(self, word_name: str, look: CharacterStyle) -> str:
        style, define = self._find_or_create(word_name, "character")
        if define:
            default_font = self._by_name.get("default paragraph font")
            if default_font is not None:
                set_child(style, el("w:basedOn", {"w:val": default_font.get(qn("w:styleId"))}), STYLE)
            rpr = set_child(style, el("w:rPr"), STYLE)
            self._run_props(
                rpr,
                None,
                look.bold,
                look.italic,
                look.size,
                look.colour,
                False,
                look.underline,
                look.background,
            )
        return style.get(qn("w:styleId"))

    def _table_style(
        self, word_name: str, look: TableStyle, layout_name: str | None, *, borderless: bool = False
    ) -> str:
        style, define = self._find_or_create(word_name, "table")
        if not define:
            return style.get(qn("w:styleId"))
        borderless = borderless or layout_name in self._borderless
        normal_table = self._by_name.get("normal table")
        if normal_table is not None:
            set_child(style, el("w:basedOn", {"w:val": normal_table.get(qn("w:styleId"))}), STYLE)
        set_child(style, el("w:uiPriority", {"w:val": 59}), STYLE)
        ppr = set_child(style, el("w:pPr"), STYLE)
        set_child(ppr, el("w:spacing", {"w:before": 0, "w:after": 0}), P_PR)
        tblpr = set_child(style, el("w:tblPr"), STYLE)
        if look.zebra:
            set_child(tblpr, el("w:tblStyleRowBandSize", {"w:val": 1}), TBL_PR)
        rule = hex_colour(self.layout.colours[look.rule]) if look.rule in self.layout.colours else "D9D9D9"
        size = max(2, min(96, round(look.rule_width * 8)))
        borders = el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if borderless or side in ("left", "right", "insideV"):
                borders.append(el(f"w:{side}", {"w:val": "nil"}))
            else:
                borders.append(el(f"w:{side}", {"w:val": "single", "w:sz": size, "w:space": 0, "w:color": rule}))
        set_child(tblpr, borders, TBL_PR)
        set_child(tblpr, self._cell_margins(look.padding), TBL_PR)
        if look.header_background and not borderless:
            fill = hex_colour(self.layout.colours[look.header_background])
            self._conditional(style, "firstRow", fill)
        if look.zebra:
            self._conditional(style, "band1Horz", hex_colour(self.layout.colours[look.zebra]))
        return style.get(qn("w:styleId"))

    @staticmethod
    def _cell_margins(padding_mm: float) -> etree._Element:
        margins = el("w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            margins.append(el(f"w:{side}", {"w:w": twips(padding_mm), "w:type": "dxa"}))
        return margins

    @staticmethod
    def _conditional(style: etree._Element, kind: str, fill: str) -> None:
        conditional = el("w:tblStylePr", {"w:type": kind})
        tcpr = el("w:tcPr", None, el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}))
        set_child(conditional, tcpr, TBL_STYLE_PR)
        set_child(style, conditional, STYLE)

    def _card_grid_style(self, word_name: str, card: CardStyle) -> str:
        """Cards share dashed cut guides; the padding keeps text off the cut."""
        style, define = self._find_or_create(word_name, "table")
        if define:
            tblpr = set_child(style, el("w:tblPr"), STYLE)
            borders = el("w:tblBorders")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                borders.append(el(f"w:{side}", {"w:val": "dashed", "w:sz": 2, "w:space": 0, "w:color": "BFBFBF"}))
            set_child(tblpr, borders, TBL_PR)
            set_child(tblpr, self._cell_margins(card.padding), TBL_PR)
        return style.get(qn("w:styleId"))

    @staticmethod
    def _tab_stop(text_width_mm: float, leader: str | None = None) -> Callable[[etree._Element], None]:
        """A right-aligned tab at the text width: contents page numbers, the running head's page number."""

        def add(style: etree._Element) -> None:
            attrs: dict[str, str | int] = {"w:val": "right", "w:pos": twips(text_width_mm)}
            if leader:
                attrs["w:leader"] = leader
            ppr = get_or_add(style, "w:pPr", STYLE)
            set_child(ppr, el("w:tabs", None, el("w:tab", attrs)), P_PR)

        return add

    def _running_head_extras(self, text_width_mm: float) -> Callable[[etree._Element], None]:
        tab = self._tab_stop(text_width_mm)
        rule = self.layout.running_head.rule
        colour = hex_colour(self.layout.colours["rule"]) if "rule" in self.layout.colours else "D9D9D9"

        def add(style: etree._Element) -> None:
            tab(style)
            if rule:
                ppr = get_or_add(style, "w:pPr", STYLE)
                line = el("w:bottom", {"w:val": "single", "w:sz": 4, "w:space": 3, "w:color": colour})
                set_child(ppr, el("w:pBdr", None, line), P_PR)

        return add

    @staticmethod
    def _exact_line(style: etree._Element) -> None:
        """Spacers are exactly 1 pt high: a card sheet has barely more room than its cards need."""
        ppr = get_or_add(style, "w:pPr", STYLE)
        set_child(ppr, el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": 20, "w:lineRule": "exact"}), P_PR)

    @staticmethod
    def _auto_line(style: etree._Element) -> None:
        """Picture paragraphs need single line spacing, or an exact/at-least height would crop them."""
        ppr = get_or_add(style, "w:pPr", STYLE)
        set_child(ppr, el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": 240, "w:lineRule": "auto"}), P_PR)
