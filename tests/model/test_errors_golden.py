"""Error messages are part of the interface: each broken input gives a located, actionable message.

The expected messages live in golden/errors.txt. After an intended change of wording, regenerate
it with `python run.py test tests/model/test_errors_golden.py --update-golden` and review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefpack.errors import UserError
from briefpack.model.validate import load_event
from eventdirs import edit, starter_event

GOLDEN = Path(__file__).parent / "golden" / "errors.txt"


def _bad_yaml(d: Path) -> None:
    edit(d / "people.yaml", "    name: Host Organisation", "   name: Host Organisation")


def _not_utf8(d: Path) -> None:
    raw = (d / "people.yaml").read_bytes()
    (d / "people.yaml").write_bytes(raw.replace(b"Chair Person", b"Chair Pers\xf6n"))  # latin-1 "ö"


def _control_character(d: Path) -> None:
    edit(d / "people.yaml", "Chair Person", "Chair\x00Person")


def _empty_file(d: Path) -> None:
    (d / "exhibits.yaml").write_text("# nothing yet\n", encoding="utf-8")


def _alias_bomb(d: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (d / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _huge_file(d: Path) -> None:
    with (d / "huge.yaml").open("w", encoding="utf-8") as handle:
        handle.write("exhibits:\n")
        line = "  - {id: x, title: " + "y" * 200 + "}\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))


def _duplicate_key(d: Path) -> None:
    edit(d / "people.yaml", "    title: President\n", "    title: President\n    title: Chair\n")


def _section_twice(d: Path) -> None:
    (d / "more.yaml").write_text("countries:\n  - code: TH\n    name: Thailand\n", encoding="utf-8")


def _unknown_and_missing_keys(d: Path) -> None:
    edit(d / "people.yaml", "    kind: womens-union\n", "    knd: womens-union\n")


def _bad_values(d: Path) -> None:
    edit(d / "people.yaml", "email: chair@example.org", "email: chair-at-example.org")
    edit(d / "people.yaml", 'phone: "+856 21 000 000"', "phone: call me")
    edit(d / "people.yaml", "  - id: keynote-speaker", "  - id: Keynote Speaker")
    edit(d / "event.yaml", "  country: LA", "  country: Laos")
    edit(d / "programme.yaml", "        kind: ceremony", "        kind: ceremonial")
    edit(d / "programme.yaml", 'end: "10:00"', "end: half past ten")


def _dangling_references(d: Path) -> None:
    edit(d / "programme.yaml", "presenters: [keynote-speaker]", "presenters: [keynote-speeker]")
    edit(d / "programme.yaml", "chairs: [host-chair]", "chairs: [nobody]")
    edit(
        d / "people.yaml",
        "    organisation: host-org\n    country: LA\n    roles: [speaker",
        "    organisation: guest-org\n    country: KH\n    roles: [speaker",
    )
    edit(d / "people.yaml", "  - person: host-chair", "  - person: host-chiar")


def _duplicate_ids(d: Path) -> None:
    edit(d / "programme.yaml", "      - id: closing", "      - id: opening")


def _bad_times(d: Path) -> None:
    edit(d / "programme.yaml", 'start: "10:30"\n        end: "11:30"', 'start: "11:30"\n        end: "10:30"')
    edit(d / "programme.yaml", "  - date: 2027-03-02", "  - date: 2027-03-05")


def _two_places_at_once(d: Path) -> None:
    edit(
        d / "programme.yaml",
        '        title: Recommendations\n        start: "10:30"',
        '        title: Recommendations\n        chairs: [host-chair]\n        start: "09:30"',
    )


def _brief_problems(d: Path) -> None:
    edit(
        d / "people.yaml",
        '      start: "10:30"\n      minutes: 15\n      presenters: [keynote-speaker]',
        '      start: "11:20"\n      minutes: 15\n      presenters: [host-chair]',
    )


def _impossible_date(d: Path) -> None:
    edit(d / "programme.yaml", "  - date: 2027-03-01", "  - date: 2027-02-30")


def _deep_nesting(d: Path) -> None:
    (d / "deep.yaml").write_text("exhibits: " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")


def _huge_number(d: Path) -> None:
    (d / "number.yaml").write_text("exhibits: " + "9" * 5000 + "\n", encoding="utf-8")


def _megabyte_name(d: Path) -> None:
    edit(d / "people.yaml", "    name: Chair Person", "    name: " + "Chair " * 200_000)


def _escaped_control(d: Path) -> None:
    edit(d / "people.yaml", "    name: Chair Person", '    name: "Chair\\x07 Person"')


def _reserved_event_id(d: Path) -> None:
    edit(d / "event.yaml", "  id: my-forum ", "  id: con ")


def _people_to_sheet(
    d: Path, rows: list[list[object]], name: str = "registrations.xlsx", sheet: str = "Registrations"
) -> None:
    """The starter's people as a registration workbook (and the YAML without them)."""
    import openpyxl
    import yaml

    people = yaml.safe_load((d / "people.yaml").read_text(encoding="utf-8"))
    people.pop("people")
    (d / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True, sort_keys=False), encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(d / name)
    entry = f"sheets:\n  - {{file: {name}, section: people, sheet: Registrations}}\n"
    (d / "sheets.yaml").write_text(entry, encoding="utf-8")


REGISTRATIONS = [
    "ID",
    "Title",
    "First Name",
    "Last Name",
    "Position",
    "Affiliation",
    "Country",
    "Email Address",
    "Mobile",
]


def _sheet_cells(d: Path) -> None:
    _people_to_sheet(
        d,
        [
            [*REGISTRATIONS, "Delegation"],
            ["host-chair", "Ms", "Chair", "Person", "President", "Host Organisation", "Lao PDR", "ana at moh.gov.kh",
             8562100000, ""],
            ["keynote-speaker", "Dr", "Keynote", "Speaker", "", "Ministry of Magic", "Atlantis", "k@example.org",
             "+856 20 000 0000", "Narnia"],
        ],
    )  # fmt: skip


def _sheet_not_utf8(d: Path) -> None:
    _people_to_sheet(d, [["ID"], ["host-chair"]])
    (d / "registrations.xlsx").unlink()
    (d / "sheets.yaml").unlink()
    (d / "people.csv").write_bytes("ID,Name\nhost-chair,สมชาย วงศ์สวัสดิ์\nkeynote-speaker,สมหญิง ใจดี\n".encode("cp874"))


def _sheet_and_yaml(d: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Name"])
    book.save(d / "people.xlsx")


def _sheet_not_there(d: Path) -> None:
    _people_to_sheet(d, [["ID", "Name"], ["host-chair", "Chair Person"]], sheet="Participants")


CASES: dict[str, Callable[[Path], None]] = {
    "malformed YAML": _bad_yaml,
    "not UTF-8": _not_utf8,
    "control character": _control_character,
    "empty file": _empty_file,
    "alias bomb": _alias_bomb,
    "50 MB file": _huge_file,
    "duplicate key": _duplicate_key,
    "section in two files": _section_twice,
    "unknown and missing keys": _unknown_and_missing_keys,
    "bad values": _bad_values,
    "dangling references": _dangling_references,
    "duplicate ids": _duplicate_ids,
    "times and dates": _bad_times,
    "two places at once": _two_places_at_once,
    "brief problems": _brief_problems,
    "impossible date": _impossible_date,
    "deep nesting": _deep_nesting,
    "5,000-digit number": _huge_number,
    "1 MB name": _megabyte_name,
    "escaped control character": _escaped_control,
    "event id Windows cannot hold": _reserved_event_id,
    "spreadsheet cells": _sheet_cells,
    "spreadsheet not UTF-8": _sheet_not_utf8,
    "spreadsheet and YAML give one section": _sheet_and_yaml,
    "spreadsheet without the named sheet": _sheet_not_there,
}


def _message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> str:
    folder = starter_event(tmp_path / "event")
    CASES[name](folder)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError) as caught:
        load_event(Path("event"))
    return caught.value.render()


def _golden() -> dict[str, str]:
    if not GOLDEN.exists():
        return {}
    chunks = GOLDEN.read_text(encoding="utf-8").split("\n=== ")
    return {
        head.removeprefix("=== "): body.rstrip("\n")
        for head, _, body in (chunk.partition(" ===\n") for chunk in chunks if chunk.strip())
    }


@pytest.fixture(scope="module")
def golden_store(request: pytest.FixtureRequest) -> dict[str, str]:
    store = _golden()
    yield store
    if request.config.getoption("--update-golden"):
        GOLDEN.parent.mkdir(exist_ok=True)
        text = "".join(f"=== {name} ===\n{store[name]}\n\n" for name in CASES if name in store)
        GOLDEN.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", list(CASES))
def test_error_message_matches_golden(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden_store: dict[str, str], request
) -> None:
    message = _message(tmp_path, monkeypatch, name)
    assert ":" in message.splitlines()[0], "every message starts with a location"
    if request.config.getoption("--update-golden"):
        golden_store[name] = message
        return
    assert name in golden_store, "no golden message yet: run with --update-golden and review it"
    assert message == golden_store[name]
