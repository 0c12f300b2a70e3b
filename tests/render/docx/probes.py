"""Small documents that isolate one question each, and a user's reference .docx made on the fly.

Plain code (no fixtures); import as `from render.docx.probes import ...`.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from briefpack.document.model import Document, Heading, Metadata, Paragraph, Run, Section, runs
from render.samples import SCRIPT_LINES

REFERENCE_HEADING_FONT = "Noto Sans SC"
REFERENCE_BODY_FONT = "Noto Sans Lao"
REFERENCE_HEADING_COLOUR = "C00000"


def script_probe_documents() -> dict[str, Document]:
    """One document per script line (one page, no running head), so a PDF's fonts belong to that line alone.

    One document each, not one page each: LibreOffice lists every font of a PDF on every page.
    """
    lines = {name: Paragraph(runs(text)) for name, text in SCRIPT_LINES.items()}
    lines["thai-bold"] = Paragraph((Run(SCRIPT_LINES["thai"], style="strong"),))
    return {name: Document(Metadata(title=name), (Section((line,), template="cover"),)) for name, line in lines.items()}


def make_reference(path: Path, *, drop: tuple[str, ...] = (), body_styles: tuple[str, ...] = ("Normal",)) -> Path:
    """A user's reference .docx: Heading 1 in red Noto Sans SC, Normal in Noto Sans Lao, some content.

    Fonts are set in all four slots with the theme attributes removed, so the reference means exactly
    one font (python-docx's `font.name` leaves the template's theme fonts in charge). `drop` removes
    styles by name, to make a reference that lacks built-ins; `body_styles` are the styles set in the
    body font (add "Body Text", the renderer's body paragraphs, to restyle a whole document's body).
    """
    ref = docx.Document()
    faces = (("Heading 1", REFERENCE_HEADING_FONT), *((name, REFERENCE_BODY_FONT) for name in body_styles))
    for name, family in faces:
        rpr = ref.styles[name].element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{slot}"), family)
    heading = ref.styles["Heading 1"].font
    heading.size = Pt(22)
    heading.color.rgb = RGBColor.from_string(REFERENCE_HEADING_COLOUR)
    ref.add_paragraph("Reference body text that must not survive.")
    ref.sections[0].header.paragraphs[0].text = "REFERENCE HEADER"
    for name in drop:
        style = ref.styles.element.get_by_name(name)
        style.getparent().remove(style)
    ref.save(str(path))
    return path


def reference_probe_documents() -> dict[str, Document]:
    """A Latin heading alone, and a Latin paragraph alone: their fonts can only come from the styles."""
    return {
        name: Document(Metadata(title=name), (Section((block,), template="cover"),))
        for name, block in (
            ("heading", Heading(runs("Reference heading"), level=1)),
            ("body", Paragraph(runs("Reference body paragraph."))),
        )
    }
