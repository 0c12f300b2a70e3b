"""Briefing packets and contact cards, judged on the built sample (issue 6).

The sample is built once per module (packets and cards only, one worker). Expectations come from the
data read independently of the composers: which sessions a delegation must be in, whom its zip's
cards are for, who gets a card. The outputs are read with real tools: poppler (`pdftotext`,
`pdftoppm`), python-docx, `zbarimg` for the QR codes and `vobject` for the vCards.
"""

from __future__ import annotations

import csv
import re
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import vobject
from docx import Document as DocxDocument
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import BuildResult, run_build
from briefpack.cli import main
from briefpack.errors import UserError
from briefpack.layout.load import load_layout
from briefpack.model.event import Delegation, EventData, Person, Session
from briefpack.model.validate import load_event
from conftest import require_tool
from eventdirs import SAMPLE, edit, sample_event
from render.pdf.pdf_reading import multiply, page_ops, squash, text, words

pytestmark = pytest.mark.slow

EVENT = "mekong-womens-forum-2007"
MM = 72 / 25.4
ZIP_NAMES = {"briefing.pdf", "briefing.docx", "calendar.ics", "contact-cards.pdf", "contacts.vcf"}
DPI = 200  # an office scan, and a phone camera at arm's length: codes at 300 dpi only were too dense


# --- building -----------------------------------------------------------------------------------


def _build(data: Path, out: Path, **options: object) -> tuple[BuildResult, Path]:
    opts = {"only": frozenset({"packets", "cards"}), "jobs": 1, **options}
    result = run_build(data, out, BuildOptions(**opts))  # type: ignore[arg-type]
    return result, out / EVENT


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for tool in ("pdftotext", "pdftoppm", "zbarimg"):
        require_tool(tool)
    _, folder = _build(SAMPLE, tmp_path_factory.mktemp("pack"))
    return folder


# --- reading the data independently -------------------------------------------------------------


def _people(data: EventData) -> dict[str, Person]:
    return {p.id: p for p in data.people}


def _members(dele: Delegation) -> list[str]:
    return list(dict.fromkeys([*([dele.head] if dele.head else []), *dele.members]))


def _sessions(data: EventData) -> list[Session]:
    return [s for day in data.days for s in day.sessions]


def expected_slots(data: EventData, dele: Delegation) -> set[str]:
    """Sessions where one of the delegation chairs or presents, where its brief is, and the recommendations."""
    people = set(_members(dele))
    out = set()
    for session in _sessions(data):
        if (
            people & set(session.chairs)
            or any(people & set(p.presenters) for p in session.presentations)
            or (dele.brief is not None and dele.brief.session == session.id)
            or session.kind == "recommendations"
        ):
            out.add(session.id)
    return out


def _slug(data: EventData, dele: Delegation) -> str:
    country = next(c for c in data.countries if c.code == dele.country)
    return re.sub(r"[^a-z0-9]+", "-", country.name.lower()).strip("-")


def display(person: Person) -> str:
    return f"{person.honorific} {person.name}" if person.honorific else person.name


def _row_tokens(raw: str) -> Counter[str]:
    return Counter(raw.replace("–", " ").replace("\u2013", " ").split())


def _session_tokens(session: Session) -> Counter[str]:
    return _row_tokens(f"{session.start:%H:%M} {session.end:%H:%M} {session.title}")


def _rows_showing(rows: list[Counter[str]], session: Session) -> bool:
    want = _session_tokens(session)
    return any(not (want - row) for row in rows)


# --- reading PDFs -------------------------------------------------------------------------------


def _hex_rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _at(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


@dataclass
class Marks:
    fills: list[tuple[tuple[float, float, float], tuple[float, float, float, float]]]  # (rgb, rect)
    texts: list[tuple[float, float, float]]  # (x, y, font size) of each text show


def marks(pdf: Path, page: int) -> Marks:
    """Filled rectangles with their RGB fill colour, and where text is shown at which size (absolute)."""
    reader = PdfReader(pdf)
    stream = ContentStream(reader.pages[page - 1].get_contents(), reader)
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    stack: list[tuple[tuple[float, ...], tuple[float, float, float]]] = []
    fill = (0.0, 0.0, 0.0)
    rects: list[tuple[float, float, float, float]] = []
    tm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    size = 0.0
    out = Marks([], [])
    for operands, operator in stream.operations:
        op = operator.decode("latin-1")
        if op == "q":
            stack.append((ctm, fill))
        elif op == "Q":
            ctm, fill = stack.pop()
        elif op == "cm":
            ctm = multiply(tuple(float(v) for v in operands), ctm)
        elif op == "rg":
            fill = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif op == "g":
            fill = (float(operands[0]),) * 3  # type: ignore[assignment]
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            (ax, ay), (bx, by) = _at(ctm, x, y), _at(ctm, x + w, y + h)
            rects.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        elif op in ("f", "F", "f*", "B", "B*"):
            out.fills += [(fill, r) for r in rects]
            rects = []
        elif op in ("S", "s", "b", "b*"):
            rects = []
        elif op == "BT":
            tm = (1, 0, 0, 1, 0, 0)
        elif op == "Tm":
            tm = tuple(float(v) for v in operands)
        elif op == "Tf":
            size = float(operands[1])
        elif op in ("Tj", "TJ", "'", '"'):
            out.texts.append((*_at(multiply(tm, ctm), 0, 0), size))
    return out


def highlighted_rows(pdf: Path, colour: tuple[float, float, float]) -> list[Counter[str]]:
    """The words inside every rectangle filled with `colour`, on every page, one bag of words per rectangle."""
    rows = []
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        found = [
            r
            for fill, r in marks(pdf, page).fills
            if all(abs(a - b) < 0.004 for a, b in zip(fill, colour, strict=True))
        ]
        if not found:
            continue
        page_words = words(pdf, page)
        for x0, y0, x1, y1 in found:
            inside = [w.text for w in page_words if x0 <= (w.x0 + w.x1) / 2 <= x1 and y0 <= (w.y0 + w.y1) / 2 <= y1]
            rows.append(_row_tokens(" ".join(inside)))
    return rows


def docx_text_and_rows(path: Path, fill: str) -> tuple[str, list[Counter[str]], list[Counter[str]]]:
    """All text of a DOCX, and the rows of its timetables: (shaded with `fill`, the others)."""
    doc = DocxDocument(str(path))
    parts = [p.text for p in doc.paragraphs]
    shaded, plain = [], []
    for table in doc.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        parts += [c for row in rows for c in row]
        if not rows or [c.strip() for c in rows[0]] != ["Time", "Session", "Room"]:
            continue
        for row, cells in zip(table.rows[1:], rows[1:], strict=True):
            fills = {s.get(qn("w:fill"), "").upper() for s in row._tr.iter(qn("w:shd"))}
            (shaded if fill.upper() in fills else plain).append(_row_tokens(" ".join(cells)))
    return "\n".join(parts), shaded, plain


# --- packets ------------------------------------------------------------------------------------


def test_each_packet_names_its_members_and_highlights_exactly_its_own_slots(built: Path, data: EventData) -> None:
    people = _people(data)
    colour = _hex_rgb(load_layout("report-a4").colours["highlight"].rgb)
    sessions = _sessions(data)
    keys = [_session_tokens(s) for s in sessions]
    # (times, title) pick out one row: no session's words are all among another's
    assert not [(i, j) for i, a in enumerate(keys) for j, b in enumerate(keys) if i != j and not (a - b)]
    for dele in data.delegations:
        folder = built / "delegations" / _slug(data, dele)
        pdf, docx = folder / "briefing.pdf", folder / "briefing.docx"
        pdf_text = squash(text(pdf))
        docx_all, docx_shaded, docx_plain = docx_text_and_rows(
            docx, load_layout("report-a4").colours["highlight"].rgb.lstrip("#")
        )
        docx_text = squash(docx_all)
        for pid in _members(dele):
            assert squash(people[pid].name) in pdf_text, (dele.id, pid, "pdf")
            assert squash(people[pid].name) in docx_text, (dele.id, pid, "docx")

        own = expected_slots(data, dele)
        assert own, dele.id
        pdf_rows = highlighted_rows(pdf, colour)
        assert len(pdf_rows) == len(own), (dele.id, len(pdf_rows), sorted(own))
        assert len(docx_shaded) == len(own), (dele.id, len(docx_shaded), sorted(own))
        assert len(docx_shaded) + len(docx_plain) == len(sessions)
        for session in sessions:
            mine = session.id in own
            assert _rows_showing(pdf_rows, session) == mine, (dele.id, session.id, "pdf highlight")
            assert _rows_showing(docx_shaded, session) == mine, (dele.id, session.id, "docx shading")
            assert _rows_showing(docx_plain, session) != mine, (dele.id, session.id, "docx plain row")

        for other in data.delegations:
            if other.brief is None:
                continue
            for body, fmt in ((pdf_text, "pdf"), (docx_text, "docx")):
                assert (squash(other.brief.title) in body) == (other.id == dele.id), (dele.id, other.id, fmt)


def test_each_zip_holds_the_briefing_and_the_cards_of_the_people_to_contact(built: Path, data: EventData) -> None:
    people = _people(data)
    for dele in data.delegations:
        slug = _slug(data, dele)
        with zipfile.ZipFile(built / "delegations" / f"{slug}.zip") as archive:
            assert archive.testzip() is None
            names = set(archive.namelist())
            for name in ("briefing.pdf", "briefing.docx", "calendar.ics"):
                assert archive.read(name) == (built / "delegations" / slug / name).read_bytes(), (slug, name)
            vcf = archive.read("contacts.vcf").decode("utf-8")
            cards_pdf = archive.read("contact-cards.pdf")
            own = {n for n in names if n.startswith("contacts/")}
            assert names == ZIP_NAMES | own
            for name in own:  # each person's own file: one card, the same as in the all-in-one file
                (card,) = vobject.readComponents(archive.read(name).decode("utf-8"))
                assert card.version.value == "3.0" and card.fn.value in vcf
        contacts = [c.person for c in data.contacts if c.purpose in ("information", "press")]
        if dele.liaison:
            contacts.append(dele.liaison)
        wanted = {display(people[p]) for p in contacts if p in people}
        got = {card.fn.value for card in vobject.readComponents(vcf)}
        assert got == wanted, slug
        assert len(own) == len(wanted), slug
        sheet = built.parent / f"{slug}-cards.pdf"
        sheet.write_bytes(cards_pdf)
        shown = squash(text(sheet))
        assert all(squash(name) in shown for name in wanted), slug


def test_recipients_manifest_matches_the_data(built: Path, data: EventData) -> None:
    people = _people(data)
    with (built / "delegations" / "recipients.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["delegation_id"] for r in rows) == sorted(d.id for d in data.delegations)
    by_id = {r["delegation_id"]: r for r in rows}
    for dele in data.delegations:
        row = by_id[dele.id]
        slug = _slug(data, dele)
        assert (row["packet_folder"], row["attachment"]) == (slug, f"{slug}.zip")
        assert (built / "delegations" / row["attachment"]).is_file()
        head = people[dele.head] if dele.head else None
        assert row["head_name"] == (display(head) if head else "")
        assert row["head_email"] == (head.email if head and head.email else "")
        emails = list(dict.fromkeys(people[p].email for p in _members(dele) if people[p].email))
        assert row["to"].split(";") == emails, dele.id


def test_cli_delegation_builds_just_that_packet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "-o", str(out), "--delegation", "VN", "-j", "1"]) == 0
    capsys.readouterr()
    folder = out / EVENT
    made = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and ".briefpack" not in p.parts)
    assert made == [
        "delegations/viet-nam.zip",
        "delegations/viet-nam/briefing.docx",
        "delegations/viet-nam/briefing.pdf",
        "delegations/viet-nam/calendar.ics",
        "manifest.json",
    ]
    assert "Việt Nam" in text(folder / "delegations/viet-nam/briefing.pdf")


def test_packets_without_members_head_or_brief_still_build_and_say_so(tmp_path: Path) -> None:
    folder = sample_event(tmp_path / "event")
    path = folder / "delegations.yaml"
    # Cambodia: nobody registered (so nobody named to present its brief); China: no head; Lao PDR: no brief.
    kh = "".join(
        f"      - kh-{m}\n" for m in ("sok-chantha", "chea-sreymom", "keo-sopheak", "pov-sotheary", "tep-vichet")
    )
    edit(path, f"    head: kh-heng-sovannary\n    members:\n{kh}", "    members: []\n")
    edit(path, "      presenters:\n        - kh-heng-sovannary\n        - kh-sok-chantha\n", "      presenters: []\n")
    edit(path, "    head: cn-wang-lihua\n    members:\n", "    members:\n      - cn-wang-lihua\n")
    la = path.read_text(encoding="utf-8")
    la_brief = re.search(
        r"(?m)^  - id: la\n(?:    .*\n|      .*\n|        .*\n)*?(    brief:\n(?:      .*\n|        .*\n)+)", la
    )
    assert la_brief, "the Lao delegation's brief is not where the test expects it"
    edit(path, la_brief.group(1), "")
    result, out = _build(folder, tmp_path / "out", only=frozenset({"packets"}), delegations=("kh", "cn", "la"))
    assert len(result.built) == 3
    notes = "\n".join(result.notes)
    assert re.search(r"`kh`.*no members", notes), notes
    assert re.search(r"`cn`.*no head", notes), notes
    assert re.search(r"`la`.*no recommendations brief", notes), notes
    kh, cn, la_text = (squash(text(out / "delegations" / s / "briefing.pdf")) for s in ("cambodia", "china", "lao-pdr"))
    assert squash("No members of this delegation are registered yet") in kh
    assert squash("No head of delegation has been named yet") in cn
    assert squash("No recommendations brief is scheduled for Lao PDR") in la_text


# --- cards --------------------------------------------------------------------------------------


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def check_vcard(card: vobject.base.Component, person: Person, data: EventData, *, compact: bool = False) -> None:
    """A file's vCard holds all of the person's contact data; a QR code's (`compact`) everything but
    the address and the native name, less what its card's code had to leave out (in the stated order)."""
    assert card.version.value == "3.0" and card.fn.value == display(person)
    assert (card.contents.get("nickname") is None) == (
        compact or not person.native_name or person.native_name == person.name
    )
    if not compact and person.native_name and person.native_name != person.name:
        assert card.nickname.value == person.native_name
    phones = [p for p in (person.phone, person.mobile, person.fax) if p]
    org = next((o for o in data.organisations if o.id == person.organisation), None)
    held = {
        "e-mail": [e.value for e in card.contents.get("email", [])] == ([person.email] if person.email else []),
        "other phones": sorted(_digits(t.value) for t in card.contents.get("tel", [])) == sorted(map(_digits, phones)),
        "title": not person.title or [t.value for t in card.contents.get("title", [])] == [person.title],
        "organisation": not org or any(org.name in ";".join(v.value) for v in card.contents.get("org", [])),
    }
    left_out = [field for field, ok in held.items() if not ok]
    if not compact:
        assert not left_out, (person.id, left_out)
        return
    has = {"other phones": len(phones) > 1, "title": bool(person.title), "organisation": bool(org)}
    has["e-mail"] = bool(person.email)
    applicable = [field for field in ("other phones", "title", "organisation", "e-mail") if has[field]]
    assert sorted(left_out) == sorted(applicable[: len(left_out)]), (person.id, left_out)  # in the stated order


def _grid(width_mm: float, height_mm: float, sheet_mm: tuple[float, float], margin_mm: float, gutter_mm: float = 0):
    """Card boxes (x0, y0, x1, y1 in points) row by row from the top left, computed from the card style."""
    sw, sh = sheet_mm
    cols = int((sw - 2 * margin_mm + gutter_mm) / (width_mm + gutter_mm) + 1e-9)
    rows = int((sh - 2 * margin_mm + gutter_mm) / (height_mm + gutter_mm) + 1e-9)
    x0 = (sw - cols * width_mm - (cols - 1) * gutter_mm) / 2
    top = sh - (sh - rows * height_mm - (rows - 1) * gutter_mm) / 2
    boxes = []
    for r in range(rows):
        for c in range(cols):
            x = x0 + c * (width_mm + gutter_mm)
            y1 = top - r * (height_mm + gutter_mm)
            boxes.append((x * MM, (y1 - height_mm) * MM, (x + width_mm) * MM, y1 * MM))
    return boxes


A4_CARDS = _grid(85, 55, (210, 297), 10)
LETTER_CARDS = _grid(88.9, 50.8, (215.9, 279.4), 12.7)


def expected_card_people(data: EventData) -> list[Person]:
    wanted = {c.person for c in data.contacts} | {d.head for d in data.delegations if d.head}
    wanted |= {p.id for p in data.people if "spokesperson" in p.roles}
    return [p for p in data.people if p.id in wanted]


def decode_sheets(pdf: Path, boxes: list, workdir: Path) -> list[list[bytes | None]]:
    """Per sheet, per card cell: the QR payload found in that cell (None for an empty cell)."""
    zbar = require_tool("zbarimg")
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([require_tool("pdftoppm"), "-r", str(DPI), "-gray", str(pdf), str(workdir / "s")], check=True)
    scale = DPI / 72
    sheets = []
    for image_path in sorted(workdir.glob("s-*.pgm")):
        image = Image.open(image_path)
        height = image.height / scale
        cells: list[bytes | None] = []
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            crop = workdir / f"{image_path.stem}-{i}.png"
            image.crop((int(x0 * scale), int((height - y1) * scale), int(x1 * scale), int((height - y0) * scale))).save(
                crop
            )
            run = subprocess.run([zbar, "--raw", "-q", "-Sbinary", str(crop)], capture_output=True)
            cells.append(run.stdout.removesuffix(b"\n") if run.returncode == 0 and run.stdout else None)
        sheets.append(cells)
    return sheets


def test_every_qr_code_reads_back_to_its_persons_vcard(built: Path, data: EventData, tmp_path: Path) -> None:
    people = expected_card_people(data)
    by_name = {display(p): p for p in people}
    pdf = built / "contact-cards.pdf"
    sheets = decode_sheets(pdf, A4_CARDS, tmp_path)
    assert len(sheets) == -(-len(people) // len(A4_CARDS))
    seen = []
    for page, cells in enumerate(sheets, start=1):
        page_words = words(pdf, page)
        for box, payload in zip(A4_CARDS, cells, strict=True):
            shown = squash(
                " ".join(
                    w.text
                    for w in page_words
                    if box[0] <= w.x0 and w.x1 <= box[2] and box[1] <= w.y0 and w.y1 <= box[3]
                )
            )
            if payload is None:
                assert not shown, (page, box, shown)
                continue
            card = vobject.readOne(payload.decode("utf-8"))
            person = by_name[card.fn.value]
            check_vcard(card, person, data, compact=True)
            assert squash(person.name) in shown, (person.id, "QR on someone else's card")
            seen.append(person.id)
    assert sorted(seen) == sorted(p.id for p in people)  # every card's code decoded, each person once

    natives = " ".join(p.native_name or "" for p in people if p.id in seen)
    for script, low, high in (
        ("Thai", 0x0E00, 0x0E7F),
        ("Lao", 0x0E80, 0x0EFF),
        ("Khmer", 0x1780, 0x17FF),
        ("Han", 0x4E00, 0x9FFF),
    ):
        assert any(low <= ord(ch) <= high for ch in natives), f"no {script} name among the decoded cards"
    assert any(ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ" for ch in natives.lower())

    vcf = list(vobject.readComponents((built / "contacts.vcf").read_text(encoding="utf-8")))
    assert len(vcf) == len(people)
    for card in vcf:
        check_vcard(card, by_name[card.fn.value], data)
        own = built / "contacts" / f"{by_name[card.fn.value].id}.vcf"
        assert vobject.readOne(own.read_text(encoding="utf-8")).serialize() == card.serialize()


def _cut_marks(pdf: Path, page: int) -> list[tuple[float, float, float, float]]:
    return sorted(
        tuple(round(v, 2) for v in (*a, *b))  # type: ignore[misc]
        for a, b in page_ops(pdf, page).segments
    )


def check_cut_marks(pdf: Path, boxes: list, sheet_mm: tuple[float, float]) -> int:
    pages = len(PdfReader(pdf).pages)
    first = _cut_marks(pdf, 1)
    for page in range(2, pages + 1):
        assert _cut_marks(pdf, page) == first, f"cut marks of sheet {page} differ from sheet 1"
    xs = sorted({round(v, 2) for b in boxes for v in (b[0], b[2])})
    ys = sorted({round(v, 2) for b in boxes for v in (b[1], b[3])})
    gx0, gy0, gx1, gy1 = xs[0], ys[0], xs[-1], ys[-1]
    vertical = [m for m in first if m[0] == m[2]]
    horizontal = [m for m in first if m[1] == m[3]]
    assert len(vertical) + len(horizontal) == len(first), "a cut mark is not straight"
    for x in xs:  # every vertical edge is marked above and below the grid, and only there
        assert any(m[0] == x and max(m[1], m[3]) <= gy0 for m in vertical), ("no mark below", x)
        assert any(m[0] == x and min(m[1], m[3]) >= gy1 for m in vertical), ("no mark above", x)
    for y in ys:
        assert any(m[1] == y and max(m[0], m[2]) <= gx0 for m in horizontal), ("no mark left", y)
        assert any(m[1] == y and min(m[0], m[2]) >= gx1 for m in horizontal), ("no mark right", y)
    assert {m[0] for m in vertical} == set(xs)
    assert {m[1] for m in horizontal} == set(ys)
    sw, sh = sheet_mm[0] * MM, sheet_mm[1] * MM
    for x0, y0, x1, y1 in first:  # on the paper, never over a card
        assert min(x0, x1) >= -0.01 and max(x0, x1) <= sw + 0.01, (x0, x1)
        assert min(y0, y1) >= -0.01 and max(y0, y1) <= sh + 0.01, (y0, y1)
        assert not (gx0 < (x0 + x1) / 2 < gx1 and gy0 < (y0 + y1) / 2 < gy1)
    return pages


@pytest.mark.parametrize(
    ("layout", "boxes", "sheet"),
    [(None, A4_CARDS, (210, 297)), ("report-letter", LETTER_CARDS, (215.9, 279.4))],
    ids=["a4", "letter"],
)
def test_cut_marks_are_the_same_on_every_sheet_and_on_the_card_edges(
    tmp_path: Path, layout: str | None, boxes: list, sheet: tuple[float, float]
) -> None:
    _, out = _build(SAMPLE, tmp_path, only=frozenset({"cards"}), cards="all", layout=layout)
    pdf = out / "contact-cards.pdf"
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)) == sheet
    assert check_cut_marks(pdf, boxes, sheet) >= 2


# --- fitting text on a card ---------------------------------------------------------------------

LONG_ORG = "Lao Women's Union for Development, Protection and Solidarity"  # 60 characters


def _card_sizes(pdf: Path, name: str, boxes: list) -> list[float]:
    """Font sizes used on the card whose text contains `name` (first sheet that shows it)."""
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        page_words = words(pdf, page)
        for box in boxes:
            inside = " ".join(
                w.text for w in page_words if box[0] <= w.x0 and w.x1 <= box[2] and box[1] <= w.y0 and w.y1 <= box[3]
            )
            if squash(name) in squash(inside):
                return [s for x, y, s in marks(pdf, page).texts if box[0] <= x <= box[2] and box[1] <= y <= box[3]]
    raise AssertionError(f"no card shows {name}")


def test_long_text_shrinks_and_text_that_cannot_fit_fails_naming_the_person(built: Path, tmp_path: Path) -> None:
    assert len(LONG_ORG) == 60
    before = _card_sizes(built / "contact-cards.pdf", "Chanthaly Inthavong", A4_CARDS)
    folder = sample_event(tmp_path / "event")
    edit(folder / "organisations.yaml", "name: Lao Women's Union\n", f"name: {LONG_ORG}\n")
    _, out = _build(folder, tmp_path / "out", only=frozenset({"cards"}))
    pdf = out / "contact-cards.pdf"
    after = _card_sizes(pdf, "Chanthaly Inthavong", A4_CARDS)
    style = load_layout("report-a4").card_styles["card"]
    assert min(after) < min(before), (before, after)
    assert min(after) >= style.min_font_size
    assert squash(LONG_ORG) in squash(text(pdf))

    outputs = {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file() and ".briefpack" not in p.parts
    }
    # About 400 characters still fit (at the floor, wrapped over ten lines); twice that cannot, and is
    # still within the data's length limit for a title (1,000 characters).
    long_title = " ".join(["Special Adviser on Regional Cooperation and Safe Migration"] * 15)
    assert 800 <= len(long_title) <= 1000
    edit(
        folder / "people.yaml",
        "    title: Vice-President\n    organisation: lwu\n",
        f"    title: {long_title}\n    organisation: lwu\n",
    )
    with pytest.raises(UserError) as failure:
        _build(folder, tmp_path / "out", only=frozenset({"cards"}))
    assert "Chanthaly Inthavong" in str(failure.value)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in outputs} == outputs
    assert not [p for p in out.rglob("*") if p.is_file() and ".briefpack" not in p.parts and p not in outputs]


# --- found by looking at the pages ---------------------------------------------------------------


def test_the_block_after_a_contacts_key_value_table_does_not_touch_its_rule(built: Path) -> None:
    pdf = built / "delegations" / "viet-nam" / "briefing.pdf"
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        page_words = words(pdf, page)
        email = [w for w in page_words if w.text == "dow@ilo.org"]
        name = [w for w in page_words if w.text == "Duong"]
        if email and name:
            break
    else:
        raise AssertionError("the organisers' contacts are not on one page")
    rules = [a[1] for a, b in page_ops(pdf, page).segments if abs(a[1] - b[1]) < 0.01 and a[1] < email[0].y0]
    rule = max(rules)  # the rule under the e-mail row, the table's last
    assert rule - name[0].y1 >= 3, f"{rule - name[0].y1:.1f} pt between the table's rule and the next name"
