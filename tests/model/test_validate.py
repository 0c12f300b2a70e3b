"""Values are taken as written, never guessed at: numbers are not times or dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpack.errors import UserError
from briefpack.model.validate import load_event
from eventdirs import edit, starter_event


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('start: "09:00"', "start: 0", 'is not a time such as "09:30"'),  # once crashed the overlap check
        ('start: "09:00"', 'start: "09:00+07:00"', 'is not a time such as "09:30"'),
        ('start: "09:00"', 'start: "25:00"', 'is not a time such as "09:30"'),
        ("- date: 2027-03-01", "- date: 1183248000", "is not a date such as 2007-07-12"),
    ],
)
def test_numbers_and_zoned_times_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    folder = starter_event(tmp_path / "event")
    edit(folder / "programme.yaml", old, new)
    with pytest.raises(UserError, match=message):
        load_event(folder)
