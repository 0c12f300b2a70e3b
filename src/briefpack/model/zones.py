"""Time zones by their IANA names, from the `tzdata` package rather than the machine's own database, so
a calendar's VTIMEZONE and `check`'s verdict are the same on every machine.

An event names its zone (`event.time_zone: Asia/Ho_Chi_Minh`); when it does not, the zone of its
country is used if that country has one zone only (zone.tab): Viet Nam, Thailand, Cambodia, Lao PDR
and Myanmar each do, China and Indonesia do not.
"""

from __future__ import annotations

import difflib
import functools
import zoneinfo
from importlib import resources


@functools.cache
def zone_names() -> frozenset[str]:
    """Every zone name the tzdata package holds (its `zones` list: canonical names and links)."""
    listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in listed.splitlines() if line.strip())


@functools.cache
def country_zones(country: str) -> tuple[str, ...]:
    """The zones of an ISO 3166 country code, as zone.tab lists them."""
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return tuple(row[2] for row in rows if len(row) >= 3 and row[0] == country.upper())


def event_zone(name: str | None, country: str) -> str | None:
    """The zone an event's times are in: the one it names, else its country's only zone."""
    if name:
        return name
    zones = country_zones(country)
    return zones[0] if len(zones) == 1 else None


def suggestions(name: str, country: str) -> list[str]:
    """Zones to offer for a name that is none: the event country's, then names like it."""
    near = difflib.get_close_matches(name, sorted(zone_names()), n=3, cutoff=0.6)
    return list(dict.fromkeys([*country_zones(country), *near]))


@functools.cache
def load_zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone as tzdata holds it (raises KeyError for a name it has not)."""
    if name not in zone_names():
        raise KeyError(name)
    with resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).open("rb") as data:
        return zoneinfo.ZoneInfo.from_file(data, key=name)
