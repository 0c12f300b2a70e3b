"""The one Paragraph class every PDF flowable uses: reportlab's, with parsing and line breaking memoised.

reportlab breaks a paragraph into lines (shaping every word) each time it is wrapped, and a table
wraps each cell to measure rows, again to split across pages and again to draw; multiBuild repeats
it all on each pass. In the sample booklet 9,074 wraps met only 2,353 distinct (paragraph, width)
pairs. A paragraph's lines depend on its text, style and width alone, so the lines are kept per
width and restored; `split` drops them, because reportlab's split may retag the paragraph's
fragments in place. In a sketch pass (see `pages.BriefDocTemplate`) a paragraph draws nothing.

Parsing the markup (reportlab runs it through `html.parser`) was a fifth of a packet's time, and
two thirds of the paragraphs of five packets are the same text in the same style (the timetable,
the session titles, the contacts). Parsed fragments are kept per process under (markup, style
object); each paragraph gets its own copies, so nothing one paragraph does to its fragments
reaches another. The memo holds the style, so its id cannot be reused while the entry exists.

Lines are measured as they are drawn (`_true_lines`). With `autoLeading="max"` reportlab measures a
line as ``max(leading, ascent - descent)`` (wrap, split) but draws it as ``max(5/6 leading, ascent)
+ max(1/6 leading, -descent)``; for Noto Sans at 10/14 that is 14 pt measured and 14.6 pt drawn, so
a 21-line paragraph ran 12 pt past the box it had reserved and overprinted what came next.
"""

from __future__ import annotations

import copy
from typing import Any

from reportlab.platypus import Paragraph as RLParagraph

from briefpack.render.pdf.ledger import record_paragraph
from briefpack.render.pdf.tagging import Node, tagged

#: What `Paragraph.wrap` (and the `breakLines` it calls) sets on the instance.
_WRAP_STATE = ("width", "height", "blPara", "_wrapWidths", "_width_max", "_splitLongWordCount", "_hyphenations")


#: (markup, id(style), bullet text, case sensitivity) -> (style, cleaned text, parsed style, fragments, bullet).
_parsed: dict[tuple[Any, ...], tuple[Any, str, Any, list[Any], Any]] = {}
_PARSED_LIMIT = 20_000  # entries; the memo starts afresh beyond it, so a long-lived worker stays lean


class Paragraph(RLParagraph):
    tag: Node | None = None  # the structure element its text belongs to (tagging.py); every part of a split keeps it

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is not None or not isinstance(text, str) or not (bulletText is None or isinstance(bulletText, str)):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, id(style), bulletText, self.caseSensitive)
        known = _parsed.get(key)
        if known is None or known[0] is not style:
            super()._setup(text, style, bulletText, None, cleaner)
            if len(_parsed) >= _PARSED_LIMIT:
                _parsed.clear()
            known = (style, self.text, self.style, [copy.copy(f) for f in self.frags], self.bulletText)
            _parsed[key] = known
            return
        _, cleaned, parsed_style, fragments, bullet = known
        super()._setup(cleaned, parsed_style, bullet, [copy.copy(f) for f in fragments], cleaner)

    def breakLines(self, width: Any) -> Any:
        return _true_lines(super().breakLines(width), self.style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo: dict[float, dict[str, Any]] = self.__dict__.setdefault("_wrapped", {})
        state = memo.get(availWidth)
        if state is not None:
            self.__dict__.update(state)
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__:  # absent when the width is too small to wrap at all
            memo[availWidth] = {name: self.__dict__[name] for name in _WRAP_STATE if name in self.__dict__}
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self.__dict__.pop("_wrapped", None)
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.tag = self.tag
        return parts

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if not getattr(doc, "sketch", False):  # a sketch pass lays out pages, draws no text (pages.py)
            with tagged(self.canv, self.tag):
                super().draw()
            record_paragraph(self, self.canv)


def _true_lines(para: Any, style: Any) -> Any:
    """Give each line the ascent and descent reportlab will draw it with, so measuring agrees.

    A line whose glyphs fit the leading gets exactly the leading, split 5/6 above the baseline and
    1/6 below (reportlab's own split); a taller line (a larger inline size, a script with tall marks)
    gets its glyphs' extent, never less than those shares. reportlab then measures and draws both
    the same: ``ascent - descent``.
    """
    if para.kind != 1 or getattr(style, "autoLeading", "") != "max":
        return para
    leading = style.leading
    above, below = leading * 5 / 6, leading / 6
    for line in para.lines:
        if not hasattr(line, "glyphs"):  # a split part's lines were normalised already
            line.glyphs = (line.ascent, line.descent)
        if line.ascent - line.descent <= leading:
            line.ascent, line.descent = above, -below
        else:
            line.ascent, line.descent = max(above, line.ascent), -max(below, -line.descent)
    return para
