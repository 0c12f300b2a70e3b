"""Spreadsheets as sources: `.xlsx` and `.csv` files beside the YAML, for the tabular sections.

A sheet becomes the same plain data the YAML loader gives (a list of mappings), with a location for
every value (`people.xlsx: Registrations!F17 (Email Address)`), so the JSON Schema and the
validation stay the one judge and every message points at the cell.

Which file holds which section, and which column is which field:
- a file named after its section (`people.csv`, `people.xlsx`) is read with the headers registration
  exports write ("First Name", "Email Address", "Affiliation", "Position", ...: `COMMON_HEADERS`);
- any other file is named in the YAML, with its own headers where they differ:

      sheets:
        - file: registrations.xlsx
          section: people
          sheet: Registrations          # of a workbook with several sheets (default: the first)
          columns: {"Org": organisation, "Notes": null}   # null: a column to leave unread

A row's id is its `id` column, or made from its name (and country) so that it stays the same from
build to build. In a people sheet, an organisation or a country may be given by name, and a
`delegation` column (an id, a country code or a country's name) makes the person a member of that
delegation.

What real exports hold is handled or refused: UTF-8 with or without a BOM and UTF-16 are read; any
other encoding is refused with the code page it looks like (never guessed at); `,`, `;` and tab
delimiters; blank rows and empty trailing columns; merged header cells; formulas (their cached
values, python-calamine reads those); Excel dates; lists in one cell (`vi; en`); a phone number
stored as a number (it has lost its `+` and leading zero: an error, not a guess).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefpack.document.collation import safe_slug
from briefpack.errors import Location, Problem, UserError, display_path
from briefpack.load.yaml_source import SourceMap
from briefpack.untrusted import read_bytes

SHEET_SUFFIXES = (".csv", ".xlsx")
SECTIONS = ("organisations", "delegations", "people", "exhibits")  # the order they are read in
MAX_SHEET_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000

#: Headers as registration systems (Indico, Google and Microsoft Forms, ministries' databases) write
#: them, lower-cased and without punctuation, by section: header -> field.
COMMON_HEADERS: dict[str, dict[str, str]] = {
    "people": {
        "id": "id",
        "name": "name",
        "full name": "name",
        "first name": "given_name",
        "given name": "given_name",
        "given names": "given_name",
        "firstname": "given_name",
        "last name": "family_name",
        "surname": "family_name",
        "family name": "family_name",
        "lastname": "family_name",
        "native name": "native_name",
        "name in own script": "native_name",
        "salutation": "honorific",
        "honorific": "honorific",
        "position": "title",
        "job title": "title",
        "function": "title",
        "affiliation": "organisation",
        "organisation": "organisation",
        "organization": "organisation",
        "institution": "organisation",
        "country": "country",
        "email": "email",
        "email address": "email",
        "e mail": "email",
        "phone": "phone",
        "telephone": "phone",
        "phone number": "phone",
        "mobile": "mobile",
        "mobile phone": "mobile",
        "cell phone": "mobile",
        "fax": "fax",
        "address": "address",
        "languages": "languages",
        "roles": "roles",
        "delegation": "delegation",
    },
    "organisations": {
        "id": "id",
        "name": "name",
        "organisation": "name",
        "organization": "name",
        "native name": "native_name",
        "acronym": "acronym",
        "country": "country",
        "kind": "kind",
        "type": "kind",
    },
    "delegations": {
        "id": "id",
        "country": "country",
        "head": "head",
        "members": "members",
        "liaison": "liaison",
    },
    "exhibits": {
        "id": "id",
        "title": "title",
        "description": "description",
        "organisation": "organisation",
        "location": "location",
    },
}
#: Fields that hold a list: one cell holds its items separated by `;` (or line breaks).
LIST_FIELDS = {"roles", "languages", "address", "members"}
PHONE_FIELDS = {"phone", "mobile", "fax"}
_SEPARATORS = re.compile(r"\s*[;\n]\s*")


@dataclass(frozen=True)
class SheetSource:
    """One spreadsheet the event reads: the file, its section, its sheet, its own headers."""

    path: Path
    section: str
    sheet: str | None = None
    columns: Mapping[str, str | None] | None = None
    where: Location | None = None  # of its `sheets:` entry


@dataclass(frozen=True)
class Cell:
    value: Any
    location: Location


#: A sheet's rows with their 1-based row numbers in the file.
Grid = list[tuple[int, list[Any]]]

#: The code pages a non-UTF-8 export of the region is usually in, and how a message names them.
_CODE_PAGES = {
    "cp874": "Windows-874 (Thai)",
    "cp1258": "Windows-1258 (Vietnamese)",
    "cp1252": "Windows-1252 (Western European)",
    "gb18030": "GB18030 (Simplified Chinese)",
    "big5": "Big5 (Traditional Chinese)",
    "cp932": "Shift JIS (Japanese)",
    "cp949": "Windows-949 (Korean)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
}


def header_key(header: str) -> str:
    """A header as it is matched: case, punctuation and underscores aside (`Email_Address` = `e-mail address`)."""
    return " ".join(re.sub(r"[\W_]+", " ", header.casefold()).split())


def _fields_by_header(section: str, own: Mapping[str, str | None]) -> dict[str, str | None]:
    """Header -> field for a section: its own mapping, then briefpack's field names, then the usual
    headers of registration exports."""
    from briefpack.model.event import EventData

    model = EventData.model_fields[section].annotation.__args__[0]  # list[Person] -> Person
    out: dict[str, str | None] = {header_key(k): v for k, v in COMMON_HEADERS[section].items()}
    out.update({header_key(name): name for name in model.model_fields})
    out.update({header_key(k): v for k, v in own.items()})
    return out


#: What a "Title" column holds when it is the salutation (Indico, most registration forms) rather than
#: the job title: a column whose values are mostly these is read as `honorific`.
HONORIFICS = frozenset(
    header_key(h) for h in ("Mr", "Ms", "Mrs", "Miss", "Mx", "Dr", "Prof", "Professor", "H.E.", "Hon", "Sir", "Madam")
)


def _salutations(values: Iterable[Any]) -> bool:
    filled = [header_key(str(v)) for v in values if _filled(v)]
    return bool(filled) and sum(v in HONORIFICS for v in filled) >= 0.8 * len(filled)


def sheet_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SHEET_SUFFIXES and not p.is_dir())


def sources(folder: Path, entries: Any, where: SourceMap) -> tuple[list[SheetSource], list[Problem]]:
    """The sheets an event reads: those its `sheets:` section names, and files named after a section."""
    found: list[SheetSource] = []
    problems: list[Problem] = []
    if entries is not None and not isinstance(entries, list):
        problems.append(Problem("`sheets` is a list of the spreadsheets the event reads", where.value(("sheets",))))
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        at = where.value(("sheets", i))
        file = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(file, str) or entry.get("section") not in SECTIONS:
            hint = f"e.g. `- {{file: registrations.xlsx, section: people}}`; sections: {', '.join(SECTIONS)}"
            problems.append(Problem("a `sheets` entry names its `file` and its `section`", at, hint=hint))
            continue
        if Path(file).name != file or Path(file).suffix.lower() not in SHEET_SUFFIXES:
            hint = "name a .csv or .xlsx file beside the YAML files"
            problems.append(Problem(f"`{file}` is not a spreadsheet in the event folder", at, hint=hint))
            continue
        columns = entry.get("columns") or {}
        if not isinstance(columns, dict) or not all(isinstance(v, str) or v is None for v in columns.values()):
            at_columns = where.value(("sheets", i, "columns"))
            problems.append(Problem("`columns` maps a header to a field name, or to null", at_columns))
            continue
        sheet = entry.get("sheet")
        found.append(SheetSource(folder / file, entry["section"], None if sheet is None else str(sheet), columns, at))
    named = {source.path for source in found}
    for path in sheet_files(folder):
        if path not in named and path.stem.lower() in SECTIONS:
            found.append(SheetSource(path, path.stem.lower()))
    return found, problems


def read_rows(source: SheetSource, folder: Path) -> tuple[list[str], list[list[Cell]]]:
    """The header row and the data rows (blank rows left out) of a sheet, each cell located."""
    data = read_bytes(source.path, limit=MAX_SHEET_BYTES, what="spreadsheet", inside=folder, kind="spreadsheets")
    name = display_path(source.path)
    if source.path.suffix.lower() == ".csv":
        grid, label = _csv_grid(data, name), ""
    else:
        grid, label = _xlsx_grid(data, name, source)
    grid = [(number, row) for number, row in grid if any(_filled(v) for v in row)]
    if not grid:
        hint = "put the column names in its first row"
        raise UserError(Problem("the sheet has no header row", Location(name), hint=hint))
    if len(grid) - 1 > MAX_ROWS:
        raise UserError(Problem(f"the sheet has {len(grid) - 1:,} rows; at most {MAX_ROWS:,} are read", Location(name)))
    headers = [str(v).strip() if _filled(v) else "" for v in grid[0][1]]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for number, row in grid[1:]:
        cells = []
        for c, header in enumerate(headers):
            value = row[c] if c < len(row) else None
            where = Location(name, number, c + 1, f"{label}{_column(c)}{number} ({header or 'no header'})")
            cells.append(Cell(value, where))
        rows.append(cells)
    return headers, rows


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _csv_grid(data: bytes, name: str) -> Grid:
    """Rows of CSV text, with the delimiter its header row uses most (`,`, `;` as European Excel
    writes, or a tab); quoting is always the standard's (doubled quotes inside quoted fields)."""
    text = _decoded(data, name)
    header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    delimiter = max(",;\t", key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    grid: Grid = []
    start = 1
    for row in reader:
        grid.append((start, row))
        start = reader.line_num + 1
    return grid


def _decoded(data: bytes, name: str) -> str:
    """CSV text: UTF-8 (a BOM allowed) or UTF-16 with its BOM; anything else is refused, naming the
    code page it looks like, since a wrong guess would print every Vietnamese name wrong."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        looks = _code_page(data)
        raise UserError(
            Problem(
                f"the file is not UTF-8 text{f': it looks like {looks}' if looks else ''}",
                Location(name, line, 1),
                hint="save it as UTF-8 (Excel: Save As > CSV UTF-8; LibreOffice: character set Unicode (UTF-8))",
            )
        ) from None


def _code_page(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(_CODE_PAGES)).best()
    return _CODE_PAGES.get(best.encoding, best.encoding) if best else ""


def _xlsx_grid(data: bytes, name: str, source: SheetSource) -> tuple[Grid, str]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # the reader raises its own errors for anything that is no workbook
        hint = "save it from Excel or LibreOffice as an Excel workbook (.xlsx)"
        raise UserError(
            Problem("the file is not an Excel workbook that can be read", Location(name), hint=hint)
        ) from None
    names = book.sheet_names
    chosen = source.sheet if source.sheet is not None else names[0] if names else ""
    if chosen not in names:
        hint = f"its sheets: {', '.join(names)}"
        raise UserError(Problem(f"the workbook has no sheet `{chosen}`", source.where or Location(name), hint=hint))
    sheet = book.get_sheet_by_name(chosen)
    rows = sheet.to_python(skip_empty_area=False)
    for (top, left), (_, right) in sheet.merged_cell_ranges or ():
        if top == 0 and rows:  # a merged header spans columns: each column takes its text
            for c in range(left + 1, min(right + 1, len(rows[0]))):
                if not _filled(rows[0][c]):
                    rows[0][c] = rows[0][left]
    return list(enumerate(rows, start=1)), f"{chosen}!"


def column_fields(
    section: str, headers: list[str], rows: list[list[Cell]], own: Mapping[str, str | None]
) -> list[str | None]:
    """The field each column holds (None: left unread): the event's own mapping, briefpack's field
    names, the usual export headers; a "Title" column of salutations is the honorific."""
    by_header = _fields_by_header(section, own)
    fields = [by_header.get(header_key(h)) for h in headers]
    mapped = {header_key(k) for k in own}
    for c, header in enumerate(headers):
        if fields[c] == "title" and header_key(header) not in mapped and _salutations(r[c].value for r in rows):
            fields[c] = "honorific"
    return fields


def records(
    source: SheetSource, folder: Path, known: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], SourceMap, list[tuple[str, str, Cell]], list[Problem]]:
    """The sheet's rows as section entries, their source map, the memberships a people sheet's
    `delegation` column gives (delegation, person id, cell), and every cell's problem at once."""
    headers, rows = read_rows(source, folder)
    fields = column_fields(source.section, headers, rows, source.columns or {})
    problems: list[Problem] = []
    out: list[dict[str, Any]] = []
    source_map = SourceMap()
    memberships: list[tuple[str, str, Cell]] = []
    for cells in rows:
        entry: dict[str, Any] = {}
        base = (source.section, len(out))
        source_map.values[base] = cells[0].location
        joins: list[tuple[str, Cell]] = []
        for field, cell in zip(fields, cells, strict=True):
            if field is None or not _filled(cell.value):
                continue
            value, problem = _value(field, cell)
            if problem:
                problems.append(problem)
            elif field == "delegation" and source.section == "people":
                joins.append((str(value), cell))
            else:
                entry[field] = value
                source_map.values[(*base, field)] = cell.location
                for k in range(len(value) if isinstance(value, list) else 0):
                    source_map.values[(*base, field, k)] = cell.location
        _complete(entry, source.section, known)
        unknown = _unknown_organisation(entry, known, source_map.values.get((*base, "organisation")))
        if unknown is not None:
            problems.append(unknown)
            del entry["organisation"]
        memberships += [(delegation, entry["id"], cell) for delegation, cell in joins]
        out.append(entry)
    return out, source_map, memberships, problems


def _value(field: str, cell: Cell) -> tuple[Any, Problem | None]:
    value = cell.value
    if field in PHONE_FIELDS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, Problem(
            f"{value:.0f} is stored as a number: a phone number kept as a number has lost its `+` and any leading zero",
            cell.location,
            hint="format the column as Text and type the number as it is dialled from abroad, e.g. +84 24 3971 9327",
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value.isoformat(timespec="minutes")
    if isinstance(value, dt.time):
        value = value.strftime("%H:%M")
    if isinstance(value, (dt.date, int, float, bool)):
        value = value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value).replace("\r\n", "\n").strip()
    if field in LIST_FIELDS:
        return [item for item in _SEPARATORS.split(text) if item], None
    return " ".join(text.split()), None


def _complete(entry: dict[str, Any], section: str, known: Mapping[str, Any]) -> None:
    """Fill in what a registration export leaves implicit: a person's name from its parts, names of
    countries and organisations as their ids, and an id from the name."""
    if section == "people":
        if "name" not in entry and ("given_name" in entry or "family_name" in entry):
            entry["name"] = " ".join(p for p in (entry.get("given_name"), entry.get("family_name")) if p)
        if "country" in entry:
            entry["country"] = country_code(entry["country"], known.get("countries") or [])
        if "organisation" in entry:
            entry["organisation"] = _by_name(entry["organisation"], known.get("organisations") or [])
    if section in ("organisations", "delegations") and "country" in entry:
        entry["country"] = country_code(entry["country"], known.get("countries") or [])
    if "id" not in entry:
        label = entry.get("name") or entry.get("title") or entry.get("country") or ""
        prefix = entry.get("country", "") if section == "people" else ""
        entry["id"] = (safe_slug(f"{prefix} {label}") or "row") if label else ""


def country_code(value: str, countries: Iterable[Any], names: tuple[str, ...] = ("name", "native_name")) -> str:
    """A country as its code: a code as it is (upper-cased), or the code of a country of that name."""
    if re.fullmatch(r"[A-Za-z]{2}", value):
        return value.upper()
    return _named(value, countries, "code", names) or value


def _by_name(value: str, organisations: list[Any]) -> str:
    if any(isinstance(org, dict) and org.get("id") == value for org in organisations):
        return value
    return _named(value, organisations, "id", ("name", "acronym", "native_name")) or value


def _named(value: str, entries: Iterable[Any], key: str, names: tuple[str, ...]) -> str | None:
    """The `key` of the first entry one of whose `names` is `value` (case and punctuation aside)."""
    wanted = header_key(value)
    for entry in entries:
        if isinstance(entry, dict) and wanted in {header_key(str(entry.get(f) or "")) for f in names}:
            return str(entry.get(key, value))
    return None


def _unknown_organisation(entry: dict[str, Any], known: Mapping[str, Any], where: Location | None) -> Problem | None:
    """A row's organisation that is neither an id nor a name of the event's organisations."""
    value = entry.get("organisation")
    organisations = [o for o in known.get("organisations") or [] if isinstance(o, dict)]
    if value is None or any(value == o.get("id") for o in organisations):
        return None
    listed = ", ".join(f"{o.get('id')} ({o.get('name')})" for o in organisations[:8]) or "none yet"
    return Problem(
        f"no organisation has the id or the name `{value}`",
        where,
        hint=f"give one of the event's organisations ({listed}), or add `{value}` to the organisations",
    )
