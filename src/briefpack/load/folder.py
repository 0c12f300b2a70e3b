"""Read an event folder: every `*.yaml` file in it and the spreadsheets beside them (`sheets.py`), merged
into one mapping of sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefpack.errors import Location, Problem, UserError, display_path
from briefpack.load import sheets
from briefpack.load.yaml_source import SourceMap, load_yaml

DATA_SUFFIXES = (".yaml", ".yml")


def data_files(folder: Path) -> list[Path]:
    """The data files of an event folder, in a stable order; a clear error when there are none."""
    where = display_path(folder)
    if not folder.exists():
        raise UserError(
            Problem(
                "data folder not found",
                Location(where),
                hint="pass the folder holding the event's YAML files, e.g. `briefpack check data/mekong-2007`; "
                "`briefpack new DIR` writes a starter event",
            )
        )
    if not folder.is_dir():
        raise UserError(Problem("not a folder", Location(where), hint="pass the folder, not one file in it"))
    # Not only regular files: a FIFO or a link named *.yaml is the reader's to refuse, with a message.
    files = sorted(p for p in folder.iterdir() if p.suffix in DATA_SUFFIXES and not p.is_dir())
    if not files:
        raise UserError(
            Problem(
                "no .yaml files in the data folder",
                Location(where),
                hint="`briefpack new DIR` writes a starter event to copy from",
            )
        )
    return files


def load_folder(folder: Path) -> tuple[dict[str, Any], SourceMap, list[Problem]]:
    """Merge the sections of all files; raise for every unreadable file and every section given twice.
    Also returns the problems of single spreadsheet cells (their values are left out), which the
    validation reports together with its own."""
    merged: dict[str, Any] = {}
    source = SourceMap()
    owner: dict[str, Location] = {}
    problems: list[Problem] = []
    for path in data_files(folder):
        try:
            data, positions = load_yaml(path, inside=folder)
        except UserError as err:
            problems.extend(err.problems)
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    "the file must be a mapping of sections such as `people:` or `days:`",
                    positions.value(()),
                    hint="start the file with a section name followed by a colon",
                )
            )
            continue
        for section, value in data.items():
            where = positions.key((section,))
            if section in owner:
                problems.append(
                    Problem(
                        f"section `{section}` is already given in {owner[section]}",
                        where,
                        hint="each section belongs in one file; merge the two",
                    )
                )
                continue
            owner[section] = where or Location(display_path(path))
            merged[section] = value
        source.update(positions)
    if problems:
        raise UserError(problems)
    cells = _read_sheets(folder, merged, source, owner)
    return merged, source, cells


def _read_sheets(folder: Path, merged: dict[str, Any], source: SourceMap, owner: dict[str, Location]) -> list[Problem]:
    """Add the sections the event's spreadsheets hold; raises for a section given twice or an unreadable
    sheet, returns the problems of single cells."""
    found, problems = sheets.sources(folder, merged.pop("sheets", None), source)
    cells: list[Problem] = []
    memberships: list[tuple[str, str, sheets.Cell]] = []
    for sheet in sorted(found, key=lambda s: sheets.SECTIONS.index(s.section)):
        where = Location(display_path(sheet.path))
        if sheet.section in owner:
            message = f"section `{sheet.section}` is given both in {owner[sheet.section]} and in {where}"
            problems.append(Problem(message, where, hint="keep it in one of them: the sheet, or the YAML file"))
            continue
        try:
            rows, positions, joins, wrong = sheets.records(sheet, folder, merged)
        except UserError as err:
            problems.extend(err.problems)
            continue
        owner[sheet.section] = where
        merged[sheet.section] = rows
        source.update(positions)
        cells += wrong
        memberships += joins
    if problems:
        raise UserError(problems)
    return cells + _join(merged, source, memberships)


def _join(merged: dict[str, Any], source: SourceMap, memberships: list[tuple[str, str, sheets.Cell]]) -> list[Problem]:
    """Make each person a member of the delegation their sheet row names (its id, country code or name)."""
    delegations = [d for d in merged.get("delegations") or [] if isinstance(d, dict)]
    countries = merged.get("countries") or []
    problems = []
    for key, person, cell in memberships:
        code = sheets.country_code(key, countries, names=("name",))
        for i, dele in enumerate(delegations):
            if sheets.header_key(key) == sheets.header_key(str(dele.get("id") or "")) or dele.get("country") == code:
                members = dele.setdefault("members", [])
                if person not in members and person != dele.get("head"):
                    source.values[("delegations", i, "members", len(members))] = cell.location
                    members.append(person)
                break
        else:
            known = ", ".join(str(d.get("id")) for d in delegations) or "none"
            problems.append(Problem(f"no delegation `{key}`", cell.location, hint=f"delegations: {known}"))
    return problems
