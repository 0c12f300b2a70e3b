"""Real Word list numbering: bullets and numbered lists that restart at 1 for every list.

Word numbers paragraphs through `numbering.xml`: an abstract definition (bullet or "1.") and numbering
instances pointing at it. The built-in "List Bullet"/"List Number" styles carry one instance, so Word's
list buttons work; every numbered list gets an instance of its own with a start override, because
consecutive lists sharing one would count on (3., 4., ...) instead of restarting.
"""

from __future__ import annotations

import zlib

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from briefpack.render.docx.ooxml import P_PR, STYLE, el, get_or_add, set_child, twips
from briefpack.render.docx.styles import Styles

HANG_MM = 4  # room between the bullet or number and the text


class Numbering:
    def __init__(self, word: WordDocument, styles: Styles) -> None:
        self._root = word.part.numbering_part.element
        self._styles = styles
        self._abstract: dict[str, int] = {}
        self._bullet_num: int | None = None

    def _next(self, tag: str, attr: str) -> int:
        used = [int(v) for e in self._root.findall(qn(tag)) if (v := e.get(qn(attr), "")).isdigit()]
        return max(used, default=0) + 1

    def _abstract_for(self, kind: str, list_style: str) -> int:
        """The abstract definition briefpack adds for `kind` ("bullet" or "decimal"), made once."""
        if kind in self._abstract:
            return self._abstract[kind]
        look = self._styles.paragraph_style(list_style)
        ident = self._next("w:abstractNum", "w:abstractNumId")
        family = self._styles.fonts.runs(look.font, "•1")[0][0].family
        level = el(
            "w:lvl",
            {"w:ilvl": 0},
            el("w:start", {"w:val": 1}),
            el("w:numFmt", {"w:val": kind}),
            el("w:lvlText", {"w:val": "•" if kind == "bullet" else "%1."}),
            el("w:lvlJc", {"w:val": "left"}),
            el(
                "w:pPr",
                None,
                el("w:ind", {"w:left": twips(look.indent + HANG_MM), "w:hanging": twips(HANG_MM)}),
            ),
            el("w:rPr", None, el("w:rFonts", {"w:ascii": family, "w:hAnsi": family, "w:cs": family})),
        )
        # nsid identifies a list definition across copy and paste; derived from its kind, never random.
        nsid = f"{zlib.crc32(f'briefpack-{kind}'.encode()):08X}"
        abstract = el(
            "w:abstractNum",
            {"w:abstractNumId": ident},
            el("w:nsid", {"w:val": nsid}),
            el("w:multiLevelType", {"w:val": "singleLevel"}),
            level,
        )
        # Schema order: every abstractNum before the first num.
        first_num = self._root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._root.append(abstract)
        self._abstract[kind] = ident
        return ident

    def _add_num(self, abstract_id: int, restart: bool) -> int:
        num_id = self._next("w:num", "w:numId")
        num = el("w:num", {"w:numId": num_id}, el("w:abstractNumId", {"w:val": abstract_id}))
        if restart:
            num.append(el("w:lvlOverride", {"w:ilvl": 0}, el("w:startOverride", {"w:val": 1})))
        cleanup = self._root.find(qn("w:numIdMacAtCleanup"))  # Word for Mac's marker stays last
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self._root.append(num)
        return num_id

    def attach_to_styles(self) -> None:
        """Give the built-in list styles numbering when briefpack defined them (not a reference's)."""
        if self._styles.keep_existing:
            return
        for word_name, kind in (("List Bullet", "bullet"), ("List Number", "decimal")):
            style_id = self._styles.style_id(word_name)
            style = self._styles.element(style_id)
            num_id = self._add_num(self._abstract_for(kind, "list" if "list" in self._styles.looks else "body"), False)
            if kind == "bullet":
                self._bullet_num = num_id
            ppr = get_or_add(style, "w:pPr", STYLE)
            set_child(ppr, el("w:numPr", None, el("w:ilvl", {"w:val": 0}), el("w:numId", {"w:val": num_id})), P_PR)

    def item_numbering(self, style_id: str, list_style: str, ordered: bool) -> int | None:
        """The numId a list's items need directly, or None when their style already numbers them.

        Called once per list: a numbered list always gets a fresh, restarting instance (of the style's
        own definition when a reference document's style has one, so its look wins).
        """
        own = self._styles.has_numbering(style_id)
        if not ordered:
            if own is not None:
                return None
            if self._bullet_num is None:
                self._bullet_num = self._add_num(self._abstract_for("bullet", list_style), False)
            return self._bullet_num
        abstract = None
        if own is not None:
            num_id = own.find(qn("w:numId"))
            if num_id is not None:
                num = self._root.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id.get(qn('w:val'))}']")
                ref = num.find(qn("w:abstractNumId")) if num is not None else None
                if ref is not None:
                    abstract = int(ref.get(qn("w:val")))
        if abstract is None:
            abstract = self._abstract_for("decimal", list_style)
        return self._add_num(abstract, True)
