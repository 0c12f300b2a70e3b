"""Calendars: the whole programme, and each delegation's own slots with what it does in them.

A delegation's calendar holds exactly the sessions its packet highlights (`model.duties`: chair,
present, brief, attend), each described in the packet's own words; the programme's holds every
session but the breaks. An entry's UID is the event's and the session's id, so the programme and
a delegation's calendar imported side by side give one entry per session, and a calendar imported
again after a change updates its entries.
"""

from __future__ import annotations

from briefpack.compose.common import session_title
from briefpack.compose.packet import duty_text
from briefpack.document.calendar import Calendar, Happening
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue
from briefpack.model.duties import delegation_duties
from briefpack.model.event import EventData, Session
from briefpack.model.kinds import KINDS
from briefpack.model.zones import event_zone


def compose_calendar(data: EventData, text: Fragments, delegation_id: str | None = None) -> Calendar:
    cat = Catalogue(data)
    event = data.event
    delegation = cat.delegations[delegation_id] if delegation_id else None
    duties = delegation_duties(cat, delegation) if delegation else {}
    happenings = []
    for placed in cat.placed_sessions():
        session = placed.session
        if delegation is not None:
            if session.id not in duties:
                continue
            description = "; ".join(duty_text(d, delegation, cat, text) for d in duties[session.id])
        elif KINDS[session.kind].pause:
            continue
        else:
            description = session.description or ""
        happenings.append(
            Happening(
                uid=f"{session.id}.{event.id}@briefpack",
                title=session_title(session, text),
                day=placed.day.date,
                start=session.start,
                end=session.end,
                location=_location(session, data),
                description=" ".join(description.split()),
            )
        )
    name = event.full_name
    if delegation is not None:
        name = f"{name}: {cat.country_name(delegation.country)}"
    return Calendar(name, event_zone(event.time_zone, event.country), tuple(happenings))


def _location(session: Session, data: EventData) -> str:
    event = data.event
    place = [session.room or "", event.venue.name if event.venue else "", event.city]
    return ", ".join(part for part in place if part)
