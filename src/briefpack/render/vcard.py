"""The vCard renderer: a `ContactBook` as a `.vcf` file, and one contact as a QR code's payload.

A card's QR code holds the same vCard as `contacts.vcf`, so scanning a card and importing the file
give one contact, not two (the composer derives the UID from the event and person ids, stable
across builds).

vCard choices (RFC 6350, version 4.0):
- CRLF line ends; lines folded at 75 octets, never inside a UTF-8 sequence; `\\`, `,`, `;` and
  newlines escaped in every text value.
- `FN` is the display name. A contact with a native-script name gets two `FN` lines sharing
  `ALTID=1`, tagged `LANGUAGE=en` and the native language, the 4.0 way of saying "the same name in
  two languages" (apps that do not know ALTID show the first); organisations likewise (`ALTID=2`).
- Phones are `tel:` URIs (`VALUE=uri`) typed work/voice, cell and work/fax; the address lines go,
  as printed, in the street component (one list item per line); `LANG` lists spoken languages in
  order of preference.
- The file is UTF-8 without a byte-order mark, which some importers read as part of `BEGIN`.
"""

from __future__ import annotations

from briefpack.document.contacts import Contact, ContactBook, Localised
from briefpack.document.model import Card

FOLD_OCTETS = 75
PHONE_TYPES = {"voice": "work,voice", "cell": "cell", "fax": "work,fax"}


def render_vcf(book: ContactBook) -> bytes:
    return "".join(vcard(contact) for contact in book.contacts).encode("utf-8")


def vcard(contact: Contact) -> str:
    """The contact's vCard 4.0 text (CRLF line ends): a `.vcf` entry and a card's QR payload."""
    lines: list[str] = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{contact.uid}"]
    lines += _alternatives("FN", 1, contact.names)
    lines.append(f"N:{_escape(contact.family)};{_escape(contact.given)};;{_escape(contact.prefix)};")
    lines += _alternatives("ORG", 2, contact.organisations)
    if contact.title:
        lines.append(f"TITLE:{_escape(contact.title)}")
    for phone in contact.phones:
        lines.append(f"TEL;VALUE=uri;TYPE={PHONE_TYPES[phone.kind]}:{phone.uri}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{_escape(contact.email)}")
    if contact.address:
        street = ",".join(_escape(line) for line in contact.address)
        lines.append(f"ADR;TYPE=work:;;{street};;;;")
    for i, lang in enumerate(dict.fromkeys(contact.languages), 1):
        lines.append(f"LANG;PREF={i}:{_param(lang)}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def qr_payload(card: Card) -> str | None:
    """What a card's QR code holds: its contact's vCard."""
    return vcard(card.contact) if card.contact is not None else None


def _alternatives(prop: str, altid: int, values: tuple[Localised, ...]) -> list[str]:
    """One line for a single value; the same value in several languages as ALTID alternatives."""
    if len(values) == 1:
        return [f"{prop}:{_escape(values[0].text)}"]
    out = []
    for value in values:
        tag = f";LANGUAGE={_param(value.lang)}" if value.lang else ""
        out.append(f"{prop};ALTID={altid}{tag}:{_escape(value.text)}")
    return out


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
