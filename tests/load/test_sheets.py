"""Participants from the spreadsheets organisers keep (issue 17): every kind of export a registration
system or a secretariat produces, written here with openpyxl and the csv module, read into the same
data as YAML, or refused with a message naming the file, the sheet, the cell and its column."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefpack.errors import UserError
from briefpack.model.validate import inspect_event, load_event
from eventdirs import SAMPLE, SECOND, sample_event

HEADERS = ["First Name", "Last Name", "Email Address", "Affiliation", "Position", "Country", "Mobile", "Languages"]
ROWS = [
    ["Thị Thanh Hà", "Nguyễn", "ha@vwu.example.org", "Viet Nam Women's Union", "Vice-President", "Viet Nam",
     "+84 91 000 0001", "vi; en"],
    ["Sreymom", "Chea", "sreymom@example.org", "", "Director", "KH", "", "km"],
]  # fmt: skip


def _without_people(folder: Path) -> Path:
    """The sample with its people section taken out of YAML (and every reference to them left in)."""
    path = folder / "people.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    organisations = data.get("organisations")
    path.unlink()
    if organisations is not None:
        (folder / "organisations.yaml").write_text(yaml.safe_dump({"organisations": organisations}), encoding="utf-8")
    return folder


def _event(tmp_path: Path) -> Path:
    """The sample without its people section: each test gives it a sheet instead."""
    return _without_people(sample_event(tmp_path / "event"))


def _people_rows(folder: Path) -> list[dict]:
    inspection = inspect_event(folder)
    assert inspection.data is not None, [p.render() for p in inspection.problems]
    return [p.model_dump(exclude_none=True) for p in inspection.data.people]


def _messages(folder: Path) -> list[str]:
    try:
        found = inspect_event(folder).problems
    except UserError as err:
        found = list(err.problems)
    return [problem.render() for problem in found]


def _xlsx(path: Path, rows: list[list], sheet: str = "Registrations", extra: tuple[str, ...] = ()) -> None:
    book = openpyxl.Workbook()
    book.active.title = extra[0] if extra else sheet
    for name in extra[1:]:
        book.create_sheet(name)
    target = book[sheet] if sheet in book.sheetnames else book.create_sheet(sheet)
    for row in rows:
        target.append(row)
    book.save(path)


def _sheets_entry(folder: Path, file: str, sheet: str | None = None, columns: dict | None = None) -> None:
    entry: dict = {"file": file, "section": "people"}
    if sheet:
        entry["sheet"] = sheet
    if columns:
        entry["columns"] = columns
    (folder / "sheets.yaml").write_text(yaml.safe_dump({"sheets": [entry]}, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def sample_people() -> list[dict]:
    return [p.model_dump(exclude_none=True) for p in load_event(SAMPLE).data.people]


def _sample_sheet(people: list[dict]) -> list[list]:
    """The people as a sheet with briefpack's own field names as headers; lists in one cell."""
    from briefpack.model.event import Person

    fields = list(Person.model_fields)
    rows: list[list] = [fields]
    for person in people:
        row = []
        for field in fields:
            value = person.get(field)
            if isinstance(value, list):
                value = ("\n" if field == "address" else "; ").join(value) or None
            row.append(value)
        rows.append(row)
    return rows


# --- the same data as YAML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, delimiter",
    [("utf-8", ","), ("utf-8-sig", ","), ("utf-16", "\t"), ("utf-8", ";"), ("utf-8-sig", "\t")],
    ids=["utf8", "utf8-bom", "utf16-tab", "semicolon", "bom-tab"],
)
def test_a_csv_export_in_any_unicode_encoding_and_delimiter_reads_as_the_yaml_did(
    tmp_path: Path, sample_people: list[dict], encoding: str, delimiter: str
) -> None:
    folder = _event(tmp_path)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for i, row in enumerate(_sample_sheet(sample_people)):
        writer.writerow(row)
        if i == 3:
            writer.writerow([""] * len(row))  # a blank row in the middle, as exports leave them
    (folder / "people.csv").write_bytes(buffer.getvalue().encode(encoding))
    assert _people_rows(folder) == sample_people


def test_a_workbook_with_several_sheets_merged_headers_and_empty_columns_reads_as_the_yaml_did(
    tmp_path: Path, sample_people: list[dict]
) -> None:
    folder = _event(tmp_path)
    rows = _sample_sheet(sample_people)
    rows = [["", *row, None, None] for row in rows]  # an empty first column and trailing empty ones
    _xlsx(folder / "registrations.xlsx", rows, "Registrations", extra=("Summary", "Registrations"))
    _sheets_entry(folder, "registrations.xlsx", sheet="Registrations", columns={"": None})
    assert _people_rows(folder) == sample_people


def test_registration_headers_names_and_lists_are_understood(tmp_path: Path) -> None:
    folder = _event(tmp_path)
    book_rows = [HEADERS, *[[f"  {v}  " if isinstance(v, str) and v else v for v in row] for row in ROWS]]
    _xlsx(folder / "registrations.xlsx", book_rows)
    _sheets_entry(folder, "registrations.xlsx")
    people = {p["email"]: p for p in _people_rows_or_refs(folder)}
    ha = people["ha@vwu.example.org"]
    assert ha["name"] == "Thị Thanh Hà Nguyễn" and ha["family_name"] == "Nguyễn" and ha["given_name"] == "Thị Thanh Hà"
    assert ha["country"] == "VN" and ha["organisation"] == "vwu" and ha["languages"] == ["vi", "en"]
    assert ha["id"] == "vn-thi-thanh-ha-nguyen"  # derived from the name: the same on every build
    assert people["sreymom@example.org"]["country"] == "KH"


def _people_rows_or_refs(folder: Path) -> list[dict]:
    """The people read from the sheet, whatever the rest of the sample says about people it no longer has."""
    from briefpack.load.folder import load_folder

    raw, _, cells = load_folder(folder)
    assert not cells, [c.render() for c in cells]
    return raw["people"]


def test_a_merged_header_cell_names_every_column_it_spans(tmp_path: Path) -> None:
    folder = _event(tmp_path)
    path = folder / "people.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", None, "Email Address"])
    sheet.append(["Given", "Family", "e@example.org"])
    sheet.merge_cells("A1:B1")
    book.save(path)
    (row,) = _people_rows_or_refs(folder)
    assert row["name"] == "Family"  # both columns are "Name": the last one read wins, as a duplicate header would


# --- refused, with the cell that is wrong ------------------------------------------------------------


def test_a_windows_code_page_is_refused_and_named(tmp_path: Path) -> None:
    """A Thai ministry's export in Windows-874: read as anything else, every name would print wrong."""
    folder = _event(tmp_path)
    rows = "".join(f"สมชาย{i},วงศ์สวัสดิ์,somchai{i}@example.org\n" for i in range(5))
    (folder / "people.csv").write_bytes(f"First Name,Last Name,Email Address\n{rows}".encode("cp874"))
    (message,) = _messages(folder)
    assert "people.csv:2:1: the file is not UTF-8 text: it looks like Windows-874 (Thai)" in message
    assert "CSV UTF-8" in message


def test_a_phone_number_stored_as_a_number_is_an_error_not_a_guess(tmp_path: Path) -> None:
    folder = _event(tmp_path)
    _xlsx(folder / "registrations.xlsx", [["Name", "Mobile", "Email Address"], ["Ann Lee", 84912345678, "ann@x.org"]])
    _sheets_entry(folder, "registrations.xlsx")
    messages = _messages(folder)
    assert any(
        m.startswith("event/registrations.xlsx: Registrations!B2 (Mobile): 84912345678 is stored as a number")
        or "registrations.xlsx: Registrations!B2 (Mobile): 84912345678 is stored as a number" in m
        for m in messages
    ), messages


def test_cell_problems_come_with_the_yaml_problems_in_one_check(tmp_path: Path) -> None:
    folder = _event(tmp_path)
    _xlsx(folder / "registrations.xlsx", [HEADERS, ["Ana", "Lopez", "ana at moh.gov.kh", "", "", "KH", "", ""]])
    _sheets_entry(folder, "registrations.xlsx")
    messages = _messages(folder)
    assert any(
        "registrations.xlsx: Registrations!C2 (Email Address): `ana at moh.gov.kh` is not an e-mail address" in m
        for m in messages
    ), messages
    assert any("no person has the id" in m for m in messages)  # the YAML's references to the sample's people


def test_a_section_in_both_a_sheet_and_yaml_is_refused_naming_both(tmp_path: Path) -> None:
    folder = sample_event(tmp_path / "event")
    _xlsx(folder / "people.xlsx", [["Name"], ["Ann Lee"]])
    (message,) = _messages(folder)
    assert "section `people` is given both in" in message and "people.yaml" in message and "people.xlsx" in message


def test_an_unknown_sheet_lists_the_sheets_there_are(tmp_path: Path) -> None:
    folder = _event(tmp_path)
    _xlsx(folder / "registrations.xlsx", [["Name"], ["Ann Lee"]], "Participants")
    _sheets_entry(folder, "registrations.xlsx", sheet="Registrations")
    (message,) = _messages(folder)
    assert "the workbook has no sheet `Registrations`" in message and "its sheets: Participants" in message
    assert "sheets.yaml:" in message


def test_duplicate_rows_are_a_duplicate_id_at_the_second_row(tmp_path: Path) -> None:
    folder = _event(tmp_path)
    _xlsx(folder / "registrations.xlsx", [["Name", "Country"], ["Ann Lee", "TH"], ["Ann Lee", "TH"]])
    _sheets_entry(folder, "registrations.xlsx")
    messages = _messages(folder)
    assert any(
        "registrations.xlsx: Registrations!A3 (Name): person id `th-ann-lee` is used twice" in m for m in messages
    ), messages


def test_a_sheet_linked_from_outside_the_event_folder_is_not_read(tmp_path: Path) -> None:
    folder = _event(tmp_path)
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("Name\nAnn Lee\n", encoding="utf-8")
    (folder / "people.csv").symlink_to(outside)
    (message,) = _messages(folder)
    assert "outside" in message


# --- the shipped example -----------------------------------------------------------------------------


def test_the_second_sample_reads_its_participants_from_the_registration_workbook() -> None:
    folder = SECOND
    assert (folder / "registrations.xlsx").is_file() and not (folder / "people.yaml").exists()
    book = openpyxl.load_workbook(folder / "registrations.xlsx", read_only=True)  # a second reader
    rows = list(book["Registrations"].iter_rows(values_only=True))
    data = load_event(folder).data
    assert [p.id for p in data.people] == [r[0] for r in rows[1:]]
    assert [p.email for p in data.people] == [r[rows[0].index("Email Address")] for r in rows[1:]]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 7),
            st.one_of(
                st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),  # what a cell can hold
                st.integers(-(10**12), 10**12),
                st.floats(allow_nan=False, allow_infinity=False),
                st.dates(),
                st.none(),
                st.sampled_from(["=1+1", "#N/A", "Ngô; ស្ត្រី", "\n", "=", "TRUE"]),
            ),
        ),
        max_size=6,
    )
)
def test_any_mutated_cell_gives_data_or_the_projects_own_messages(tmp_path_factory, mutations) -> None:
    folder = _without_people(sample_event(tmp_path_factory.mktemp("mutated") / "event"))
    rows = [HEADERS, *[list(r) for r in ROWS]]
    for column, value in mutations:
        rows[1 + column % 2][column] = value
    _xlsx(folder / "registrations.xlsx", rows)
    _sheets_entry(folder, "registrations.xlsx")
    try:
        problems = inspect_event(folder).problems
    except UserError as err:
        problems = list(err.problems)
    for problem in problems:  # a message of briefpack's own (never a crash), and a cell's is at its cell
        if problem.location is not None and problem.location.file.endswith("registrations.xlsx"):
            assert problem.location.cell.startswith("Registrations!"), problem.render()
    shutil.rmtree(folder.parent)


def test_a_formula_cell_gives_the_value_excel_last_computed(tmp_path: Path) -> None:
    """Excel saves a formula with the value it computed; the reader takes the value, never the formula.
    (openpyxl saves none, so the value Excel would have stored is written into the sheet XML here.)"""
    folder = _event(tmp_path)
    draft = tmp_path / "draft.xlsx"
    _xlsx(draft, [["Given", "Family", "Name", "Email Address"], ["Ann", "Lee", '=A2&" "&B2', "ann@example.org"]])
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(folder / "people.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="C2"><f>', b'<c r="C2" t="str"><f>').replace(b"<v></v>", b"<v>Ann Lee</v>")
            target.writestr(item, data)
    (row,) = _people_rows_or_refs(folder)
    assert row["name"] == "Ann Lee" and row["email"] == "ann@example.org"


@pytest.mark.slow
def test_the_shipped_workbook_builds_the_same_pack_as_its_yaml_twin(tmp_path: Path) -> None:
    """The twin is written from the workbook as openpyxl reads it, not as briefpack does."""
    from briefpack.assemble.context import BuildOptions
    from briefpack.assemble.run import run_build
    from briefpack.load.sheets import COMMON_HEADERS, header_key

    twin = tmp_path / "twin"
    shutil.copytree(SECOND, twin)
    rows = list(
        openpyxl.load_workbook(twin / "registrations.xlsx", read_only=True)["Registrations"].iter_rows(values_only=True)
    )
    fields = {"Org": "organisation", "Name in own script": "native_name", "Position": "title", "Title": "honorific"}
    header_fields = [
        fields.get(h) or COMMON_HEADERS["people"].get(header_key(h)) or header_key(h).replace(" ", "_") for h in rows[0]
    ]
    people = []
    for row in rows[1:]:
        person = {}
        for field, value in zip(header_fields, row, strict=True):
            if value not in (None, ""):
                person[field] = [v.strip() for v in str(value).split(";")] if field in ("roles", "languages") else value
        people.append(person)
    (twin / "registrations.xlsx").unlink()
    event = (twin / "event.yaml").read_text(encoding="utf-8")
    (twin / "event.yaml").write_text(event[: event.index("\n# The participants come from")] + "\n", encoding="utf-8")
    (twin / "people.yaml").write_text(yaml.safe_dump({"people": people}, allow_unicode=True), encoding="utf-8")
    options = BuildOptions(jobs=2)
    built = [run_build(folder, tmp_path / name, options).folder for folder, name in ((SECOND, "a"), (twin, "b"))]
    files = sorted(p.relative_to(built[0]) for p in built[0].rglob("*") if p.is_file() and ".briefpack" not in p.parts)
    assert len(files) > 20
    for name in files:
        if name.name != "manifest.json":  # which files were read differs; what was built may not
            assert (built[0] / name).read_bytes() == (built[1] / name).read_bytes(), name
