"""The one Paragraph class every PDF flowable uses: reportlab's, with line breaking memoised per width.

reportlab breaks a paragraph into lines (shaping every word) each time it is wrapped, and a table
wraps each cell to measure rows, again to split across pages and again to draw; multiBuild repeats
it all on each pass. In the sample booklet 9,074 wraps met only 2,353 distinct (paragraph, width)
pairs. A paragraph's lines depend on its text, style and width alone, so the lines are kept per
width and restored; `split` drops them, because reportlab's split may retag the paragraph's
fragments in place. In a sketch pass (see `pages.BriefDocTemplate`) a paragraph draws nothing.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph as RLParagraph

#: What `Paragraph.wrap` (and the `breakLines` it calls) sets on the instance.
_WRAP_STATE = ("width", "height", "blPara", "_wrapWidths", "_width_max", "_splitLongWordCount", "_hyphenations")


class Paragraph(RLParagraph):
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
        return super().split(availWidth, availHeight)

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if not getattr(doc, "sketch", False):  # a sketch pass lays out pages, draws no text (pages.py)
            super().draw()
