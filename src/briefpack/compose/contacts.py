"""People as contacts: what `contacts.vcf` and the cards' QR codes say about each person.

The name split is a best-effort rule, kept simple: for people from countries whose names put the
family name first (`FAMILY_FIRST`: Viet Nam, China, Cambodia, ...) the first word is the family
name; for others (Thai and Lao names among them) the last word is; a one-word name (common in
Myanmar, with no family name) is the given name only. The honorific is the name's prefix.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from briefpack.compose.common import display_name, native_language, tel_uri
from briefpack.document.contacts import Contact, ContactBook, Localised, Phone
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import EventData, Person

FAMILY_FIRST: frozenset[str] = frozenset({"VN", "CN", "KH", "TW", "HK", "MO", "KR", "KP"})
"""Countries whose names, as printed in Latin script here, start with the family name."""

GIVEN_ONLY: frozenset[str] = frozenset({"MM"})
"""Countries where names have no family name: the whole name is the given name."""


def split_name(person: Person) -> tuple[str, str]:
    """(family, given) from the printed Latin name; see the module notes for the rule."""
    words = person.name.split()
    if len(words) <= 1 or person.country in GIVEN_ONLY:
        return "", person.name
    if person.country in FAMILY_FIRST:
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def contact(person: Person, data: EventData, cat: Catalogue | None = None) -> Contact:
    cat = cat or Catalogue(data)
    names = (Localised(display_name(person)),)
    if person.native_name and person.native_name != person.name:
        names = (Localised(display_name(person), "en"), Localised(person.native_name, native_language(person, cat)))
    organisations: tuple[Localised, ...] = ()
    org = cat.organisation_of(person)
    if org:
        organisations = (Localised(org.name),)
        if org.native_name and org.native_name != org.name:
            country = cat.countries.get(org.country) if org.country else None
            native = Localised(org.native_name, country.language if country and country.language else None)
            organisations = (Localised(org.name, "en"), native)
    family, given = split_name(person)
    phones = tuple(
        Phone(kind, tel_uri(number))
        for number, kind in ((person.phone, "voice"), (person.mobile, "cell"), (person.fax, "fax"))
        if number
    )
    return Contact(
        uid=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'briefpack:{data.event.id}:{person.id}')}",
        names=names,
        family=family,
        given=given,
        prefix=person.honorific or "",
        organisations=organisations,
        title=person.title or "",
        phones=phones,
        email=person.email or "",
        address=tuple(person.address),
        languages=tuple(person.languages),
    )


def contact_book(people: Iterable[Person], data: EventData) -> ContactBook:
    cat = Catalogue(data)
    return ContactBook(tuple(contact(person, data, cat) for person in people))
