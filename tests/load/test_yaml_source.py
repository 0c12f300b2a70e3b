"""Reading one data file: YAML 1.2 core rules, a location for every value, and the file checked as
untrusted before it is parsed (`briefpack.load.yaml_source`, `briefpack.untrusted`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpack.errors import UserError
from briefpack.load.yaml_source import load_yaml


def _load(tmp_path: Path, text: str) -> tuple[object, object]:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, inside=tmp_path)


def test_yaml_12_core_rules_keep_country_codes_and_times_as_text(tmp_path: Path) -> None:
    data, _ = _load(tmp_path, "countries: [NO, Yes, off]\ntime: 10:30\ndate: 2007-07-12\n")
    assert data["countries"] == ["NO", "Yes", "off"]
    assert data["time"] == "10:30"
    assert str(data["date"]) == "2007-07-12"


def test_every_value_and_key_has_its_line_and_column(tmp_path: Path) -> None:
    _, source = _load(tmp_path, "people:\n  - id: ana\n    name: Ana\n")
    assert (source.value(("people", 0, "name")).line, source.value(("people", 0, "name")).column) == (3, 11)
    assert source.key(("people", 0, "id")).line == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", "key `a` appears twice"),
        ("date: 2007-02-30\n", "a date that does not exist"),
        ("n: " + "9" * 5000 + "\n", "a number of 5,000 digits"),
        ("x: " + "[" * 40 + "]" * 40 + "\n", "nested more than 32 levels"),
        ("x: [1, 2\n", "not valid YAML"),
        ("1: one\n", "a key must be a name"),
    ],
)
def test_malformed_files_are_located_messages(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(UserError) as refused:
        _load(tmp_path, text)
    [problem] = refused.value.problems
    assert expected in problem.message
    assert problem.location is not None and problem.location.file.endswith("data.yaml")


def test_a_link_out_of_the_folder_is_refused_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("secret: value\n", encoding="utf-8")
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "data.yaml").symlink_to(tmp_path / "outside.yaml")
    with pytest.raises(UserError, match="link to a file outside") as refused:
        load_yaml(folder / "data.yaml", inside=folder)
    assert "secret" not in refused.value.render()
