"""Parallel rooms as grids (`briefpack.compose.timetable`): a day of many rooms is split into grids the
page can hold, each session shown once."""

from __future__ import annotations

from briefpack.compose.booklet import compose_booklet
from briefpack.compose.timetable import rooms_per_grid
from briefpack.document.model import Paragraph, Table
from briefpack.document.walk import walk
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.validate import load_event
from eventdirs import SECOND


def test_rooms_per_grid_follow_the_text_width() -> None:
    assert rooms_per_grid(load_layout("booklet-a5").page.text_width_mm) == 3
    assert rooms_per_grid(load_layout("report-a4").page.text_width_mm) == 4
    assert rooms_per_grid(40) == 1


def test_a_day_of_eight_rooms_is_split_into_grids_each_session_once() -> None:
    data = load_event(SECOND).data
    day = data.days[1]
    extra = [
        s.model_copy(update={"id": f"workshop-3{x}", "number": f"3{x.upper()}", "room": f"Room {x.upper()}"})
        for s in day.sessions
        if s.id == "workshop-3c"
        for x in "defgh"
    ]
    at = [s.id for s in day.sessions].index("workshop-3c") + 1
    sessions = [*day.sessions[:at], *extra, *day.sessions[at:]]
    days = [data.days[0], day.model_copy(update={"sessions": sessions}), data.days[2]]
    document = compose_booklet(data.model_copy(update={"days": days}), Fragments(load_layout("booklet-a5")))
    glance = next(s for s in document.sections if s.running_head == "Programme at a glance")

    def heads(table: Table) -> list[str]:
        return ["".join(r.text for p in c.content for r in p.content) for c in table.header[0].cells]

    # The day's grids: their columns are rooms (the other days' tables have a Session column).
    grids = [b for b in glance.blocks if isinstance(b, Table) and heads(b)[1] != "Session"]
    rooms = [room for g in grids for room in heads(g)[1:]]
    assert rooms == [f"Room {x}" for x in "ABCDEFGH"]
    assert all(len(g.widths) - 1 <= 3 for g in grids)
    labels = [
        r.text
        for g in grids
        for b in walk((g,))
        if isinstance(b, Paragraph)
        for r in b.content
        if r.text.startswith("Workshop 3")
    ]
    assert sorted(labels) == sorted(set(labels)) and len(labels) == 8
