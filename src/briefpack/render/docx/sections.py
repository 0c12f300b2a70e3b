"""Word sections: page size and margins per document section, and their headers.

Every model section becomes a Word section starting on a new page (on a right-hand page for `recto`
sections of facing layouts). Each one defines its headers explicitly, because a Word section without a
header inherits the previous section's: the cover and card sheets get empty ones, body sections the
running head and the page number. Facing layouts get a mirrored even-page header (page number outside).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.section import Section as WordSection
from lxml import etree

from briefpack.document.model import Section
from briefpack.render.docx.fields import field
from briefpack.render.docx.geometry import PageSetup
from briefpack.render.docx.ooxml import P_PR, SECT_PR, el, paragraph_properties, set_child, twips

if TYPE_CHECKING:
    from briefpack.render.docx.renderer import DocxRenderer

PLAIN_TEMPLATES = ("cover", "cards")  # page templates without running head or page number


def section_properties(page: PageSetup, *, start: str | None, landscape: bool) -> etree._Element:
    """A `w:sectPr` with the page geometry; `start` is None for the first section."""
    sect = el("w:sectPr")
    if start:
        set_child(sect, el("w:type", {"w:val": start}), SECT_PR)
    size = {"w:w": twips(page.width), "w:h": twips(page.height)}
    if landscape:
        size["w:orient"] = "landscape"
    set_child(sect, el("w:pgSz", size), SECT_PR)
    margins = {
        "w:top": twips(page.top),
        "w:right": twips(page.right),
        "w:bottom": twips(page.bottom),
        "w:left": twips(page.left),
        "w:header": twips(page.header_distance),
        "w:footer": twips(page.footer_distance),
        "w:gutter": 0,
    }
    set_child(sect, el("w:pgMar", margins), SECT_PR)
    set_child(sect, el("w:cols", {"w:space": 720}), SECT_PR)
    return sect


def write_headers(renderer: DocxRenderer, sect: etree._Element, section: Section, page: PageSetup) -> None:
    layout = renderer.layout
    facing = layout.page.facing
    word_section = WordSection(sect, renderer.word.part)
    headers = [(word_section.header, False)]
    if facing:
        headers.append((word_section.even_page_header, True))
    for header, even in headers:
        header.is_linked_to_previous = False
        root = header.part.element
        for child in list(root):
            root.remove(child)
        root.append(_header_paragraph(renderer, section, even, page))


def _header_paragraph(renderer: DocxRenderer, section: Section, even: bool, page_setup: PageSetup) -> etree._Element:
    """Running head left and page number right; on even pages of facing layouts, the other way round."""
    running = renderer.layout.running_head
    numbers = running.show_page_numbers
    if section.template in PLAIN_TEMPLATES or not (section.running_head or numbers):
        return renderer.spacer_paragraph()
    style = running.style
    writer = renderer.inline
    head = writer.text(style, section.running_head) if section.running_head else []
    page = field("PAGE", "1", writer.maker(style)) if numbers else []
    tab = [writer.maker(style)("\t")]
    style_id = renderer.styles.paragraph(style)
    paragraph = renderer.styled_paragraph(style_id)
    if renderer.styles.keep_existing:
        # A reference's header style has its own tab stops (Word's default: centre and right, for Letter
        # paper): replace them on this paragraph, or the page number would land mid-page.
        stops = [el("w:tab", {"w:val": "clear", "w:pos": pos}) for pos in renderer.styles.tab_stops(style_id)]
        stops.append(el("w:tab", {"w:val": "right", "w:pos": twips(page_setup.text_width)}))
        set_child(paragraph_properties(paragraph), el("w:tabs", None, *stops), P_PR)
    parts = [*page, *tab, *head] if even else [*head, *tab, *page]
    for part in parts:
        paragraph.append(part)
    return paragraph
