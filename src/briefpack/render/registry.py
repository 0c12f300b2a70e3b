"""Every format briefpack writes, by name: the build looks a job's renderer up here, never by extension.

A format names what it takes (a `Document`, a `ContactBook`, `Records`) and the function that writes
it. Document formats also name their translator class (see `translator.py`), so a test can hold
every one of them to the whole block model. Renderers are imported when first used: a build that
writes no DOCX never imports python-docx.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefpack.document.calendar import Calendar
from briefpack.document.contacts import ContactBook, Records
from briefpack.document.model import Document
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout


@dataclass(frozen=True)
class RenderContext:
    """What a renderer may use besides the item itself: the layout, its fonts, a reference .docx, and
    whether a DOCX carries its fonts (`--no-embed-fonts` for organisations whose policy forbids it)."""

    layout: Layout | None = None
    fonts: FontSet | None = None
    reference_docx: Path | None = None
    embed_fonts: bool = True


@dataclass(frozen=True)
class Format:
    name: str
    takes: type
    write: Callable[[Any, RenderContext], Any]
    translator: Callable[[], type] | None = None  # a document format's block translator class
    preflight: bool = False  # `write` gives a `RenderedPdf` the build preflights

    def render(self, item: Any, context: RenderContext) -> Any:
        if not isinstance(item, self.takes):
            raise TypeError(f"the {self.name} renderer takes a {self.takes.__name__}, not a {type(item).__name__}")
        return self.write(item, context)


def _pdf(document: Document, context: RenderContext) -> Any:
    from briefpack.render.pdf.renderer import render_pdf_editions

    assert context.layout is not None and context.fonts is not None
    (screen,) = render_pdf_editions(document, context.layout, context.fonts, (False,))
    return screen


def _pdf_translator() -> type:
    from briefpack.render.pdf.flowables import BlockConverter

    return BlockConverter


def _docx(document: Document, context: RenderContext) -> bytes:
    from briefpack.render.docx.renderer import render_docx

    assert context.layout is not None and context.fonts is not None
    return render_docx(
        document, context.layout, context.fonts, reference=context.reference_docx, embed_fonts=context.embed_fonts
    )


def _docx_translator() -> type:
    from briefpack.render.docx.renderer import DocxRenderer

    return DocxRenderer


def _vcf(book: ContactBook, context: RenderContext) -> bytes:
    from briefpack.render.vcard import render_vcf

    return render_vcf(book)


def _csv(records: Records, context: RenderContext) -> bytes:
    from briefpack.render.csv import render_csv

    return render_csv(records)


def _ics(calendar: Calendar, context: RenderContext) -> bytes:
    from briefpack.render.ics import render_ics

    return render_ics(calendar)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("pdf", Document, _pdf, _pdf_translator, preflight=True),
        Format("docx", Document, _docx, _docx_translator),
        Format("vcf", ContactBook, _vcf),
        Format("csv", Records, _csv),
        Format("ics", Calendar, _ics),
    )
}


def format_named(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"no renderer for format {name!r}; formats: {', '.join(FORMATS)}") from None
