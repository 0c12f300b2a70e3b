"""Document runs as reportlab paragraph markup: escaped text, one `<font face>` per script run, links.

reportlab parses paragraph text as XML-ish markup, so user text must be escaped completely: an
unescaped `&` silently changes the text and a `<` raises. Every piece of text is cut by
`FontSet.runs` into pieces one face can draw, and each piece gets its own `<font face="...">`;
`rl_fixes` then shapes every font run of a word separately (reportlab alone would shape a word that
mixes fonts with its first font).

`Run.target` links to the destination `dest_name(anchor)` (set by the flowable that carries the
anchor, see flowables.MarkedParagraph); `Run.link` makes an external link for the schemes a reader
can follow. Destinations are not written as `<a name>` markup: that makes a zero-width "special"
fragment inside the first word, which the shaping code does not expect.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from briefpack.document.model import Inline, Run
from briefpack.document.styles import LINK_STYLE
from briefpack.fonts import FontSet
from briefpack.render.pdf.styles import StyleBook, language_face, register_face

#: External link schemes made live (as in the DOCX renderer); anything else stays plain text.
LINK_SCHEMES = ("http", "https", "mailto", "tel")

# Characters reportlab's parser or a PDF text string cannot hold: C0/C1 controls except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DEST_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")  # "_" too: it starts an escape


def escape(text: str) -> str:
    """Text as paragraph markup that reads back literally: `&`, `<`, `>` and both quotes escaped."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def clean(text: str) -> str:
    """NFC text without control characters; tabs become spaces, CR/LF line ends become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def plain(content: Inline | str) -> str:
    """Runs (or text) as one line of plain text: outline entries, link descriptions."""
    text = content if isinstance(content, str) else "".join(run.text for run in content)
    return " ".join(clean(text).split())


def dest_name(anchor: str) -> str:
    """The PDF destination name of a document anchor: ASCII-safe, distinct anchors stay distinct."""
    return "bp." + _DEST_UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", anchor)


class InlineMarkup:
    """Builds paragraph markup for a paragraph style (links were checked by the resolve stage)."""

    def __init__(self, styles: StyleBook, fonts: FontSet) -> None:
        self.styles = styles
        self.fonts = fonts
        #: Text set in a face that lacks some of its characters -> those characters (for the preflight).
        self.missing: dict[str, str] = {}

    def paragraph(
        self,
        style: str,
        content: Inline,
        *,
        links: bool = True,
        size: float | None = None,
    ) -> str:
        """Markup for a whole paragraph, run by run.

        `links=False` drops links (a contents entry is itself a link, and links do not nest); `size`
        sets the paragraph at another size, scaling explicit run sizes with it (shrunk card text).
        """
        look = self.styles.look(style)
        scale = (size / look.size) if size else 1.0
        return "".join(self.run(style, run, links=links, scale=scale) for run in content)

    def text(self, style: str, text: str, *, bold: bool | None = None) -> str:
        """Plain text in a paragraph style (running heads, page numbers, labels)."""
        look = self.styles.look(style)
        return self._faces(look.font, text.upper() if look.uppercase else text, look.bold if bold is None else bold)

    def run(self, style: str, run: Run, *, links: bool = True, scale: float = 1.0) -> str:
        look = self.styles.look(style)
        href = self._href(run) if links else None
        char_name = run.style
        if href is not None:
            char_name = LINK_STYLE  # links look like links, in every format (document/styles.py)
        char = self.styles.character(char_name) if char_name else None
        bold = char.bold if char is not None and char.bold is not None else look.bold
        text = clean(run.text)
        if look.uppercase:
            text = text.upper()
        out = self._faces(look.font, text, bold, run.lang)
        if not out:
            return ""
        if char is not None:
            # Italic has no effect: most scripts' fonts have no italic face and FontSet picks upright
            # faces; reportlab has no synthetic oblique in paragraphs, so the regular face is used.
            attrs = []
            if char.size is not None:
                attrs.append(f'size="{char.size * scale:g}"')
            if char.colour is not None:
                attrs.append(f'color="{self.styles.palette.markup(char.colour)}"')
            if char.background is not None:
                attrs.append(f'backColor="{self.styles.palette.markup(char.background)}"')
            if attrs:
                out = f"<font {' '.join(attrs)}>{out}</font>"
            if char.underline:
                out = f"<u>{out}</u>"
        if href is not None:
            out = f'<a href="{escape(href)}">{out}</a>'
        return out

    def _faces(self, role: str, text: str, bold: bool, lang: str | None = None) -> str:
        """Escaped text with one `<font face>` per piece one face can draw (chosen by script and, for
        Han, by language); newlines become `<br/>`."""
        parts = []
        for face, chunk in self.fonts.runs(role, text, bold=bold, lang=lang):
            register_face(face)
            name = language_face(face, lang) if lang else face.face_name
            lacking = self.fonts.lacking(face, chunk)
            if lacking:
                self.missing[text] = "".join(dict.fromkeys(self.missing.get(text, "") + lacking))
            body = "<br/>".join(escape(line) for line in chunk.split("\n"))
            parts.append(f'<font face="{escape(name)}">{body}</font>')
        return "".join(parts)

    def _href(self, run: Run) -> str | None:
        if run.link:
            url = clean(run.link).strip()
            return url if urlsplit(url).scheme.lower() in LINK_SCHEMES else None
        if run.target:
            return "#" + dest_name(run.target)
        return None
