"""Format-neutral calendars: what composers hand the iCalendar renderer.

Times are the programme's own (a day and a wall-clock time at the venue), with the venue's IANA
zone once for the whole calendar; the renderer makes them zoned times and writes the zone's rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Happening:
    """One entry: a session, with what it means to whoever the calendar is for."""

    uid: str  # stable across builds: importing a newer calendar updates entries instead of doubling them
    title: str
    day: dt.date
    start: dt.time
    end: dt.time
    location: str = ""
    description: str = ""


@dataclass(frozen=True)
class Calendar:
    name: str
    zone: str | None  # None: local ("floating") times, when no zone is known
    happenings: tuple[Happening, ...]
    language: str = "en"
