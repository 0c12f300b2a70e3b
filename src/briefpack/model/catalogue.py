"""Look-ups over a validated event, built once and shared by the checks and every composer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from briefpack.model.event import (
    Country,
    Day,
    Delegation,
    EventData,
    Organisation,
    Person,
    Session,
)


@dataclass(frozen=True)
class PlacedSession:
    """A session with the day it belongs to and its path in the data (for error locations)."""

    day: Day
    session: Session
    path: tuple[str | int, ...]

    @property
    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.day.date, self.session.start)

    @property
    def ends(self) -> dt.datetime:
        return dt.datetime.combine(self.day.date, self.session.end)


class Catalogue:
    def __init__(self, data: EventData):
        self.data = data

    @cached_property
    def people(self) -> dict[str, Person]:
        return {p.id: p for p in self.data.people}

    @cached_property
    def organisations(self) -> dict[str, Organisation]:
        return {o.id: o for o in self.data.organisations}

    @cached_property
    def countries(self) -> dict[str, Country]:
        return {c.code: c for c in self.data.countries}

    @cached_property
    def delegations(self) -> dict[str, Delegation]:
        return {d.id: d for d in self.data.delegations}

    @cached_property
    def sessions(self) -> dict[str, PlacedSession]:
        return {placed.session.id: placed for placed in self.placed_sessions()}

    def placed_sessions(self) -> Iterator[PlacedSession]:
        for d, day in enumerate(self.data.days):
            for s, session in enumerate(day.sessions):
                yield PlacedSession(day, session, ("days", d, "sessions", s))

    @cached_property
    def delegation_of(self) -> dict[str, Delegation]:
        """Person id -> the delegation they belong to (as head or member)."""
        out: dict[str, Delegation] = {}
        for delegation in self.data.delegations:
            for pid in delegation_people(delegation):
                out.setdefault(pid, delegation)
        return out

    def organisation_of(self, person: Person) -> Organisation | None:
        return self.organisations.get(person.organisation) if person.organisation else None

    def country_name(self, code: str | None) -> str | None:
        country = self.countries.get(code) if code else None
        return country.name if country else code


def delegation_people(delegation: Delegation) -> list[str]:
    """Head first, then members, without repeating the head."""
    head = [delegation.head] if delegation.head else []
    return head + [m for m in delegation.members if m != delegation.head]
