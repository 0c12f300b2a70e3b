"""Checks that need the whole event: unique ids, references, times, and people in two places at once.

Every reference an organiser writes is listed once by `references`; one loop checks them all, so
adding a new kind of reference is one line there.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import pairwise

from briefpack.errors import Problem
from briefpack.load.yaml_source import SourceMap
from briefpack.model.catalogue import Catalogue, PlacedSession, delegation_people
from briefpack.model.event import EventData
from briefpack.model.zones import suggestions, zone_names

Path_ = tuple[str | int, ...]
_KIND_WORD = {"person": "person", "organisation": "organisation", "country": "country", "session": "session"}
_KIND_SECTION = {
    "person": "people",
    "organisation": "organisations",
    "country": "countries",
    "session": "days",
}


def cross_check(data: EventData, source: SourceMap, broken: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """Every problem between the parts of `data`; references to `broken` ids (kind -> ids of entries
    left out for their own field problems, see `repair.py`) are not reported again as missing."""
    cat = Catalogue(data)
    problems: list[Problem] = []
    problems += _duplicates(data, source)
    problems += _dangling(data, cat, source, broken or {})
    problems += _dates_and_times(data, cat, source)
    problems += _double_booked(cat, source)
    problems += _room_clashes(cat, source)
    problems += _delegation_membership(data, source)
    problems += _briefs(data, cat, source)
    problems += _time_zone(data, source)
    return problems


def _duplicates(data: EventData, source: SourceMap) -> Iterator[Problem]:
    groups: dict[str, list[tuple[str, Path_]]] = {
        "country": [(c.code, ("countries", i, "code")) for i, c in enumerate(data.countries)],
        "organisation": [(o.id, ("organisations", i, "id")) for i, o in enumerate(data.organisations)],
        "person": [(p.id, ("people", i, "id")) for i, p in enumerate(data.people)],
        "delegation": [(d.id, ("delegations", i, "id")) for i, d in enumerate(data.delegations)],
        "exhibit": [(e.id, ("exhibits", i, "id")) for i, e in enumerate(data.exhibits)],
        "session": [
            (s.id, ("days", d, "sessions", j, "id"))
            for d, day in enumerate(data.days)
            for j, s in enumerate(day.sessions)
        ],
    }
    for kind, entries in groups.items():
        first: dict[str, Path_] = {}
        for ident, path in entries:
            if ident in first:
                earlier = source.value(first[ident])
                yield Problem(
                    f"{kind} id `{ident}` is used twice (first at line {earlier.line if earlier else '?'})",
                    source.value(path),
                    hint=f"each {kind} needs its own id; rename one",
                )
            else:
                first[ident] = path


def references(data: EventData) -> Iterator[tuple[str, str, Path_]]:
    """Every (kind, id, path) reference in the data: what the checks verify, and what the build reads
    to hand each packet the people it refers to."""
    ev = data.event
    yield "organisation", ev.host, ("event", "host")
    yield "country", ev.country, ("event", "country")
    for i, org in enumerate(ev.partners):
        yield "organisation", org, ("event", "partners", i)
    if ev.quote:
        yield "person", ev.quote.person, ("event", "quote", "person")
    for d, day in enumerate(data.days):
        for s, session in enumerate(day.sessions):
            base = ("days", d, "sessions", s)
            for i, pid in enumerate(session.chairs):
                yield "person", pid, (*base, "chairs", i)
            for i, code in enumerate(session.focus_countries):
                yield "country", code, (*base, "focus_countries", i)
            for p, pres in enumerate(session.presentations):
                for i, pid in enumerate(pres.presenters):
                    yield "person", pid, (*base, "presentations", p, "presenters", i)
                if pres.organisation:
                    yield "organisation", pres.organisation, (*base, "presentations", p, "organisation")
                if pres.country:
                    yield "country", pres.country, (*base, "presentations", p, "country")
    for i, org in enumerate(data.organisations):
        if org.country:
            yield "country", org.country, ("organisations", i, "country")
    for i, person in enumerate(data.people):
        if person.organisation:
            yield "organisation", person.organisation, ("people", i, "organisation")
        if person.country:
            yield "country", person.country, ("people", i, "country")
    for i, dele in enumerate(data.delegations):
        yield "country", dele.country, ("delegations", i, "country")
        if dele.head:
            yield "person", dele.head, ("delegations", i, "head")
        if dele.liaison:
            yield "person", dele.liaison, ("delegations", i, "liaison")
        for m, pid in enumerate(dele.members):
            yield "person", pid, ("delegations", i, "members", m)
        if dele.brief:
            yield "session", dele.brief.session, ("delegations", i, "brief", "session")
            for p, pid in enumerate(dele.brief.presenters):
                yield "person", pid, ("delegations", i, "brief", "presenters", p)
    for i, contact in enumerate(data.contacts):
        yield "person", contact.person, ("contacts", i, "person")
    for i, exhibit in enumerate(data.exhibits):
        if exhibit.organisation:
            yield "organisation", exhibit.organisation, ("exhibits", i, "organisation")


def _dangling(data: EventData, cat: Catalogue, source: SourceMap, broken: Mapping[str, set[str]]) -> Iterator[Problem]:
    known: dict[str, set[str]] = {
        "person": set(cat.people),
        "organisation": set(cat.organisations),
        "country": set(cat.countries),
        "session": set(cat.sessions),
    }
    for kind, ident, path in references(data):
        if ident in known[kind] or ident in broken.get(kind, ()):
            continue
        close = difflib.get_close_matches(ident, sorted(known[kind]), n=1, cutoff=0.6)
        yield Problem(
            f"no {_KIND_WORD[kind]} has the id `{ident}`",
            source.value(path),
            hint=(f"did you mean `{close[0]}`? " if close else "")
            + f"{_KIND_WORD[kind]} ids are defined in the `{_KIND_SECTION[kind]}` section",
        )


def _dates_and_times(data: EventData, cat: Catalogue, source: SourceMap) -> Iterator[Problem]:
    ev = data.event
    if ev.end_date < ev.start_date:
        yield Problem(
            f"the event ends ({ev.end_date}) before it starts ({ev.start_date})",
            source.value(("event", "end_date")),
            hint="swap start_date and end_date",
        )
    seen: dict[dt.date, int] = {}
    for d, day in enumerate(data.days):
        if not ev.start_date <= day.date <= ev.end_date:
            yield Problem(
                f"day {day.date} is outside the event's dates ({ev.start_date} to {ev.end_date})",
                source.value(("days", d, "date")),
                hint="fix the day's date, or the event's start_date/end_date",
            )
        if day.date in seen:
            yield Problem(
                f"day {day.date} is listed twice (also day {seen[day.date] + 1})",
                source.value(("days", d, "date")),
                hint="put all of one day's sessions under one date",
            )
        seen.setdefault(day.date, d)
    for placed in cat.placed_sessions():
        session = placed.session
        if session.end <= session.start:
            yield Problem(
                f"session `{session.id}` ends at {session.end:%H:%M}, not after it starts at {session.start:%H:%M}",
                source.value((*placed.path, "end")),
                hint='times are 24-hour, e.g. "14:30" for half past two in the afternoon',
            )


def _double_booked(cat: Catalogue, source: SourceMap) -> Iterator[Problem]:
    """A person presenting or chairing in two sessions that overlap in time."""
    bookings: dict[str, list[tuple[PlacedSession, Path_]]] = defaultdict(list)
    for placed in cat.placed_sessions():
        session = placed.session
        for i, pid in enumerate(session.chairs):
            bookings[pid].append((placed, (*placed.path, "chairs", i)))
        for p, pres in enumerate(session.presentations):
            for i, pid in enumerate(pres.presenters):
                bookings[pid].append((placed, (*placed.path, "presentations", p, "presenters", i)))
    for pid, entries in bookings.items():
        entries.sort(key=lambda e: (e[0].starts, e[1]))
        for (first, _), (second, path) in pairwise(entries):
            if first.session.id != second.session.id and second.starts < first.ends:
                yield Problem(
                    f"`{pid}` is in two places at once: `{first.session.id}` "
                    f"({first.session.start:%H:%M}-{first.session.end:%H:%M}) and `{second.session.id}` "
                    f"({second.session.start:%H:%M}-{second.session.end:%H:%M}) on {second.day.date}",
                    source.value(path),
                    hint="give one of the slots to someone else, or move a session",
                )


def _room_clashes(cat: Catalogue, source: SourceMap) -> Iterator[Problem]:
    """Two sessions in one room at overlapping times: reported at the later one's room. Sessions in
    different rooms may overlap (parallel sessions); room names match ignoring case and spacing."""
    rooms: dict[tuple[dt.date, str], list[PlacedSession]] = defaultdict(list)
    for placed in cat.placed_sessions():
        if placed.session.room:
            rooms[(placed.day.date, " ".join(placed.session.room.split()).casefold())].append(placed)
    for sessions in rooms.values():
        sessions.sort(key=lambda p: (p.starts, p.ends))
        longest: PlacedSession | None = None  # the session so far that ends last
        for placed in sessions:
            if longest is not None and placed.starts < longest.ends:
                first, second = longest.session, placed.session
                yield Problem(
                    f"`{second.id}` ({second.start:%H:%M}-{second.end:%H:%M}) and `{first.id}` "
                    f"({first.start:%H:%M}-{first.end:%H:%M}) are both in `{second.room}` on {placed.day.date}",
                    source.value((*placed.path, "room")),
                    hint="move one of them to another room or time; sessions in different rooms may overlap",
                )
            if longest is None or placed.ends > longest.ends:
                longest = placed


def _delegation_membership(data: EventData, source: SourceMap) -> Iterator[Problem]:
    member_of: dict[str, str] = {}
    for i, dele in enumerate(data.delegations):
        for m, pid in enumerate(dele.members):
            if pid == dele.head:
                yield Problem(
                    f"`{pid}` is the head of delegation `{dele.id}` and listed again as a member",
                    source.value(("delegations", i, "members", m)),
                    hint="list the head only under `head:`",
                )
        for pid in delegation_people(dele):
            if pid in member_of and member_of[pid] != dele.id:
                path = (
                    ("delegations", i, "head")
                    if pid == dele.head
                    else ("delegations", i, "members", dele.members.index(pid))
                )
                yield Problem(
                    f"`{pid}` is already in delegation `{member_of[pid]}`",
                    source.value(path),
                    hint="a person belongs to one delegation",
                )
            member_of.setdefault(pid, dele.id)


def _briefs(data: EventData, cat: Catalogue, source: SourceMap) -> Iterator[Problem]:
    slots: list[tuple[dt.datetime, dt.datetime, str, int]] = []
    for i, dele in enumerate(data.delegations):
        brief = dele.brief
        if not brief or brief.session not in cat.sessions:
            continue
        placed = cat.sessions[brief.session]
        start = dt.datetime.combine(placed.day.date, brief.start)
        end = start + dt.timedelta(minutes=brief.minutes)
        if start < placed.starts or end > placed.ends:
            yield Problem(
                f"the brief of `{dele.id}` ({brief.start:%H:%M}, {brief.minutes} min) does not fit in session "
                f"`{brief.session}` ({placed.session.start:%H:%M}-{placed.session.end:%H:%M})",
                source.value(("delegations", i, "brief", "start")),
                hint="move the brief's start or shorten it",
            )
        members = set(delegation_people(dele))
        for p, pid in enumerate(brief.presenters):
            if pid in cat.people and pid not in members:
                yield Problem(
                    f"`{pid}` presents the brief of `{dele.id}` but is not in that delegation",
                    source.value(("delegations", i, "brief", "presenters", p)),
                    hint="add them to the delegation's members, or choose a member",
                )
        slots.append((start, end, dele.id, i))
    slots.sort()
    for (_, end, first, _), (start, _, second, i) in pairwise(slots):
        if start < end:
            yield Problem(
                f"the briefs of `{first}` and `{second}` overlap",
                source.value(("delegations", i, "brief", "start")),
                hint="give each delegation its own time slot",
            )


def _time_zone(data: EventData, source: SourceMap) -> Iterator[Problem]:
    name, country = data.event.time_zone, data.event.country
    if name is None or name in zone_names():
        return
    offered = suggestions(name, country)
    yield Problem(
        f"`{name}` is not a time zone",
        source.value(("event", "time_zone")),
        hint="name the zone as the IANA database does"
        + (f", e.g. {' or '.join(f'`{z}`' for z in offered[:3])}" if offered else ", e.g. `Asia/Bangkok`"),
    )
