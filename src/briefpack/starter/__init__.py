"""`briefpack new`: a small event that validates as it is, to be edited into a real one."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from briefpack.errors import Location, Problem, UserError, display_path


def write_starter(directory: Path) -> list[Path]:
    """Copy the starter files; never overwrite an existing event."""
    sources = sorted(
        (entry for entry in files("briefpack.starter").joinpath("files").iterdir() if entry.name.endswith(".yaml")),
        key=lambda entry: entry.name,
    )
    clashes = [directory / s.name for s in sources if (directory / s.name).exists()]
    if clashes:
        raise UserError(
            Problem(
                "the folder already holds event files: " + ", ".join(p.name for p in clashes),
                Location(display_path(directory)),
                hint="choose a new folder name; briefpack never overwrites an event",
            )
        )
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        target = directory / source.name
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    return written
