"""Pieces every composer uses: how a person, a contact or a session time reads in a document.

Composers build `briefpack.document` blocks only; words come from the layout's fragments
(`Fragments`) or from the data, never from string literals here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from briefpack.document.model import Inline, KeyValue, Paragraph, Run, runs
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import Person, Session


def anchor(*parts: str) -> str:
    """A stable anchor id from ids: renderers turn it into bookmark names."""
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)


def display_name(person: Person) -> str:
    return f"{person.honorific} {person.name}" if person.honorific else person.name


def name_runs(person: Person, cat: Catalogue, *, style: str | None = None) -> Inline:
    """Name, then the native-script name tagged with the person's language (for fonts and DOCX lang)."""
    parts: list[Run] = [Run(display_name(person), style=style)]
    if person.native_name and person.native_name != person.name:
        parts.append(Run(" · ", style="muted"))
        parts.append(Run(person.native_name, lang=_language_of(person, cat)))
    return tuple(parts)


def _language_of(person: Person, cat: Catalogue) -> str | None:
    country = cat.countries.get(person.country) if person.country else None
    return country.language if country else None


def affiliation(person: Person, cat: Catalogue) -> str:
    """'Title, Organisation, Country' with whatever parts are known."""
    org = cat.organisation_of(person)
    country = cat.country_name(person.country)
    parts = [person.title, org.name if org else None]
    if country and (not org or org.country != person.country or not org.name.endswith(country)):
        parts.append(country)
    return ", ".join(p for p in parts if p)


def sort_key(text: str) -> str:
    """Alphabetical order that ignores diacritics, so Đặng sorts with D and Ương with U."""
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def session_time(session: Session) -> str:
    return f"{session.start:%H:%M}–{session.end:%H:%M}"


def tel_link(number: str) -> str:
    """A `tel:` URI from a number as printed: '(66-2) 288 2057' -> 'tel:+6622882057' when it has a country code."""
    digits = re.sub(r"[^0-9+]", "", number)
    if not digits.startswith("+") and re.match(r"^\(\d{1,3}-", number.strip()):
        digits = "+" + digits
    return f"tel:{digits}"


def contact_details(person: Person, text: Fragments) -> KeyValue:
    """Phone, mobile, fax, e-mail and address as label/value pairs with working links."""
    pairs: list[tuple[str, Inline]] = []
    for field, label in (("phone", "tel_label"), ("mobile", "mobile_label")):
        number = getattr(person, field)
        if number:
            pairs.append((text.render(label), runs(Run(number, link=tel_link(number)))))
    if person.fax:
        pairs.append((text.render("fax_label"), runs(person.fax)))
    if person.email:
        pairs.append((text.render("email_label"), runs(Run(person.email, link=f"mailto:{person.email}"))))
    return KeyValue(tuple(pairs))


def address_paragraphs(lines: Iterable[str], style: str = "body") -> list[Paragraph]:
    return [Paragraph(runs(line), style=style) for line in lines]
