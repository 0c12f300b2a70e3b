"""One run, every problem (`briefpack.model.repair`): invalid values are set aside and the rest is still
cross-checked, each problem at its own line even when entries before it were left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpack.errors import UserError
from briefpack.model.validate import inspect_event, load_event
from eventdirs import edit, sample_event


def _problems(folder: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        load_event(folder)
    return [f"{Path(p.location.file).name}:{p.location.line}: {p.message}" for p in caught.value.problems]


def test_a_bad_optional_value_leaves_the_reference_problems_of_the_rest_to_be_found(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "e")
    edit(data / "people.yaml", "email: dow@ilo.org", "email: nope")
    edit(data / "delegations.yaml", "      - kh-sok-chantha\n", "      - kh-sok-chanta\n")
    problems = _problems(data)
    assert any("`nope` is not an e-mail address" in p for p in problems)
    assert "delegations.yaml:18: no person has the id `kh-sok-chanta`" in problems


def test_an_entry_left_out_shifts_no_location_and_is_not_reported_missing(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "e")
    # Allan Dow (the first person) loses his required name; every later person moves up one place
    # in the repaired data, but a problem with a later person still points at that person's line.
    edit(data / "people.yaml", "    name: Allan Dow\n", "")
    edit(data / "people.yaml", "organisation: vwu", "organisation: vwu-typo")
    found = inspect_event(data)
    messages = [f"{Path(p.location.file).name}:{p.location.line}: {p.message}" for p in found.problems]
    assert any("missing required key `name`" in m for m in messages)
    typo = next(m for m in messages if "`vwu-typo`" in m)
    line = (
        (data / "people.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
        .index(next(x for x in (data / "people.yaml").read_text(encoding="utf-8").splitlines() if "vwu-typo" in x))
    )
    assert typo.startswith(f"people.yaml:{line + 1}: no organisation has the id")
    assert not any("`ilo-allan-dow`" in m for m in messages)  # he exists; only his name is missing
    assert found.data is not None and "ilo-allan-dow" not in {p.id for p in found.data.people}
