"""Session kinds and labels (issue 14): the kinds organisers use, labels as text, rooms that clash."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from briefpack.compose.common import session_title
from briefpack.errors import UserError
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.event import Session
from briefpack.model.kinds import KINDS, SessionKind
from briefpack.model.validate import load_event
from eventdirs import edit, starter_event

TEXT = Fragments(load_layout("base"))


def test_every_kind_the_data_accepts_has_behaviours_and_a_printed_word() -> None:
    assert set(typing.get_args(SessionKind)) == set(KINDS)
    words = {kind: TEXT.render("session_kind", kind=kind) for kind in KINDS}
    assert all(words.values()) and len(set(words.values())) == len(words)
    assert words["side-event"] == "Side event" and words["field-visit"] == "Field visit"


@pytest.mark.parametrize(
    ("kind", "number", "heading"),
    [
        ("session", 3, "Session 3: Title"),
        ("session", "4A", "Session 4A: Title"),
        ("panel", "Parallel 2", "Panel Parallel 2: Title"),
        ("workshop", "B", "Workshop B: Title"),
        ("opening", None, "Opening: Title"),
        ("plenary", None, "Title"),
        ("reception", None, "Title"),
    ],
)
def test_a_label_is_text_printed_after_the_kinds_word(kind: str, number: object, heading: str) -> None:
    session = Session.model_validate(
        {"id": "s", "kind": kind, "number": number, "title": "Title", "start": "09:00", "end": "10:00"}
    )
    assert session_title(session, TEXT) == heading


@pytest.mark.parametrize(
    ("new", "message", "line"),
    [
        ("kind: parallel", "`parallel` is not an allowed value for `kind` one of `opening`, `plenary`, `session`", 6),
        ("kind: opening\n        number: 0", "`0` is not a session label (numbers start at 1)", 7),
        ("kind: opening\n        number: true", "`True` is not text", 7),
    ],
)
def test_unknown_kinds_and_impossible_labels_are_refused_at_their_line(
    tmp_path: Path, new: str, message: str, line: int
) -> None:
    folder = starter_event(tmp_path / "event")
    edit(folder / "programme.yaml", "kind: opening", new)
    with pytest.raises(UserError) as caught:
        load_event(folder)
    [problem] = caught.value.problems
    assert message in problem.message + " " + (problem.expected or "")
    assert problem.location.file.endswith("programme.yaml") and problem.location.line == line


@pytest.mark.parametrize("room", ["Main Hall", "main  hall"])
def test_two_sessions_in_one_room_at_overlapping_times_are_an_error_at_the_second(tmp_path: Path, room: str) -> None:
    folder = starter_event(tmp_path / "event")
    edit(
        folder / "programme.yaml",
        'start: "10:30"\n        end: "11:30"\n        room: Main Hall',
        f'start: "09:30"\n        end: "11:30"\n        room: {room}',
    )
    with pytest.raises(UserError) as caught:
        load_event(folder)
    [problem] = caught.value.problems
    assert problem.message == (
        f"`recommendations` (09:30-11:30) and `opening` (09:00-10:00) are both in `{room}` on 2027-03-01"
    )
    assert problem.location.line == 22


def test_sessions_in_different_rooms_may_run_in_parallel(tmp_path: Path) -> None:
    folder = starter_event(tmp_path / "event")
    edit(
        folder / "programme.yaml",
        'start: "10:30"\n        end: "11:30"\n        room: Main Hall',
        'start: "09:30"\n        end: "11:30"\n        room: Room B',
    )
    assert load_event(folder).data.days[0].sessions[1].room == "Room B"
