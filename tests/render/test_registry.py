"""The renderer registry: every format by name, and every document format translates every block type."""

from __future__ import annotations

import pytest

from briefpack.document.contacts import Contact, ContactBook, Localised, Records
from briefpack.document.model import Document, Metadata
from briefpack.render.registry import FORMATS, RenderContext, format_named
from briefpack.render.translator import Translator


@pytest.mark.parametrize("name", [name for name, fmt in FORMATS.items() if fmt.translator is not None])
def test_every_document_format_has_a_translation_for_every_block_type(name: str) -> None:
    translator = FORMATS[name].translator()
    assert issubclass(translator, Translator) and translator.format == name
    assert translator.missing() == []


def test_a_translator_without_a_block_type_is_found_out() -> None:
    class Partial(Translator):
        format = "partial"

    assert "Paragraph" in Partial.missing() and "CardGrid" in Partial.missing()
    with pytest.raises(TypeError, match="the partial renderer has no translation for Document"):
        Partial().translate(Document(Metadata("x"), ()))  # type: ignore[arg-type]


def test_a_format_is_chosen_by_its_name_and_an_unknown_name_is_refused() -> None:
    assert format_named("vcf").takes is ContactBook
    with pytest.raises(ValueError, match="no renderer for format 'odt'; formats: pdf, docx, vcf, csv, ics"):
        format_named("odt")


def test_a_renderer_refuses_what_is_not_its_kind_of_item() -> None:
    with pytest.raises(TypeError, match="the csv renderer takes a Records, not a ContactBook"):
        format_named("csv").render(ContactBook(()), RenderContext())


def test_contacts_and_records_render_without_a_layout() -> None:
    book = ContactBook((Contact("urn:uuid:1", (Localised("Ann Lee"),), family="Lee", given="Ann"),))
    vcf = format_named("vcf").render(book, RenderContext()).decode()
    assert vcf.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:1\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n")
    csv = format_named("csv").render(Records(("a", "b"), (("=1+1", "x,y"),)), RenderContext()).decode()
    assert csv == 'a,b\r\n\'=1+1,"x,y"\r\n'
