"""Format-neutral contacts and records: what composers hand the vCard and CSV renderers.

A composer decides what a contact says (which name parts, which phones, in which languages); the
renderer of a format decides how that is written (vCard's escaping and folding, CSV's quoting).
Like the document blocks, these are frozen and hashable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Localised:
    """A text in one language (`lang` a BCP 47 tag; None: the document's own)."""

    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Phone:
    kind: str  # "voice", "cell" or "fax", all at work
    uri: str  # a `tel:` URI


@dataclass(frozen=True)
class Contact:
    """One person as an address book holds them.

    `names` holds the printed (Latin) form first, then a native-script twin when there is one;
    `family`, `given` and `prefix` are the structured name; `organisation` its printed name.
    """

    uid: str
    names: tuple[Localised, ...]
    family: str = ""
    given: str = ""
    prefix: str = ""
    organisation: str = ""
    title: str = ""
    phones: tuple[Phone, ...] = ()
    email: str = ""
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactBook:
    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class Records:
    """A table of plain text for a machine to read (a mail merge): one header row, then the rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
