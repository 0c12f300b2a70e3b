"""A day with parallel sessions as a time x room grid, for the booklet's programme at a glance and
each packet's timetable.

Sessions that overlap in time run in parallel (one room each; `check` refuses two in one room). A
day is laid out in time slots: each slot is a cluster of sessions whose times overlap, one after the
other. A slot of parallel sessions has a cell per room, holding that room's sessions of the slot; a
plenary, a break, a session alone in its slot or one with no room of the grid spans every room, with
its room named under it. Columns are the rooms of
the day's parallel sessions, in the order they first appear in the data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefpack.compose.common import session_time
from briefpack.document.model import Block, Cell, Paragraph, Row, Run, Table, cell, runs
from briefpack.model.event import Day, Session
from briefpack.model.kinds import KINDS

TIME_WIDTH = 1.3
ROOMS_WIDTH = 6.7  # shared by the room columns, so a grid is as wide as the one-room table
MIN_ROOM_MM = 30.0  # a room column narrower than this breaks words such as "Workshop"


def rooms_per_grid(text_width_mm: float) -> int:
    """How many room columns fit the page: three on A5, four on A4 or Letter. A day with more rooms
    gets one grid per group of rooms (see `day_grids`)."""
    return max(1, int(text_width_mm * ROOMS_WIDTH / (TIME_WIDTH + ROOMS_WIDTH) // MIN_ROOM_MM))


@dataclass(frozen=True)
class Slot:
    """What a grid cell shows of one session, and whether it is highlighted."""

    content: tuple[Block, ...]
    highlight: bool = False


def is_parallel(day: Day) -> bool:
    """Whether any two of the day's sessions overlap in time."""
    return any(len(cluster) > 1 for cluster in _clusters(day.sessions))


def _in_a_room(session: Session) -> bool:
    """A session held in one room (a plenary or a break is everyone's, wherever it is held)."""
    kind = KINDS[session.kind]
    return bool(session.room) and not kind.plenary and not kind.pause


def _spans(session: Session, rooms: Sequence[str]) -> bool:
    return not _in_a_room(session) or session.room not in rooms


def parallel_rooms(day: Day) -> list[str]:
    """The rooms of the day's parallel sessions, in order of first appearance."""
    rooms = [s.room for cluster in _clusters(day.sessions) if len(cluster) > 1 for s in cluster if _in_a_room(s)]
    return list(dict.fromkeys(r for r in rooms if r))


def _clusters(sessions: Sequence[Session]) -> list[list[Session]]:
    """Sessions grouped into runs whose times overlap, in time order (data order within a run)."""
    clusters: list[list[Session]] = []
    end = None
    for session in sorted(sessions, key=lambda s: s.start):  # a stable sort keeps data order on ties
        if clusters and end is not None and session.start < end:
            clusters[-1].append(session)
            end = max(end, session.end)
        else:
            clusters.append([session])
            end = session.end
    return clusters


def day_grids(
    day: Day, header: Sequence[str], slot: Callable[[Session], Slot], max_rooms: int, style: str = "table"
) -> list[Table]:
    """The day as grids of at most `max_rooms` rooms each (see `day_grid`): the first holds the whole
    day, the others the parallel slots of their rooms only."""
    rooms = parallel_rooms(day)
    groups = [rooms[i : i + max_rooms] for i in range(0, len(rooms), max_rooms)] or [[]]
    return [day_grid(day, header, slot, group, rooms, style, spanning=not i) for i, group in enumerate(groups)]


def day_grid(
    day: Day,
    header: Sequence[str],
    slot: Callable[[Session], Slot],
    rooms: Sequence[str],
    every_room: Sequence[str],
    style: str = "table",
    *,
    spanning: bool = True,
) -> Table:
    """The day as a grid of `rooms` (some or all of the day's parallel rooms, `every_room`): `header`
    names the time column (the rooms name the others); `slot` says what each session's cell shows.
    Slots with nothing in these rooms are left out; sessions that span every room are shown when
    `spanning` (in the first grid of a day only, so that each is printed, and indexed, once)."""
    columns = len(rooms)
    head = Row((cell(header[0], style="table-head"), *(cell(room, style="table-head") for room in rooms)))
    rows: list[Row] = []
    for cluster in _clusters(day.sessions):
        alone = len(cluster) == 1  # nothing runs beside it: it spans the rooms, wherever it is
        across = [s for s in cluster if alone or _spans(s, every_room)]
        in_rooms = [s for s in cluster if s not in across and s.room in rooms]
        for session in across if spanning else ():
            shown = slot(session)
            where: tuple[Block, ...] = (Paragraph((Run(session.room, style="muted"),), style="table-body"),)
            content = shown.content + (where if session.room else ())
            rows.append(Row((cell(session_time(session)), Cell(content, span=columns, highlight=shown.highlight))))
        if in_rooms:
            start = min(s.start for s in in_rooms)
            end = max(s.end for s in in_rooms)
            cells = [cell(f"{start:%H:%M}\u2013{end:%H:%M}")]
            for room in rooms:
                here = [s for s in in_rooms if s.room == room]
                shown_here = [slot(s) for s in here]
                blocks: list[Block] = []
                for session, shown in zip(here, shown_here, strict=True):
                    if len(here) > 1 or (session.start, session.end) != (start, end):
                        blocks.append(Paragraph(runs(session_time(session)), style="small"))
                    blocks.extend(shown.content)
                cells.append(Cell(tuple(blocks), highlight=any(s.highlight for s in shown_here)))
            rows.append(Row(tuple(cells)))
    widths = (TIME_WIDTH, *(ROOMS_WIDTH / max(columns, 1) for _ in rooms))
    return Table(widths, (head,), tuple(rows), style=style)
