"""The scripts page: one Paragraph per script of the region, plus a line whose words switch fonts.

Plain code (no fixtures), so a subprocess can build the same page without `rl_fixes.apply()` and show
that the tests would catch the upstream bugs. Fonts are registered under test-only names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

#: Registered reportlab font name for each script font the tests use.
FONT_NAMES = {
    "latin": "BPTest-NotoSans",
    "sc": "BPTest-NotoSansSC",
    "thai": "BPTest-NotoSansThai",
    "lao": "BPTest-NotoSansLao",
    "khmer": "BPTest-NotoSansKhmer",
}

#: The scripts page: one Paragraph per line, each line a list of (font key, text) runs.
SCRIPT_LINES: dict[str, list[tuple[str, str]]] = {
    "english": [("latin", "Mekong Women’s Forum, Kunming 2007")],
    "vietnamese": [("latin", "Dương Thị Xuân, Hội Liên hiệp Phụ nữ Việt Nam")],
    "thai": [("thai", "สหภาพสตรี")],
    "lao": [("lao", "ສະຫະພັນແມ່ຍິງລາວ")],
    # Coeng + vowel sign (្ត្រី) in the middle; Latin after it must sit on the baseline (bug a).
    "khmer": [("khmer", "សហភាពស្ត្រីកម្ពុជា"), ("latin", " (Cambodia)")],
    "chinese": [("sc", "云南省妇女联合会")],
    # One space-delimited word in three fonts, another in two (bug b).
    "mixed": [
        ("latin", "Dương Thị Xuân ("),
        ("sc", "云南"),
        ("latin", ") "),
        ("thai", "สตรี"),
        ("latin", "/"),
        ("lao", "ສະຫະພັນ"),
        ("latin", "/"),
        ("khmer", "ស្ត្រី"),
    ],
}

FONT_SIZE = 14
LEADING = 22
PAGE_SIZE = (400, 220)
#: Distance of the text from the page edges (SimpleDocTemplate's frame adds 6 pt padding to its margins).
MARGIN = 18
_FRAME_PADDING = 6


def line_text(name: str) -> str:
    """The text of a scripts-page line as a reader sees it (NFC)."""
    return unicodedata.normalize("NFC", "".join(text for _, text in SCRIPT_LINES[name]))


def markup(runs: list[tuple[str, str]]) -> str:
    """Paragraph markup with one <font face=...> per run; the text is XML-escaped."""
    return "".join(f'<font face="{FONT_NAMES[key]}">{escape(text)}</font>' for key, text in runs)


def register_fonts(paths: Mapping[str, Path]) -> None:
    """Register each font file under its `FONT_NAMES` name (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for key, path in paths.items():
        if FONT_NAMES[key] not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAMES[key], str(path)))


def build_pdf(out: Path, paragraphs: list[tuple[str, Any]], page_size: tuple[float, float] = PAGE_SIZE) -> bytes:
    """Build a PDF of (markup, ParagraphStyle) pairs the way briefpack does: shaping on, invariant."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    doc = SimpleDocTemplate(
        str(out),
        pagesize=page_size,
        leftMargin=MARGIN - _FRAME_PADDING,
        rightMargin=MARGIN - _FRAME_PADDING,
        topMargin=MARGIN - _FRAME_PADDING,
        bottomMargin=MARGIN - _FRAME_PADDING,
        invariant=1,
        initialFontName=FONT_NAMES["latin"],  # a TTF, so Helvetica is never referenced
        title="scripts",
        author="briefpack tests",
    )
    doc.build([Paragraph(text, style) for text, style in paragraphs])
    return out.read_bytes()


def body_style(**overrides: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    values: dict[str, Any] = {
        "fontName": FONT_NAMES["latin"],
        "fontSize": FONT_SIZE,
        "leading": LEADING,
        "shaping": 1,
    }
    values.update(overrides)
    return ParagraphStyle("body", **values)


def build_scripts_pdf(out: Path, fonts: Mapping[str, Path]) -> bytes:
    """The scripts page: one line per script plus the mixed line, each its own Paragraph."""
    register_fonts(fonts)
    style = body_style()
    return build_pdf(out, [(markup(runs), style) for runs in SCRIPT_LINES.values()])
