"""`recipients.csv`: the manifest a mail merge reads, one row per delegation, as `Records`.

The CSV renderer (`render/csv.py`) writes it; the build hands over the packet slugs, since where a
packet is filed is the build's business.
"""

from __future__ import annotations

from collections.abc import Mapping

from briefpack.compose.common import display_name
from briefpack.document.contacts import Records
from briefpack.model.catalogue import Catalogue, delegation_people
from briefpack.model.event import Delegation, EventData

RECIPIENTS_HEADER: tuple[str, ...] = (
    "delegation_id",
    "country",
    "packet_folder",
    "attachment",
    "head_name",
    "head_email",
    "to",
)
"""Columns of `recipients.csv`. Machine-facing keys for a mail merge, so they are not layout text."""


def recipient_addresses(cat: Catalogue, delegation: Delegation) -> list[str]:
    """E-mail addresses to send the packet to: head first, then members; each once."""
    out: list[str] = []
    for pid in delegation_people(delegation):
        person = cat.people.get(pid)
        if person and person.email and person.email not in out:
            out.append(person.email)
    return out


def compose_recipients(data: EventData, slugs: Mapping[str, str]) -> Records:
    """One row per delegation, sorted by packet slug (the order a folder lists them).

    Paths are relative to the CSV, which sits beside the packet folders (`delegations/`); `slugs`
    maps delegation ids to their packet folders. `to` holds the addresses separated by `;`, as mail
    clients accept.
    """
    cat = Catalogue(data)
    rows = []
    for dele in sorted(data.delegations, key=lambda d: (slugs[d.id], d.id)):
        head = cat.people.get(dele.head) if dele.head else None
        slug = slugs[dele.id]
        rows.append(
            (
                dele.id,
                cat.country_name(dele.country) or dele.country,
                slug,
                f"{slug}.zip",
                display_name(head) if head else "",
                head.email if head and head.email else "",
                ";".join(recipient_addresses(cat, dele)),
            )
        )
    return Records(RECIPIENTS_HEADER, tuple(rows))
