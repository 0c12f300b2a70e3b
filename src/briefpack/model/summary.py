"""The short summary `briefpack check` prints: enough to see at a glance that the data is whole."""

from __future__ import annotations

from collections import Counter

from briefpack.errors import Problem
from briefpack.fonts.scripts import Script, script_of
from briefpack.load.yaml_source import SourceMap
from briefpack.model.event import EventData
from briefpack.model.texts import iter_texts
from briefpack.model.zones import country_zones, event_zone


def scripts_used(data: EventData) -> Counter[str]:
    """How many text values use each writing system (a value with two scripts counts for both)."""
    counts: Counter[str] = Counter()
    for _, text in iter_texts(data):
        found = {script_of(ch) for ch in text} - {Script.COMMON, Script.INHERITED}
        counts.update(script.name.title() for script in found)
    return counts


def advice(data: EventData, source: SourceMap) -> list[Problem]:
    """What is valid but probably not meant: `check` prints these as warnings, the build goes on."""
    ev = data.event
    found = []
    if ev.edition and ev.full_name == ev.name:
        found.append(
            Problem(
                f"the edition `{ev.edition}` repeats the end of the name `{ev.name}`; it is printed once",
                source.value(("event", "edition")),
                hint="leave `edition` out, or take the year out of `name`",
            )
        )
    if ev.time_zone is None and event_zone(None, ev.country) is None:
        zones = country_zones(ev.country)
        found.append(
            Problem(
                f"the event names no time zone and {ev.country} has {len(zones) or 'no'} zones: its calendars "
                "give local times, which a phone abroad shows at its own local time",
                source.value(("event", "country")),
                hint="add `time_zone:` to the event" + (f", e.g. `{zones[0]}`" if zones else ""),
            )
        )
    return found


def summarise(data: EventData) -> str:
    ev = data.event
    sessions = sum(len(day.sessions) for day in data.days)
    presentations = sum(len(s.presentations) for day in data.days for s in day.sessions)
    scripts = ", ".join(f"{name} ({n})" for name, n in sorted(scripts_used(data).items()))
    title = ev.full_name
    return "\n".join(
        [
            f"{title}: {ev.start_date:%d %B %Y} to {ev.end_date:%d %B %Y}, {ev.city}",
            f"  days:          {len(data.days)}",
            f"  sessions:      {sessions} ({presentations} presentations)",
            f"  people:        {len(data.people)}",
            f"  organisations: {len(data.organisations)}",
            f"  delegations:   {len(data.delegations)}",
            f"  contacts:      {len(data.contacts)}",
            f"  exhibits:      {len(data.exhibits)}",
            f"  scripts:       {scripts}",
            "ok: no problems found",
        ]
    )
