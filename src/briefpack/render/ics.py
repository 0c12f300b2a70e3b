"""The iCalendar renderer: a `Calendar` as an RFC 5545 `.ics` file, written with the `icalendar` package.

- Times are zoned (`DTSTART;TZID=Asia/Ho_Chi_Minh:20070712T083000`) and the file carries the zone's
  VTIMEZONE, made from the `tzdata` package for the event's dates only, so a phone in another zone
  shows each session at its own local time and the file is the same on every machine.
- DTSTAMP is the build's one time (`timestamps.build_time`, `SOURCE_DATE_EPOCH` or a fixed date),
  never the clock: the same input gives the same bytes.
- `METHOD:PUBLISH` and `X-WR-CALNAME` make Outlook, Google and Apple import it as a named calendar.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from briefpack.document.calendar import Calendar
from briefpack.model.zones import load_zone
from briefpack.timestamps import build_time

PRODUCT_ID = "-//briefpack//briefpack calendar//EN"


def render_ics(calendar: Calendar) -> bytes:
    ical = icalendar.Calendar()
    ical.add("prodid", PRODUCT_ID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    ical.add("x-wr-calname", calendar.name)
    zone = load_zone(calendar.zone) if calendar.zone else None
    days = [h.day for h in calendar.happenings]
    if zone is not None and calendar.zone:
        ical.add("x-wr-timezone", calendar.zone)
        if days:
            first, last = min(days), max(days) + dt.timedelta(days=1)
            ical.add_component(icalendar.Timezone.from_tzinfo(zone, calendar.zone, first, last))
    stamp = build_time()
    for happening in calendar.happenings:
        event = icalendar.Event()
        event.add("uid", happening.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.datetime.combine(happening.day, happening.start, tzinfo=zone))
        event.add("dtend", dt.datetime.combine(happening.day, happening.end, tzinfo=zone))
        event.add("summary", happening.title)
        if happening.location:
            event.add("location", happening.location)
        if happening.description:
            event.add("description", happening.description)
        ical.add_component(event)
    return ical.to_ical()
