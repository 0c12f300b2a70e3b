"""Contact cards: the card sheet document, and who gets a card.

Each card carries its person as a `Contact` (see `contacts.py`); the renderers draw it as the card's
QR code, the same vCard as `contacts.vcf` (see `render/vcard.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from briefpack.compose.common import address_starts_with, display_name, native_language, tel_uri
from briefpack.compose.contacts import contact
from briefpack.document.collation import sort_key
from briefpack.document.model import Card, CardGrid, Document, Metadata, Paragraph, Run, Section, runs
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import EventData, Person

CardScope = Literal["default", "all"]


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
    return Card(tuple(lines), contact=contact(person, data, cat), label=display_name(person))


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
