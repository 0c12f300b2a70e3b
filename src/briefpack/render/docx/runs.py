"""Inline text as Word runs: one run per font and script, so every script is drawn by its own font.

Word picks one of four font slots per character (ascii, hAnsi, eastAsia, cs) by its own rules, and
LibreOffice, given a run whose slots disagree, substitutes fonts that break Lao marks and Khmer coengs.
So every run holds text of one script, all four slots name the face `FontSet` chose for it, and the run
says what it is: Chinese runs `w:hint="eastAsia"` with an East Asian language; Thai, Lao and Khmer runs
`w:hint="cs"`, `<w:cs/>`, their size and weight restated as `w:szCs`/`w:bCs` (Word sizes complex-script
text by those), and a `w:bidi` language. Latin runs carry the document's (or the run's) language.

With a reference document, Latin runs name no font, so the reference's style fonts show; runs of the
other scripts still do, because a style has one complex-script slot for Thai, Lao and Khmer together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from briefpack.document.model import Inline, Run
from briefpack.document.styles import LINK_STYLE
from briefpack.fonts import FontSet, Script, split_by_script
from briefpack.render.docx.ooxml import R_PR, el, set_child, xml_text
from briefpack.render.docx.styles import Styles

# Scripts Word treats as complex (the cs slot), with the language a run of them is tagged with.
COMPLEX_LANG = {Script.THAI: "th-TH", Script.LAO: "lo-LA", Script.KHMER: "km-KH", Script.MYANMAR: "my-MM"}
EAST_ASIAN_LANG = {Script.HAN: "zh-CN", Script.KANA: "ja-JP", Script.HANGUL: "ko-KR"}

# Primary language subtags that may replace the default tag of a script (a Run.lang of "zh-TW", say).
_SCRIPT_LANGUAGES = {
    Script.THAI: ("th",),
    Script.LAO: ("lo",),
    Script.KHMER: ("km",),
    Script.MYANMAR: ("my", "shn", "kac"),
    Script.HAN: ("zh", "ja", "ko", "yue"),
    Script.KANA: ("ja",),
    Script.HANGUL: ("ko",),
}


def default_languages(languages: Sequence[str]) -> tuple[str, str]:
    """(East Asian, complex-script) defaults of a document in `languages`, its own first: the first of
    them written in such a script, else the region's most common (Chinese, Thai). Word applies them
    to text whose run names no language, and picks East Asian glyph forms by the first."""

    def first(scripts: Iterable[Script], default: str) -> str:
        primaries = {p for script in scripts for p in _SCRIPT_LANGUAGES.get(script, ())}
        return next((tag for tag in languages if tag.replace("_", "-").split("-")[0].lower() in primaries), default)

    return (
        first(EAST_ASIAN_LANG, EAST_ASIAN_LANG[Script.HAN]),
        first(COMPLEX_LANG, COMPLEX_LANG[Script.THAI]),
    )


LINK_SCHEMES = ("http", "https", "mailto", "tel")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def script_of_piece(text: str) -> Script:
    """The script of a single-script piece: its first script-specific letter (COMMON if it has none)."""
    pieces = split_by_script(text)
    return pieces[0][0] if pieces else Script.COMMON


def language_attrs(script: Script, run_lang: str | None, document_lang: str) -> dict[str, str]:
    """The `w:lang` attributes of a run of `script`: each script fills its own attribute."""

    def fits(lang: str | None) -> bool:
        return bool(lang) and lang.split("-")[0].lower() in _SCRIPT_LANGUAGES.get(script, ())

    if script in COMPLEX_LANG:
        return {"w:bidi": run_lang if fits(run_lang) else COMPLEX_LANG[script]}
    if script in EAST_ASIAN_LANG:
        return {"w:eastAsia": run_lang if fits(run_lang) else EAST_ASIAN_LANG[script]}
    return {"w:val": run_lang or document_lang}


def _text_children(text: str) -> list[etree._Element]:
    """`w:t` pieces with tabs as `w:tab` and line breaks as `w:br`, text kept literally."""
    children: list[etree._Element] = []
    for part in re.split(r"(\t|\n)", text.replace("\r\n", "\n").replace("\r", "\n")):
        if part == "\t":
            children.append(el("w:tab"))
        elif part == "\n":
            children.append(el("w:br"))
        elif part:
            t = el("w:t")
            t.text = part
            t.set(_XML_SPACE, "preserve")
            children.append(t)
    return children


@dataclass
class InlineWriter:
    """Writes inline content for one story part (the document body, or a header)."""

    styles: Styles
    fonts: FontSet
    part: Part
    language: str
    bookmarks: dict[str, str]  # anchor -> bookmark name
    style_fonts_win: bool  # a reference document: Latin runs take their fonts from its styles

    def inline(self, layout_style: str, content: Inline) -> list[etree._Element]:
        """Runs (and hyperlinks holding runs) for a paragraph in the layout style `layout_style`."""
        out: list[etree._Element] = []
        for run in content:
            out.extend(self.run(layout_style, run))
        return out

    def run(self, layout_style: str, run: Run) -> list[etree._Element]:
        char_name = run.style
        link = self._link(run)
        if link is not None:
            char_name = LINK_STYLE
        runs = self.text(layout_style, run.text, char_name, run.lang)
        if link is None:
            return runs
        for r in runs:
            link.append(r)
        return [link]

    def _link(self, run: Run) -> etree._Element | None:
        """A `w:hyperlink`: external (relationship to the URL) or to a bookmark in this document.

        Only web, mail and phone links are made live; anything else (a `javascript:` URL from pasted
        data, say) stays plain text.
        """
        if run.link:
            url = xml_text(run.link).strip()
            if urlsplit(url).scheme.lower() not in LINK_SCHEMES:
                return None
            rel_id = self.part.relate_to(url, RT.HYPERLINK, is_external=True)
            return el("w:hyperlink", {"r:id": rel_id, "w:history": 1})
        if run.target:
            return el("w:hyperlink", {"w:anchor": self.bookmark(run.target), "w:history": 1})
        return None

    def bookmark(self, anchor: str) -> str:
        return self.bookmarks[anchor]  # every link target was checked by the resolve stage

    def text(
        self, layout_style: str, text: str, char_name: str | None = None, lang: str | None = None
    ) -> list[etree._Element]:
        """`w:r` elements for plain text: cut by font, then by script, each run fully marked."""
        text = xml_text(text)
        if not text:
            return []
        para_id = self.styles.paragraph(layout_style)
        look = self.styles.paragraph_style(layout_style)
        char_id = self.styles.character(char_name) if char_name else None
        char = self.styles.sheet.characters.get(char_name or "")
        bold = char.bold if char is not None and char.bold is not None else look.bold
        out = []
        for face, chunk in self.fonts.runs(look.font, text, bold=bold, lang=lang):
            for script, piece in split_by_script(chunk):
                out.append(self._run(piece, face.family, script, para_id, char_id, lang))
        return out

    def _run(
        self, text: str, family: str, script: Script, para_id: str, char_id: str | None, lang: str | None
    ) -> etree._Element:
        rpr = self.properties(family, script, para_id, char_id, lang)
        return el("w:r", None, rpr, *_text_children(text))

    def properties(
        self, family: str, script: Script, para_id: str, char_id: str | None, lang: str | None
    ) -> etree._Element:
        rpr = el("w:rPr")
        if char_id:
            set_child(rpr, el("w:rStyle", {"w:val": char_id}), R_PR)
        complex_script = script in COMPLEX_LANG
        east_asian = script in EAST_ASIAN_LANG
        if complex_script or east_asian or not self.style_fonts_win:
            fonts = {"w:ascii": family, "w:hAnsi": family, "w:eastAsia": family, "w:cs": family}
            if complex_script:
                fonts["w:hint"] = "cs"
            elif east_asian:
                fonts["w:hint"] = "eastAsia"
            set_child(rpr, el("w:rFonts", fonts), R_PR)
        if complex_script:
            look = self.styles.run_look(para_id, char_id)
            if look.bold:
                set_child(rpr, el("w:bCs"), R_PR)
            if look.italic:
                set_child(rpr, el("w:iCs"), R_PR)
            set_child(rpr, el("w:szCs", {"w:val": look.half_points}), R_PR)
            set_child(rpr, el("w:cs"), R_PR)
        set_child(rpr, el("w:lang", language_attrs(script, lang, self.language)), R_PR)
        return rpr

    def maker(self, layout_style: str) -> RunMakerFor:
        """Run factory for field markers and results (digits, set in the style's Latin face)."""
        return RunMakerFor(self, layout_style)


@dataclass
class RunMakerFor:
    writer: InlineWriter
    layout_style: str

    def __call__(self, text: str) -> etree._Element:
        w = self.writer
        look = w.styles.paragraph_style(self.layout_style)
        family = w.fonts.runs(look.font, "0", bold=look.bold)[0][0].family
        rpr = w.properties(family, Script.LATIN, w.styles.paragraph(self.layout_style), None, None)
        return el("w:r", None, rpr, *_text_children(xml_text(text)))
