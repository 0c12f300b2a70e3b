"""What the PDF renderer drew, page by page: the record the preflight judges a PDF by.

Reading text positions back from a finished PDF needs a full text extractor (poppler, pdfminer)
and costs more than rendering; the renderer already knows every line it sets. So each paragraph
reports its lines as it draws them (`record_paragraph`), in page coordinates and with the true
extent of their glyphs, and each page template reports the area its text may occupy. The ledger
is filled only in the pass whose drawing ends up in the file (never in a sketch pass).

A line's box runs from its baseline minus the glyphs' descent to the baseline plus their ascent,
and horizontally over the width its words take, following the paragraph's alignment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.platypus import paragraph as rl_paragraph

from briefpack.render.pdf.geometry import Box


@dataclass(frozen=True)
class DrawnLine:
    box: Box
    text: str
    furniture: bool  # running heads and page numbers: they live in the margins, not the text frame
    binds: bool = False  # a heading, or a line kept with what follows it (it must not end a page)


@dataclass
class PageRecord:
    """One page: where its text may go, what was set on it, whether it was left blank on purpose."""

    number: int
    live: Box  # the text frame (or a card sheet's printable area)
    safe: Box  # where furniture may go: the trim inset by the safety margin
    lines: list[DrawnLine] = field(default_factory=list)
    pictures: int = 0  # images and QR codes placed
    blank_by_design: bool = False  # the verso left empty before a section that starts on a recto

    @property
    def has_content(self) -> bool:
        return self.pictures > 0 or any(not line.furniture for line in self.lines)


@dataclass
class Ledger:
    pages: dict[int, PageRecord] = field(default_factory=dict)
    furniture: bool = False  # set while a page template draws its running head and number

    def start_page(self, number: int, live: Box, safe: Box) -> None:
        self.pages[number] = PageRecord(number, live, safe)

    def page(self, number: int) -> PageRecord:
        return self.pages[number]


def ledger_of(canvas: Any) -> Ledger | None:
    """The ledger a canvas records into, or None (a sketch pass, or a canvas nobody audits)."""
    doc = getattr(canvas, "_doctemplate", None)
    if doc is None or getattr(doc, "sketch", False):
        return None
    return getattr(doc, "ledger", None)


def record_paragraph(para: Any, canvas: Any) -> None:
    """Record the lines `para` has just drawn at the canvas's current position."""
    ledger = ledger_of(canvas)
    lines = getattr(getattr(para, "blPara", None), "lines", None)
    if ledger is None or not lines or getattr(para.blPara, "kind", 0) != 1:
        return
    record = ledger.pages.get(canvas.getPageNumber())
    if record is None:
        return
    style = para.style
    binds = bool(getattr(para, "binds", False))
    a, b, c, d, e, f = canvas._currentMatrix
    widths = para._wrapWidths if hasattr(para, "_wrapWidths") else [para.width]
    for i, (line, baseline) in enumerate(zip(lines, _baselines(para, lines), strict=True)):
        ascent, descent = getattr(line, "glyphs", (line.ascent, line.descent))
        width = widths[min(i, len(widths) - 1)]
        used = width - max(line.extraSpace, 0.0)
        x0 = style.leftIndent + (style.firstLineIndent if i == 0 else 0.0)
        if style.alignment == TA_RIGHT:
            x0 += max(line.extraSpace, 0.0)
        elif style.alignment == TA_CENTER:
            x0 += max(line.extraSpace, 0.0) / 2
        elif style.alignment == TA_JUSTIFY and i < len(lines) - 1:
            used = width
        text = "".join(str(getattr(w, "text", "")) for w in line.words).strip()
        if not text:
            continue
        x1 = x0 + used
        y0, y1 = baseline + descent, baseline + ascent
        # The canvas only ever translates and scales flowables (no rotation), so two corners suffice.
        px0, py0 = a * x0 + c * y0 + e, b * x0 + d * y0 + f
        px1, py1 = a * x1 + c * y1 + e, b * x1 + d * y1 + f
        box = (min(px0, px1), min(py0, py1), max(px0, px1), max(py0, py1))
        record.lines.append(DrawnLine(box, text, ledger.furniture, binds))


def record_picture(canvas: Any) -> None:
    ledger = ledger_of(canvas)
    if ledger is not None and canvas.getPageNumber() in ledger.pages:
        ledger.pages[canvas.getPageNumber()].pictures += 1


def first_baseline_drop(line: Any) -> float:
    """How far below a paragraph's top reportlab sets its first baseline (``drawPara``)."""
    return line.fontSize if rl_paragraph.paraFontSizeHeightOffset else line.ascent  # see rl_fixes (e)


def _baselines(para: Any, lines: list[Any]) -> list[float]:
    """Each line's baseline above the paragraph's bottom, as reportlab 5.1.0 draws them.

    This is the drawing rule of ``paragraph._putFragLine``, restated on purpose rather than taken from
    the measurements: the ledger must see where text really went, even where measuring was wrong.
    """
    leading = para.style.leading
    auto = getattr(para, "autoLeading", getattr(para.style, "autoLeading", ""))
    baseline = para.height - first_baseline_drop(lines[0])
    out = [baseline]
    below = 0.0
    for i, line in enumerate(lines):
        if auto == "max":
            above, under = max(leading * 5 / 6, line.ascent), max(leading / 6, -line.descent)
        elif auto == "min":
            above, under = line.ascent, -line.descent
        else:
            above, under = leading, 0.0
        if i:
            baseline = baseline - below - above
            out.append(baseline)
        below = under
    return out
