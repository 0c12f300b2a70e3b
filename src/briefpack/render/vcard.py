"""The vCard renderer: a `ContactBook` as a `.vcf` file, and a card's contact as a QR code's payload.

vCard 3.0 (RFC 2426), the version Outlook, Google Contacts and Apple Contacts all import (Outlook
reads no 4.0, and only the first card of a file: every person also gets a file of their own).

- CRLF line ends; lines folded at 75 octets, never inside a UTF-8 sequence; `\\`, `,`, `;` and
  newlines escaped in every text value; UTF-8 without a byte-order mark.
- `FN` is the printed name; `N` the structured name (family; given; ; honorific); a name in its own
  script is the `NICKNAME` (3.0 has no way to give one name in two languages, and every address
  book shows a nickname). `ORG` is the organisation's printed name.
- Phones are typed work,voice / cell / work,fax (RFC 2426's own spelling); the address lines, as printed, are the street
  (one line each); the UID is stable across builds (the composer derives it from the event and
  person ids), so importing a person twice updates one contact.

A card's QR code holds a compact vCard (name, name parts, organisation, title, phones, e-mail; no
address), at error correction M, no larger than the card style allows so that a module is at least
`qr_module` mm on paper (0.33 mm reads from across a table; smaller codes failed at 200 dpi). A
contact that does not fit leaves fields out in `LEFT_OUT_FIRST` order, and the build says which; a
contact whose name alone does not fit gets no code rather than one that does not scan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from briefpack.document.contacts import Contact, ContactBook
from briefpack.document.model import Card
from briefpack.layout.model import CardStyle
from briefpack.render.qr import qr_modules

FOLD_OCTETS = 75
PHONE_TYPES = {"voice": "work,voice", "cell": "cell", "fax": "work,fax"}
#: What a card's QR code leaves out, one field after another, until it fits its square.
LEFT_OUT_FIRST = ("other phones", "title", "organisation", "e-mail", "phone")


def render_vcf(book: ContactBook) -> bytes:
    return "".join(vcard(contact) for contact in book.contacts).encode("utf-8")


def vcard(contact: Contact) -> str:
    """The contact's full vCard 3.0 text (CRLF line ends), as `.vcf` files hold it."""
    return _card(contact, compact=False, left_out=())


@dataclass(frozen=True)
class CardCode:
    """What a card's QR code holds (None: nothing fits), and what had to be left out of it."""

    payload: str | None
    left_out: tuple[str, ...] = ()


def card_code(contact: Contact, style: CardStyle) -> CardCode:
    """The largest compact vCard of `contact` whose code, drawn `style.qr_size` mm wide, has modules
    of at least `style.qr_module` mm."""
    most = math.floor(style.qr_size / style.qr_module + 1e-9)
    for count in range(len(LEFT_OUT_FIRST) + 1):
        left_out = LEFT_OUT_FIRST[:count]
        payload = _card(contact, compact=True, left_out=left_out)
        try:
            fits = len(qr_modules(payload)) <= most
        except ValueError:  # longer than any QR code holds
            fits = False
        if fits:
            return CardCode(payload, tuple(field for field in left_out if _has(contact, field)))
    return CardCode(None, LEFT_OUT_FIRST)


def qr_payload(card: Card, style: CardStyle) -> str | None:
    """What a card's QR code holds, in both card renderers alike."""
    return card_code(card.contact, style).payload if card.contact is not None else None


def _has(contact: Contact, field: str) -> bool:
    return {
        "other phones": len(contact.phones) > 1,
        "title": bool(contact.title),
        "organisation": bool(contact.organisation),
        "e-mail": bool(contact.email),
        "phone": bool(contact.phones),
    }[field]


def _card(contact: Contact, *, compact: bool, left_out: tuple[str, ...]) -> str:
    lines: list[str] = ["BEGIN:VCARD", "VERSION:3.0"]
    if not compact:
        lines.append(f"UID:{_escape(contact.uid)}")
    lines.append(f"FN:{_escape(contact.names[0].text)}")
    lines.append(f"N:{_escape(contact.family)};{_escape(contact.given)};;{_escape(contact.prefix)};")
    if not compact and len(contact.names) > 1:
        lines.append(f"NICKNAME:{_escape(contact.names[1].text)}")
    if contact.organisation and "organisation" not in left_out:
        lines.append(f"ORG:{_escape(contact.organisation)}")
    if contact.title and "title" not in left_out:
        lines.append(f"TITLE:{_escape(contact.title)}")
    phones = contact.phones[:1] if "other phones" in left_out else contact.phones
    for phone in phones if "phone" not in left_out else ():
        lines.append(f"TEL;TYPE={PHONE_TYPES[phone.kind]}:{_escape(phone.uri.removeprefix('tel:'))}")
    if contact.email and "e-mail" not in left_out:
        lines.append(f"EMAIL;TYPE=internet{'' if compact else ',work'}:{_escape(contact.email)}")
    if contact.address and not compact:
        lines.append(f"ADR;TYPE=work:;;{_escape(chr(10).join(contact.address))};;;;")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def _escape(value: str) -> str:
    """A text value as RFC 2426 section 4 wants it: backslash, comma, semicolon and newline escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded to at most 75 octets per physical line (RFC 2426 2.6), CRLF-ended.

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
