"""People as contacts: what `contacts.vcf` and the cards' QR codes say about each person.

The structured name is the data's, or the rule of `names.py`; the honorific is the name's prefix.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from briefpack.compose.common import display_name, native_language, tel_uri
from briefpack.compose.names import name_parts
from briefpack.document.contacts import Contact, ContactBook, Localised, Phone
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import EventData, Person


def split_name(person: Person) -> tuple[str, str]:
    """(family, given) for the vCard's N (see `names.py`)."""
    parts = name_parts(person)
    return parts.family, parts.given


def contact(person: Person, data: EventData, cat: Catalogue | None = None) -> Contact:
    cat = cat or Catalogue(data)
    names = (Localised(display_name(person)),)
    if person.native_name and person.native_name != person.name:
        names = (Localised(display_name(person), "en"), Localised(person.native_name, native_language(person, cat)))
    org = cat.organisation_of(person)
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
        organisation=org.name if org else "",
        title=person.title or "",
        phones=phones,
        email=person.email or "",
        address=tuple(person.address),
    )


def contact_book(people: Iterable[Person], data: EventData) -> ContactBook:
    cat = Catalogue(data)
    return ContactBook(tuple(contact(person, data, cat) for person in people))
