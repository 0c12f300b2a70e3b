"""The programme booklet as built: screen, print and imposed PDFs of the sample event (issue 4).

Specifications on the real product. The sample is built once per module (booklet only, one worker),
once more on the half-letter layout. The outputs are judged with the tools a reader and a printer
use: `pdftotext` (what the text says, page by page), pypdf (outline and link annotations), `pdffonts`,
`qpdf --check`, and `qpdf --qdf` for the page boxes and content streams exactly as written.

Facts are the seed's, written out here as the seed prints them, so the booklet cannot drift from them.
"""

from __future__ import annotations

import math
import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

import seedfacts
from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from briefpack.model.event import EventData
from briefpack.model.validate import load_event
from conftest import require_tool
from eventdirs import SAMPLE
from render.pdf.pdf_reading import collapse, link_annotations, outline_entries, page_ops, words, words_in
from render.pdf.pdf_reading import text as pdftotext

pytestmark = pytest.mark.slow

EVENT = "mekong-womens-forum-2007"
MM = 72 / 25.4
A5 = (419.53, 595.28)
A4_LANDSCAPE = (841.89, 595.28)
HALF_LETTER = (396.0, 612.0)
LETTER_LANDSCAPE = (792.0, 612.0)
BLEED = 3 * MM  # 8.504 pt

SEED_FACTS = (
    *seedfacts.EVENT,
    "The Mekong Women's Forum is the first meeting of women's organizations from across the Greater Mekong "
    "Sub-region in relation to action against human trafficking.",
    "This meeting gives attention to the achievements of women's organizations and tri-partite focal points in "
    "their action against human trafficking and gender discrimination.",
    "The forum will:",
    *seedfacts.AIMS,
    "The forum's presentations and discussions are centered on 6 general topics, giving primary emphasis on "
    "prevention measures, as follows:",
    "Opening: Taking a Gender Perspective in Action Against Human Trafficking",
    "The presentation provides an overview of the situation of human trafficking in the GMS; outlines key "
    "reasons why trafficking continues, identifying causes anchored on gender discrimination and "
    "marginalization.",
    "The keynote presentation will propose ways of how women's organizations can better influence national "
    "policies and programs on human trafficking.",
    "Session 1: Information and awareness Raising Campaigns",
    "This session illustrates the substantial awareness-raising efforts of the Vietnamese, Chinese and Lao "
    "women's organizations, with topics covering not only the risks and dangers of human trafficking, but also "
    "ways in which potential migrants and those seeking work outside of communities can receive information "
    "and assistance during their movement.",
    "Session 2: Social Empowerment and Youth Education",
    "This session focuses on measures undertaken by women's organizations on youth education (return to school "
    "programs for young girls and boys) and promotion of life-skills training as some of the effective ways to "
    "reduce vulnerabilities to human trafficking and unprotected migration.",
    "Examples come from China Yunnan, Cambodia, Viet Nam.",
    "Session 3: Sustainable Livelihoods and Economic Empowerment",
    "This session looks at economic activities initiated by women's organizations in selected sending areas "
    "with a high density of vulnerable migrants and victims of human trafficking.",
    "The presentations will show how economic solutions, when properly targeted and together with "
    "awareness-raising messages, can prevent unprotected migration and reduce the risks of human trafficking.",
    "Examples are from Lao PDR, Thailand and Cambodia.",
    "Session 4: Protection of Migrants at destination",
    "This session moves into the action taken by different organizations to protect the rights of women "
    "migrant workers.",
    "Using innovative information services or direct support measures, organizations have been active in "
    "promoting migrant outreach, the formation of self-help groups and related savings schemes.",
    "Good practice examples include several employers' and workers' organizations (Viet Nam, Malaysia) and "
    "from the Yunnan Province of China.",
    "Session 5: Policy Mainstreaming",
    "This session will consider the ways in which women's groups can engage more concretely in influencing "
    "policy changes at the national and local provincial levels.",
    "The presentations cover efforts of women's organizations to influence policies and programs at the "
    "provincial, national and sub-regional levels.",
    "Examples are from China Yunnan, Thailand, and the sub-region.",
    "Country delegations have been asked to present their country-specific recommendations on ways to "
    "strengthen action by women's organizations and promote partnerships at the national and sub-regional "
    "levels.",
    "The Viet Nam Women's Union has set up a public display for information and advocacy publications and "
    "materials from all the countries",
    "five countries: Cambodia, China, Lao PDR, Thailand and Viet Nam.",
    # the information contacts, line by line
    "Mr. Allan Dow",
    "Communications Officer",
    "ILO Mekong Sub-regional Project to Combat",
    "Trafficking in Children and Women",
    "United Nations Building, 10th Floor, Block B",
    "Rajadamnern Nok Avenue,",
    "Bangkok 10200, Thailand",
    "(66-2) 288 2057",
    "(66-8) 9891 5003",
    "dow@ilo.org",
    "Ms. Duong Thi Xuan",
    "Head of IEC Department",
    "39 Hang Chuoi Street,",
    "Hanoi, Viet Nam",
    "(84-4) 9719916",
    "(84-4) 9722313",
    "xuan_iec@yahoo.com",
)
SESSION_TITLES = (
    "Opening: Taking a Gender Perspective in Action Against Human Trafficking",
    "Session 1: Information and awareness Raising Campaigns",
    "Session 2: Social Empowerment and Youth Education",
    "Session 3: Sustainable Livelihoods and Economic Empowerment",
    "Session 4: Protection of Migrants at destination",
    "Session 5: Policy Mainstreaming",
)
COUNTRIES = ("Cambodia", "China", "Lao PDR", "Thailand", "Viet Nam")

PARTS = (  # level-1 headings, in booklet order; each is also the running head of its pages
    "About the forum",
    "Programme at a glance",
    "Programme",
    "Country recommendations",
    "Country delegations",
    "Exhibits and displays",
    "Practical information",
    "For further information, contact:",
    "Index of participants and speakers",
)


# --- building -----------------------------------------------------------------------------------


def _build(out: Path, **options: object) -> Path:
    run_build(SAMPLE, out, BuildOptions(only=frozenset({"booklet"}), jobs=1, **options))  # type: ignore[arg-type]
    return out / EVENT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for tool in ("pdftotext", "pdffonts", "qpdf"):
        require_tool(tool)
    return _build(tmp_path_factory.mktemp("booklet"))


@pytest.fixture(scope="module")
def halfletter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("pdftotext")
    return _build(tmp_path_factory.mktemp("halfletter"), layout="booklet-halfletter")


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


@pytest.fixture(scope="module")
def screen(built: Path) -> Path:
    return built / "programme-booklet.pdf"


@pytest.fixture(scope="module")
def printed(built: Path) -> Path:
    return built / "programme-booklet-print.pdf"


@pytest.fixture(scope="module")
def imposed(built: Path) -> Path:
    return built / "programme-booklet-imposed.pdf"


# --- reading ------------------------------------------------------------------------------------


def normalise(raw: str) -> str:
    """pdftotext's lines joined: the renderer does not hyphenate, so a line-end hyphen is a real one."""
    return collapse(re.sub(r"-\n", "-", raw))


@cache
def page_text(pdf: Path, page: int) -> str:
    return normalise(pdftotext(pdf, page))


@cache
def page_layout(pdf: Path, page: int) -> str:
    return pdftotext(pdf, page, layout=True)


@cache
def count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def running_head(pdf: Path, page: int) -> str:
    lines = [line.strip() for line in page_layout(pdf, page).splitlines() if line.strip()]
    return lines[0] if lines else ""


def body_text(pdf: Path) -> str:
    """The booklet's text without running heads and page numbers, so a sentence can cross a page break."""
    parts = []
    for page in range(1, count(pdf) + 1):
        text = page_text(pdf, page)
        head = running_head(pdf, page) if page > 1 else ""
        if head and text.startswith(head):
            text = text[len(head) :]
        parts.append(re.sub(rf"\s*{page}$", "", text).strip())
    return " ".join(parts)


def pages_of(pdf: Path, part: str) -> list[int]:
    return [p for p in range(2, count(pdf) + 1) if running_head(pdf, p) == part]


def contents(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, text, page) of every contents entry, from the layout text of the contents pages.

    Level-1 entries start at the left edge, level-2 entries are indented; the page number stands on
    an entry's first line, and an entry too long for one line continues on the next, without one.
    """
    found: list[tuple[int, str, int]] = []
    for page in pages_of(pdf, "Contents"):
        lines = page_layout(pdf, page).splitlines()
        body = [line for line in lines if line.strip()][1:]  # below the running head
        for line in body:
            if line.strip() in ("Contents", str(page)):
                continue
            indent = len(line) - len(line.lstrip())
            m = re.match(r"^(.*?\S)\s{2,}(\d+)$", line.strip())
            if m:
                found.append((1 if indent == 0 else 2, m.group(1), int(m.group(2))))
            else:
                assert found, f"contents text before any entry: {line.strip()}"
                level, text, number = found[-1]
                found[-1] = (level, f"{text} {line.strip()}", number)
    return found


def index_entries(pdf: Path) -> list[tuple[str, list[int]]]:
    found = []
    for page in pages_of(pdf, "Index of participants and speakers"):
        for line in page_layout(pdf, page).splitlines()[1:]:
            m = re.match(r"^(.*?\S)\s{2,}(\d+(?:, \d+)*)$", line.strip())
            if m:
                found.append((m.group(1), [int(n) for n in m.group(2).split(", ")]))
    return found


def latin(entry: str) -> str:
    """A name or heading without its native-script form (`Cambodia · កម្ពុជា` -> `Cambodia`)."""
    return entry.split(" · ")[0]


def qdf_pages(pdf: Path, tmp: Path) -> list[str]:
    """The page dictionaries as written, from `qpdf --qdf` (uncompressed, one `%% Page N` per page)."""
    out = tmp / f"{pdf.stem}.qdf.pdf"
    subprocess.run([require_tool("qpdf"), "--qdf", "--object-streams=disable", str(pdf), str(out)], check=True)
    raw = out.read_bytes().decode("latin-1")
    chunks = re.split(r"%% Page \d+\n", raw)[1:]
    return [chunk.split("endobj", 1)[0] for chunk in chunks]


def box(page_dict: str, name: str) -> tuple[float, ...] | None:
    m = re.search(rf"/{name}\s*\[\s*([-\d.\s]+)\]", page_dict)
    return None if m is None else tuple(float(v) for v in m.group(1).split())


# --- content ------------------------------------------------------------------------------------


def test_every_seed_fact_is_in_the_booklet(screen: Path) -> None:
    whole = body_text(screen)
    missing = [fact for fact in SEED_FACTS if collapse(fact) not in whole]
    assert not missing
    for country in COUNTRIES:
        assert country in whole


def test_the_parts_come_in_the_issue_order_and_no_page_is_empty(screen: Path) -> None:
    first_pages = [min(pages_of(screen, part)) for part in PARTS]
    assert first_pages == sorted(first_pages)
    assert "The Mekong Women's Forum" in page_text(screen, 1)
    assert pages_of(screen, "Contents") == [2]
    empty = [p for p in range(1, count(screen) + 1) if not page_text(screen, p)]
    assert not empty


def test_every_page_after_the_cover_carries_its_part_as_running_head(screen: Path) -> None:
    part = "Contents"
    for page in range(2, count(screen) + 1):
        body = page_text(screen, page)
        starts = [p for p in PARTS if f"{p} {p}" in body]  # head, then the part's own heading
        if starts:
            part = starts[-1]
        assert running_head(screen, page) == part, page


def test_the_information_contacts_are_printed_once_each(screen: Path) -> None:
    text = " ".join(page_text(screen, p) for p in pages_of(screen, "For further information, contact:"))
    assert text.count("Trafficking in Children and Women") == 1
    assert text.count("Mr. Allan Dow") == 1 and text.count("Ms. Duong Thi Xuan") == 1


# --- navigation ---------------------------------------------------------------------------------


def test_contents_lists_every_part_and_session(screen: Path, data: EventData) -> None:
    entries = contents(screen)
    assert [text for level, text, _ in entries if level == 1] == list(PARTS)
    listed = {text for _, text, _ in entries}
    for title in SESSION_TITLES:
        assert title in listed
    for country in COUNTRIES:
        assert any(latin(text) == country for _, text, _ in entries)


def test_contents_page_numbers_point_to_pages_with_the_entry(screen: Path) -> None:
    entries = contents(screen)
    assert len(entries) >= len(PARTS)
    for _, text, page in entries:
        assert collapse(text) in page_text(screen, page), (text, page)


def test_index_page_numbers_point_to_pages_naming_the_person(screen: Path, data: EventData) -> None:
    def printed(entry: str) -> str:
        """The name as pages print it: an index lists "Dow, Allan" for Allan Dow."""
        family, comma, given = latin(entry).partition(", ")
        return f"{given} {family}" if comma else family

    entries = index_entries(screen)
    people = {p.name for p in data.people}
    assert {printed(name) for name, _ in entries} <= people
    assert len(entries) >= 40
    for name, pages in entries:
        assert pages == sorted(set(pages))
        for page in pages:
            assert printed(name) in page_text(screen, page), (name, page)


def test_index_is_alphabetical(screen: Path) -> None:
    def key(name: str) -> str:
        folded = unicodedata.normalize("NFKD", latin(name).replace("Đ", "D").replace("đ", "d"))
        return "".join(c for c in folded if not unicodedata.combining(c)).casefold()

    names = [name for name, _ in index_entries(screen)]
    assert names == sorted(names, key=key)


def test_bookmarks_mirror_the_contents_and_open_the_right_pages(screen: Path) -> None:
    marks = outline_entries(screen)
    assert (marks[0][0], marks[0][2]) == ("Contents", 2)
    assert [(depth + 1, collapse(title), page) for title, depth, page in marks[1:]] == contents(screen)
    for title, _, page in marks:
        assert collapse(title) in page_text(screen, page), (title, page)


def test_contents_entries_link_to_their_pages(screen: Path) -> None:
    entries = contents(screen)
    links = [(page, target, rect) for page, target, rect in link_annotations(screen) if page == 2]
    by_target: dict[int, list[str]] = {}
    for page, target, rect in links:
        assert isinstance(target, int)
        label = words_in(screen, page, rect)
        assert label, rect
        by_target.setdefault(target, []).append(label)
        if label.isdigit():
            assert int(label) == target
        else:
            assert collapse(label) in page_text(screen, target), (label, target)
    for _, text, page in entries:  # every entry has a link to its page
        assert page in by_target, text


def test_at_a_glance_session_titles_link_to_their_session(screen: Path, data: EventData) -> None:
    glance = pages_of(screen, "Programme at a glance")
    links = [(p, t, r) for p, t, r in link_annotations(screen) if p in glance]
    labels = []
    for page, target, rect in links:
        label = words_in(screen, page, rect)
        labels.append(label)
        assert isinstance(target, int) and target not in glance
        assert collapse(label) in page_text(screen, target), (label, target)
    linked = collapse(" ".join(labels))
    for session in (s for day in data.days for s in day.sessions if s.kind in ("opening", "session")):
        assert session.title.split()[0] in linked


def test_index_page_numbers_link_to_their_pages(screen: Path) -> None:
    index = pages_of(screen, "Index of participants and speakers")
    links = [(p, t, r) for p, t, r in link_annotations(screen) if p in index]
    assert links, "the index has no links"
    for page, target, rect in links:
        label = words_in(screen, page, rect)
        numbers = re.findall(r"\d+", label)
        assert numbers and int(numbers[0]) == target, (label, target)


# --- production ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["programme-booklet.pdf", "programme-booklet-print.pdf", "programme-booklet-imposed.pdf"]
)
def test_fonts_are_embedded_and_no_helvetica(built: Path, name: str) -> None:
    out = subprocess.run(
        [require_tool("pdffonts"), str(built / name)], check=True, capture_output=True, text=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Helvetica" not in row
        # columns: name type encoding emb sub uni object-id gen; `emb` is the 5th field from the end
        assert row.split()[-5] == "yes", row


@pytest.mark.parametrize(
    "name", ["programme-booklet.pdf", "programme-booklet-print.pdf", "programme-booklet-imposed.pdf"]
)
def test_qpdf_check_is_clean(built: Path, name: str) -> None:
    run = subprocess.run([require_tool("qpdf"), "--check", str(built / name)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stdout + run.stderr


def test_print_variant_page_boxes_are_exact(printed: Path, tmp_path: Path) -> None:
    pages = qdf_pages(printed, tmp_path)
    assert len(pages) == count(printed)
    for number, page in enumerate(pages, start=1):
        media, trim, bleed = box(page, "MediaBox"), box(page, "TrimBox"), box(page, "BleedBox")
        assert trim is not None and bleed is not None and media is not None, number
        assert trim[2] - trim[0] == pytest.approx(A5[0], abs=0.01)
        assert trim[3] - trim[1] == pytest.approx(A5[1], abs=0.01)
        grown = (trim[0] - BLEED, trim[1] - BLEED, trim[2] + BLEED, trim[3] + BLEED)
        assert bleed == pytest.approx(grown, abs=0.001), number
        room = (bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2], media[3] - bleed[3])
        assert min(room) >= 3 * MM, (number, room)  # the crop marks sit outside the bleed


def test_print_variant_crop_marks_are_outside_the_bleed(printed: Path) -> None:
    reader = PdfReader(printed)
    x0, y0, x1, y1 = (float(v) for v in reader.pages[0]["/BleedBox"])
    segments = page_ops(printed, 1).segments
    marks = [s for s in segments if all(not (x0 < x < x1 and y0 < y < y1) for x, y in s)]
    assert len(marks) >= 8  # two per corner


def _colour_operators(reader: PdfReader, obj: object) -> list[tuple[str, list]]:
    """The colour operators of a page's content stream, with their operands."""
    found = []
    stream = ContentStream(obj, reader)
    for operands, operator in stream.operations:
        op = operator.decode("latin-1")
        if op in ("rg", "RG", "k", "K", "g", "G", "sc", "SC", "scn", "SCN", "cs", "CS"):
            found.append((op, operands))
    return found


def test_print_variant_has_no_rgb_colour(printed: Path, tmp_path: Path) -> None:
    reader = PdfReader(printed)
    for number, page in enumerate(reader.pages, start=1):
        ops = _colour_operators(reader, page.get_contents())
        names = {op for op, _ in ops}
        assert not names & {"rg", "RG"}, number
        spaces = {str(operands[0]) for op, operands in ops if op in ("cs", "CS")}
        assert "/DeviceRGB" not in spaces, number
        assert names & {"k", "K"}, number  # it does draw in CMYK
        resources = page.get("/Resources")
        assert "/DeviceRGB" not in str(resources.get_object().get("/ColorSpace", {}))
    # and nowhere in the file as written (uncompressed): no image or form in RGB either
    qdf = tmp_path / "print.qdf.pdf"
    subprocess.run([require_tool("qpdf"), "--qdf", "--object-streams=disable", str(printed), str(qdf)], check=True)
    raw = qdf.read_bytes()
    assert b"/DeviceRGB" not in raw
    assert re.search(rb"[\d.]+ [\d.]+ [\d.]+ (rg|RG)\b", raw) is None


def test_print_variant_has_the_screen_pages_and_text_then_notes_pages_to_a_multiple_of_four(
    screen: Path, printed: Path
) -> None:
    """A saddle-stitched booklet is folded sheets of four pages (issue 15): the print edition ends
    with "Notes" pages, in the layout's words, until its page count is a multiple of four."""
    assert count(printed) % 4 == 0 and count(screen) <= count(printed) < count(screen) + 4
    for page in range(1, count(screen) + 1):
        assert page_text(printed, page) == page_text(screen, page), page
    for page in range(count(screen) + 1, count(printed) + 1):
        assert page_text(printed, page) == f"Notes Notes {page}", page


def _expected_order(pages: int) -> list[tuple[int, int]]:
    """Booklet order written out: sheet k's front shows (n-2k, 2k+1), its back (2k+2, n-2k-1)."""
    n = math.ceil(pages / 4) * 4
    sides = []
    for k in range(n // 4):
        sides += [(n - 2 * k, 2 * k + 1), (2 * k + 2, n - 2 * k - 1)]
    return sides


def test_imposed_sides_are_a4_landscape_in_booklet_order(screen: Path, imposed: Path) -> None:
    pages = count(screen)
    reader = PdfReader(imposed)
    assert len(reader.pages) == math.ceil(pages / 4) * 4 // 2
    order = _expected_order(pages)
    assert order[0] == (math.ceil(pages / 4) * 4, 1)
    for side, (left, right) in enumerate(order, start=1):
        media = reader.pages[side - 1].mediabox
        assert (float(media.width), float(media.height)) == pytest.approx(A4_LANDSCAPE, abs=0.01)
        half = A4_LANDSCAPE[0] / 2
        found = words(imposed, side)
        for expected, (lo, hi) in ((left, (0, half)), (right, (half, A4_LANDSCAPE[0]))):
            inside = [w for w in found if lo <= (w.x0 + w.x1) / 2 < hi]
            footer = [w.text for w in inside if w.y1 < 16 * MM and w.text.isdigit()]
            if expected > pages:
                assert not inside, (side, expected)  # a padding blank
            elif expected == 1:
                assert any(w.text == "Mekong" for w in inside)  # the cover carries no number
            else:
                assert footer == [str(expected)], (side, expected, footer)


# --- typesetting discipline ---------------------------------------------------------------------


def _headings(screen: Path, data: EventData) -> set[str]:
    heads = {collapse(text) for _, text, _ in contents(screen)}
    heads |= {collapse(p.title) for day in data.days for s in day.sessions for p in s.presentations}
    heads |= {collapse(e.title) for e in data.exhibits}
    return heads


def text_lines(pdf: Path, page: int) -> list[str]:
    """A page's lines top to bottom by position (not poppler's reading order, which reads table columns
    as blocks), without the running head and the page number in the margins."""
    height = float(PdfReader(pdf).pages[page - 1].mediabox.height)
    rows: dict[int, list] = {}
    for w in words(pdf, page):
        if w.y0 > 16 * MM and w.y1 < height - 15 * MM:  # inside the text block
            rows.setdefault(round(w.y0), []).append(w)
    return [" ".join(w.text for w in sorted(rows[y], key=lambda w: w.x0)) for y in sorted(rows, reverse=True)]


def test_no_page_ends_with_a_heading(screen: Path, data: EventData) -> None:
    heads = _headings(screen, data)
    for page in range(2, count(screen) + 1):
        lines = text_lines(screen, page)
        for k in (1, 2, 3):  # a heading may take up to three lines
            tail = collapse(" ".join(lines[-k:]))
            assert tail not in heads, (page, tail)


def test_a_presentation_title_and_its_presenter_share_a_page(screen: Path, data: EventData) -> None:
    people = {p.id: p for p in data.people}
    pages = [page_text(screen, p) for p in range(1, count(screen) + 1)]
    for session in (s for day in data.days for s in day.sessions):
        for pres in session.presentations:
            first = people[pres.presenters[0]]
            named = f"{first.honorific} {first.name}" if first.honorific else first.name
            together = collapse(f"{pres.title} {named}")
            assert any(together in text for text in pages), together


@pytest.mark.parametrize(
    ("part", "header"),
    [
        ("Programme at a glance", r"Time\s+Session\s+Room\s+Chair"),
        ("Country delegations", r"Name\s+Title\s+Organisation"),
    ],
)
def test_tables_repeat_their_header_on_every_page(screen: Path, part: str, header: str) -> None:
    pages = pages_of(screen, part)
    assert len(pages) >= 2  # the sample's tables do continue
    for page in pages:
        assert re.search(header, page_layout(screen, page)), (part, page)


# --- half-letter --------------------------------------------------------------------------------


def test_half_letter_build_has_half_letter_pages_imposed_on_letter(halfletter: Path) -> None:
    for name in ("programme-booklet.pdf", "programme-booklet-print.pdf"):
        reader = PdfReader(halfletter / name)
        assert len(reader.pages) >= 8
    screen = PdfReader(halfletter / "programme-booklet.pdf")
    for page in screen.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(HALF_LETTER, abs=0.01)
    sides = PdfReader(halfletter / "programme-booklet-imposed.pdf").pages
    assert len(sides) == math.ceil(len(screen.pages) / 4) * 4 // 2
    for side in sides:
        assert (float(side.mediabox.width), float(side.mediabox.height)) == pytest.approx(LETTER_LANDSCAPE, abs=0.01)
    trim = PdfReader(halfletter / "programme-booklet-print.pdf").pages[0]["/TrimBox"]
    x0, y0, x1, y1 = (float(v) for v in trim)
    assert (x1 - x0, y1 - y0) == pytest.approx(HALF_LETTER, abs=0.01)


# --- renderer bugs found on the built booklet ---------------------------------------------------


@pytest.mark.parametrize("part", ["Contents", "Index of participants and speakers"])
def test_every_page_number_sits_on_the_baseline_of_its_entrys_line(screen: Path, part: str) -> None:
    """Word boxes of one font on one baseline share their bottom edge; entries in every script are
    checked through their Latin first word (the number's font), native-script lines included."""
    for page in pages_of(screen, part):
        found = words(screen, page)
        numbers = [
            w for w in found if re.fullmatch(r"\d+,?", w.text) and w.x0 > A5[0] / 2 and w.y0 > A5[1] / 10
        ]  # not the folio
        assert numbers, page
        for number in numbers:
            left = [w for w in found if w.x1 < number.x0 - 20 and abs(w.y0 - number.y0) < 6]
            assert left, (page, number.text)
            nearest = min(left, key=lambda w: abs(w.y0 - number.y0))
            assert nearest.y0 == pytest.approx(number.y0, abs=0.5), (page, number.text, nearest.text)


def test_index_page_numbers_sit_on_the_baseline_of_their_entry(screen: Path) -> None:
    for page in pages_of(screen, "Index of participants and speakers"):
        found = words(screen, page)
        for name, _ in index_entries(screen):
            first = next((w for w in found if w.text == latin(name).split()[0]), None)
            if first is None:
                continue  # on the other index page
            numbers = [w for w in found if w.x0 > first.x1 + 100 and abs(w.y0 - first.y0) < 6]
            assert numbers, name
            for number in numbers:
                assert number.y0 == pytest.approx(first.y0, abs=0.5), (name, number.text)
