"""Calendars (issue 16): each delegation's holds exactly its own slots, the programme's every session but
the breaks; read back by `icalendar` and by a second, independent parser (ics.py), zoned at the venue."""

from __future__ import annotations

import datetime as dt

import icalendar
import ics
import pytest

from briefpack.compose.calendars import compose_calendar
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.event import EventData
from briefpack.model.validate import load_event
from briefpack.render.ics import render_ics
from eventdirs import SAMPLES

ZONES = {"mekong-2007": ("Asia/Ho_Chi_Minh", 7), "bangkok-2026": ("Asia/Bangkok", 7)}


@pytest.fixture(scope="module", params=SAMPLES, ids=[s.name for s in SAMPLES])
def sample(request: pytest.FixtureRequest) -> tuple[str, EventData]:
    return request.param.name, load_event(request.param).data


@pytest.fixture(scope="module")
def text() -> Fragments:
    return Fragments(load_layout("report-a4"))


def own_sessions(data: EventData, delegation_id: str) -> set[str]:
    """Read from the data here, not through briefpack: chaired or presented in by one of the delegation's
    people, where its brief is presented, and every recommendations segment."""
    dele = next(d for d in data.delegations if d.id == delegation_id)
    people = {p for p in (dele.head, *dele.members) if p}
    own = set()
    for day in data.days:
        for session in day.sessions:
            presenting = any(people & set(p.presenters) for p in session.presentations)
            brief = dele.brief is not None and dele.brief.session == session.id
            if people & set(session.chairs) or presenting or brief or session.kind == "recommendations":
                own.add(session.id)
    return own


def _parsed(data: bytes) -> tuple[icalendar.Calendar, ics.Calendar]:
    return icalendar.Calendar.from_ical(data), ics.Calendar(data.decode("utf-8"))


def test_a_delegations_calendar_holds_exactly_its_own_slots_in_both_parsers(sample, text) -> None:
    _, data = sample
    for dele in data.delegations:
        first, second = _parsed(render_ics(compose_calendar(data, text, dele.id)))
        uids = {str(e["UID"]) for e in first.walk("VEVENT")}
        expected = {f"{sid}.{data.event.id}@briefpack" for sid in own_sessions(data, dele.id)}
        assert uids == expected, dele.id
        assert {e.uid for e in second.events} == expected
        for event in first.walk("VEVENT"):
            assert str(event["DESCRIPTION"]).strip()  # what the delegation does there


def test_times_are_zoned_at_the_venue_with_the_zones_rules_included(sample, text) -> None:
    name, data = sample
    zone, hours = ZONES[name]
    first, second = _parsed(render_ics(compose_calendar(data, text)))
    (timezone,) = first.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == zone
    starts = {e.uid: e.begin for e in second.events}
    for event in first.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and start.utcoffset() == dt.timedelta(hours=hours)
        assert starts[str(event["UID"])] == start  # the second parser reads the same instant
    sessions = {s.id: (day.date, s.start) for day in data.days for s in day.sessions if s.kind != "break"}
    events = {str(e["UID"]).split(".")[0]: e.decoded("DTSTART") for e in first.walk("VEVENT")}
    assert set(events) == set(sessions)  # every session but the breaks, parallel ones included
    for sid, start in events.items():
        assert (start.date(), start.time()) == sessions[sid]


def test_the_file_is_the_same_every_build_and_stamped_by_the_build_time(sample, text, monkeypatch) -> None:
    _, data = sample
    calendar = compose_calendar(data, text)
    assert render_ics(calendar) == render_ics(compose_calendar(data, text))
    stamps = {e.decoded("DTSTAMP") for e in icalendar.Calendar.from_ical(render_ics(calendar)).walk("VEVENT")}
    assert stamps == {dt.datetime(2000, 1, 1, tzinfo=dt.UTC)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1783296000")
    stamped = icalendar.Calendar.from_ical(render_ics(calendar))
    assert {e.decoded("DTSTAMP") for e in stamped.walk("VEVENT")} == {dt.datetime(2026, 7, 6, tzinfo=dt.UTC)}


def test_an_event_in_a_country_of_one_zone_needs_no_zone_and_one_of_many_gets_local_times(sample, text) -> None:
    _, data = sample
    unnamed = data.model_copy(update={"event": data.event.model_copy(update={"time_zone": None})})
    zoned = icalendar.Calendar.from_ical(render_ics(compose_calendar(unnamed, text)))
    assert str(zoned.walk("VTIMEZONE")[0]["TZID"]) == ZONES[sample[0]][0]  # Viet Nam and Thailand have one
    china = unnamed.model_copy(update={"event": unnamed.event.model_copy(update={"country": "CN"})})
    local = icalendar.Calendar.from_ical(render_ics(compose_calendar(china, text)))
    assert not local.walk("VTIMEZONE")
    assert all(e.decoded("DTSTART").tzinfo is None for e in local.walk("VEVENT"))
