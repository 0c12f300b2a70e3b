"""Notes for the build summary: gaps in a delegation's data that still build a packet, and QR codes
that had to leave something out to stay readable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefpack.compose.recipients import recipient_addresses
from briefpack.layout.model import CardStyle
from briefpack.model.catalogue import Catalogue, delegation_people
from briefpack.model.duties import delegation_duties
from briefpack.model.event import EventData, Person


@dataclass(frozen=True)
class PacketNote:
    """Something an organiser should know before mailing a packet; the build summary prints `message`.

    `code` (no-members, no-head, no-brief, brief-unassigned, no-speaking-slot, no-recipients,
    no-liaison) lets the build or a test pick notes without parsing English. Messages are for the
    person running the build, like `Problem` messages, so they are plain English here rather than
    layout text.
    """

    delegation: str
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def packet_notes(data: EventData, delegation_id: str) -> list[PacketNote]:
    """Gaps in a delegation's data that still build a packet but that the build summary should report."""
    cat = Catalogue(data)
    dele = cat.delegations[delegation_id]
    name = f"delegation `{dele.id}` ({cat.country_name(dele.country)})"
    notes: list[PacketNote] = []

    def note(code: str, message: str) -> None:
        notes.append(PacketNote(dele.id, code, f"{name} {message}"))

    people = delegation_people(dele)
    if not people:
        note("no-members", "has no members: its packet says none are registered")
    elif not dele.head:
        note("no-head", "has no head of delegation")
    if not dele.brief:
        note("no-brief", "has no recommendations brief")
    elif not any(p in cat.people for p in dele.brief.presenters):
        note("brief-unassigned", "has a recommendations brief that nobody is named to present")
    speaking = any(d.kind in {"present", "brief"} for ds in delegation_duties(cat, dele).values() for d in ds)
    if not speaking:
        note("no-speaking-slot", "has no speaking slot: none of its members presents and it has no brief")
    if not recipient_addresses(cat, dele):
        note("no-recipients", "has no e-mail address to send its packet to")
    if not dele.liaison:
        note("no-liaison", "has no liaison named by the host")
    return notes


def card_notes(people: Sequence[Person], data: EventData, style: CardStyle) -> list[str]:
    """What the cards' QR codes leave out (see `render/vcard.py`), person by person."""
    from briefpack.compose.contacts import contact
    from briefpack.render.vcard import card_code

    cat = Catalogue(data)
    size = f"a {style.qr_size:g} mm code with modules of {style.qr_module:g} mm"
    notes = []
    for person in people:
        code = card_code(contact(person, data, cat), style)
        if code.payload is None:
            notes.append(f"the card of `{person.id}` has no QR code: even the name does not fit {size}")
        elif code.left_out:
            notes.append(
                f"the QR code on the card of `{person.id}` leaves out {', '.join(code.left_out)} to fit {size}"
            )
    return notes
