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


def write_from_sheet(directory: Path, sheet: Path, sheet_name: str | None = None) -> tuple[list[Path], list[str]]:
    """A starter event whose people are a registration export: the starter's files without their
    people, the sheet copied beside them, and `sheets.yaml` with the column mapping guessed. Returns
    the files written and the headers no field was found for."""
    import shutil

    from briefpack.load.sheets import SHEET_SUFFIXES, SheetSource, column_fields, read_rows

    if sheet.suffix.lower() not in SHEET_SUFFIXES or not sheet.is_file():
        raise UserError(Problem("not a .csv or .xlsx file", Location(display_path(sheet)), hint="pass the export"))
    headers, rows = read_rows(SheetSource(sheet.resolve(), "people", sheet_name), sheet.resolve().parent)
    fields = column_fields("people", headers, rows, {})
    if "email" not in fields and "name" not in fields and "family_name" not in fields:
        hint = "pass the export of the participants (one row each, with their names and e-mail addresses)"
        raise UserError(
            Problem(
                "no column of this sheet holds a name or an e-mail address", Location(display_path(sheet)), hint=hint
            )
        )
    written = write_starter(directory)
    people = directory / "people.yaml"
    text = people.read_text(encoding="utf-8")
    start, end = text.index("\npeople:\n"), text.index("\ndelegations:\n")
    people.write_text(
        text[:start] + "\n# people: read from the sheet (see sheets.yaml)\n" + text[end:], encoding="utf-8"
    )
    target = directory / sheet.name
    shutil.copyfile(sheet, target)
    columns = {header: field for header, field in zip(headers, fields, strict=True) if header}
    lines = [
        "# The participants, read from the registration export beside this file. Each header maps to a",
        "# briefpack field; `null` leaves a column unread (name a field to read it). Rename the starter's",
        "# host-chair and keynote-speaker in programme.yaml and people.yaml to ids of the sheet's people.",
        "sheets:",
        f"  - file: {_quoted(sheet.name)}",
        "    section: people",
        *([f"    sheet: {_quoted(sheet_name)}"] if sheet_name else []),
        "    columns:",
        *(f"      {_quoted(h)}: {f or 'null'}" for h, f in columns.items()),
    ]
    mapping = directory / "sheets.yaml"
    mapping.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [*written, target, mapping], [h for h, f in columns.items() if f is None]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
