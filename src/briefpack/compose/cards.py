"""Contact cards and vCards: the card sheet document, `contacts.vcf`, and the QR payload on each card.

A card's QR code holds the same vCard as `contacts.vcf`, so scanning a card and importing the file
give one contact, not two (the UID is derived from the event and person ids and stays stable
across builds).

vCard choices (RFC 6350, version 4.0):
- CRLF line ends; lines folded at 75 octets, never inside a UTF-8 sequence; `\\`, `,`, `;` and
  newlines escaped in every text value.
- `FN` is the display name (with honorific). A person with a native-script name gets two `FN`
  lines sharing `ALTID=1`, tagged `LANGUAGE=en` and the native language, the 4.0 way of saying
  "the same name in two languages" (apps that do not know ALTID show the first).
- `N` is a best-effort split, kept simple: for people from countries whose names put the family
  name first (`FAMILY_FIRST`: Viet Nam, China, Cambodia, ...) the first word is the family name;
  for others (Thai and Lao names among them) the last word is; a one-word name (common in
  Myanmar, with no family name) is the given name only. The honorific goes in the prefix.
- Phones are `tel:` URIs (`VALUE=uri`) typed work/voice, cell and work/fax; the address lines go,
  as printed, in the street component (one list item per line); `LANG` lists spoken languages in
  order of preference.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Literal

from briefpack.compose.common import address_starts_with, display_name, native_language, sort_key, tel_uri
from briefpack.document.model import Card, CardGrid, Document, Metadata, Paragraph, Run, Section, runs
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import EventData, Person

CardScope = Literal["default", "all"]

FAMILY_FIRST: frozenset[str] = frozenset({"VN", "CN", "KH", "TW", "HK", "MO", "KR", "KP"})
"""Countries whose names, as printed in Latin script here, start with the family name."""

GIVEN_ONLY: frozenset[str] = frozenset({"MM"})
"""Countries where names have no family name: the whole name is the given name."""

FOLD_OCTETS = 75


# --- who gets a card ---------------------------------------------------------------------------


def card_people(data: EventData, scope: CardScope = "default") -> list[Person]:
    """People to make cards for, in name order (diacritics ignored, then id) so sheets are stable.

    `default`: the people others need to reach: information and press contacts, delegation heads and
    spokespeople (role `spokesperson`). `all`: everyone in the data.
    """
    if scope == "all":
        chosen = list(data.people)
    elif scope == "default":
        wanted = {c.person for c in data.contacts}
        wanted |= {d.head for d in data.delegations if d.head}
        wanted |= {p.id for p in data.people if "spokesperson" in p.roles}
        chosen = [p for p in data.people if p.id in wanted]
    else:
        raise ValueError(f"unknown card scope {scope!r}: use 'default' or 'all'")
    return sorted(chosen, key=lambda p: (sort_key(p.name), p.id))


# --- vCard --------------------------------------------------------------------------------------


def _escape(value: str) -> str:
    """A text value as RFC 6350 section 3.4 wants it: backslash, comma, semicolon and newline escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _param(value: str) -> str:
    """A parameter value from data (language tags): anything but letters, digits and hyphens is dropped,
    because a stray `:` or `;` there would end the parameter list and corrupt the line."""
    return "".join(ch for ch in value if ch.isascii() and (ch.isalnum() or ch == "-"))


def fold(line: str) -> str:
    """One content line folded to at most 75 octets per physical line (RFC 6350 section 3.2), CRLF-ended.

    Splits fall between code points, never inside a UTF-8 sequence, so every physical line is valid
    UTF-8 on its own (some scanners and mail gateways check that). Continuation lines start with a
    space, which counts towards their 75 octets.
    """
    out: list[str] = []
    current: list[str] = []
    size = 0
    limit = FOLD_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, FOLD_OCTETS
        current.append(ch)
        size += n
    out.append("".join(current))
    return "".join(part + "\r\n" for part in out)


def split_name(person: Person) -> tuple[str, str]:
    """(family, given) from the printed Latin name; see the module notes for the rule."""
    words = person.name.split()
    if len(words) <= 1 or person.country in GIVEN_ONLY:
        return "", person.name
    if person.country in FAMILY_FIRST:
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def _uid(person: Person, data: EventData) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'briefpack:{data.event.id}:{person.id}')}"


def _vcard(person: Person, data: EventData, cat: Catalogue) -> str:
    lines: list[str] = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{_uid(person, data)}"]
    name = display_name(person)
    native = person.native_name if person.native_name and person.native_name != person.name else None
    if native:
        lang = native_language(person, cat)
        tag = f";LANGUAGE={_param(lang)}" if lang else ""
        lines.append(f"FN;ALTID=1;LANGUAGE=en:{_escape(name)}")
        lines.append(f"FN;ALTID=1{tag}:{_escape(native)}")
    else:
        lines.append(f"FN:{_escape(name)}")
    family, given = split_name(person)
    lines.append(f"N:{_escape(family)};{_escape(given)};;{_escape(person.honorific or '')};")
    org = cat.organisation_of(person)
    if org:
        if org.native_name and org.native_name != org.name:
            country = cat.countries.get(org.country) if org.country else None
            tag = f";LANGUAGE={_param(country.language)}" if country and country.language else ""
            lines.append(f"ORG;ALTID=2;LANGUAGE=en:{_escape(org.name)}")
            lines.append(f"ORG;ALTID=2{tag}:{_escape(org.native_name)}")
        else:
            lines.append(f"ORG:{_escape(org.name)}")
    if person.title:
        lines.append(f"TITLE:{_escape(person.title)}")
    for number, kind in ((person.phone, "work,voice"), (person.mobile, "cell"), (person.fax, "work,fax")):
        if number:
            lines.append(f"TEL;VALUE=uri;TYPE={kind}:{tel_uri(number)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=work:{_escape(person.email)}")
    if person.address:
        street = ",".join(_escape(line) for line in person.address)
        lines.append(f"ADR;TYPE=work:;;{street};;;;")
    for i, lang in enumerate(dict.fromkeys(person.languages), 1):
        lines.append(f"LANG;PREF={i}:{_param(lang)}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def vcard(person: Person, data: EventData) -> str:
    """The person's vCard 4.0 text (CRLF line ends): the payload of their card's QR code."""
    return _vcard(person, data, Catalogue(data))


def contacts_vcf(people: Iterable[Person], data: EventData) -> bytes:
    """`contacts.vcf`: the vCards of `people`, concatenated, UTF-8 (no byte-order mark, which some
    importers read as part of `BEGIN`)."""
    cat = Catalogue(data)
    return "".join(_vcard(p, data, cat) for p in people).encode("utf-8")


# --- the card sheet -----------------------------------------------------------------------------


def _card(person: Person, data: EventData, cat: Catalogue, text: Fragments) -> Card:
    lines: list[Paragraph] = [Paragraph(runs(display_name(person)), style="card-name")]
    if person.native_name and person.native_name != person.name:
        lines.append(Paragraph((Run(person.native_name, lang=native_language(person, cat)),), style="card-native"))
    if person.title:
        lines.append(Paragraph(runs(person.title), style="card-title"))
    org = cat.organisation_of(person)
    if org and not address_starts_with(person.address, org.name):
        lines.append(Paragraph(runs(org.name), style="card-line"))
    lines += [Paragraph(runs(line), style="card-line") for line in person.address]
    for field, label in (("phone", "tel_label"), ("mobile", "mobile_label"), ("fax", "fax_label")):
        number = getattr(person, field)
        if number:
            lines.append(
                Paragraph(
                    (Run(text.render(label), style="muted"), Run(" "), Run(number, link=tel_uri(number))),
                    style="card-line",
                )
            )
    if person.email:
        lines.append(
            Paragraph(
                (
                    Run(text.render("email_label"), style="muted"),
                    Run(" "),
                    Run(person.email, link=f"mailto:{person.email}"),
                ),
                style="card-line",
            )
        )
    return Card(tuple(lines), qr=_vcard(person, data, cat), label=display_name(person))


def compose_cards(
    data: EventData, text: Fragments, scope: CardScope = "default", people: Sequence[Person] | None = None
) -> Document:
    """The contact-card sheet: one `cards` section holding a grid of cards; the renderer lays them N-up.

    `people` overrides `scope` with an explicit list (a delegation's zip carries the cards of the
    people its packet says to contact; see `packet.packet_contacts`).
    """
    cat = Catalogue(data)
    chosen = list(people) if people is not None else card_people(data, scope)
    ctx = {"event": data.event.model_dump()}
    host = cat.organisations.get(data.event.host)
    return Document(
        metadata=Metadata(
            title=text.render("cards_title", **ctx),
            author=host.name if host else "",
            subject=data.event.name,
            language="en",
        ),
        sections=(Section((CardGrid(tuple(_card(p, data, cat, text) for p in chosen)),), template="cards"),),
    )
