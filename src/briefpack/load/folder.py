"""Read an event folder: every `*.yaml` file in it, merged into one mapping of sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefpack.errors import Location, Problem, UserError, display_path
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


def load_folder(folder: Path) -> tuple[dict[str, Any], SourceMap]:
    """Merge the sections of all files; report every unreadable file and every section given twice."""
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
    return merged, source
