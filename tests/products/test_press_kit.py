"""The press kit as built: the DOCX communications staff edit in Word, and its PDF twin (issue 5).

Specifications on the real product: the sample event is built once per module with `run_build`
(`--only press-kit`), once more with a user's reference .docx, and both DOCX files are converted by
LibreOffice in one run. LibreOffice is the judge of what a reader of the DOCX sees; the DOCX's own XML
is the judge of what Word sees (named styles, links, script marking, fields, properties); pdftotext on
the PDF twin is the judge of "same text".

Facts are the seed's, written out here as the seed prints them, so the kit cannot drift from them.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import seedfacts
from briefpack.assemble.context import BuildOptions
from briefpack.assemble.products import PressKit
from briefpack.assemble.run import run_build
from briefpack.cli import main
from briefpack.compose.common import tel_uri
from briefpack.fonts import FontSet
from briefpack.layout.load import load_layout
from briefpack.model.event import EventData
from briefpack.model.validate import load_event
from eventdirs import SAMPLE, sample_event
from render.docx.docx_parts import (
    NS,
    Docx,
    canonical,
    paragraph_style,
    paragraph_text,
    pdf_fonts,
    pdf_text,
    require_tool,
    w,
)
from render.docx.libreoffice import convert_with_libreoffice
from render.docx.probes import (
    REFERENCE_BODY_FONT,
    REFERENCE_HEADING_COLOUR,
    REFERENCE_HEADING_FONT,
    make_reference,
)
from render.pdf.pdf_reading import page_count

pytestmark = pytest.mark.slow

EVENT_ID = "mekong-womens-forum-2007"
PART_HEADINGS = (
    "Press release",
    "Media advisory",
    "Fact sheet",
    "Programme summary",
    "Spokespeople and media contacts",
)
SEED_FACTS = (
    *seedfacts.EVENT,
    *seedfacts.AIMS,
    "Opening: Taking a Gender Perspective in Action Against Human Trafficking",
    "Session 1: Information and awareness Raising Campaigns",
    "Session 2: Social Empowerment and Youth Education",
    "Session 3: Sustainable Livelihoods and Economic Empowerment",
    "Session 4: Protection of Migrants at destination",
    "Session 5: Policy Mainstreaming",
    "Cambodia",
    "China",
    "Lao PDR",
    "Thailand",
    "Viet Nam",
)
INFORMATION_CONTACTS = (  # the seed's "For further information, contact:", as printed
    "Allan Dow",
    "Communications Officer",
    "(66-2) 288 2057",
    "(66-8) 9891 5003",
    "dow@ilo.org",
    "Duong Thi Xuan",
    "Head of IEC Department",
    "(84-4) 9719916",
    "(84-4) 9722313",
    "xuan_iec@yahoo.com",
)
NATIVE_NAMES = {  # person id -> (font family, rFonts hint, w:lang attribute, language tag)
    "th-wilaiwan-srisuk": ("Noto Sans Thai", "cs", "bidi", "th-TH"),
    "kh-sok-chantha": ("Noto Sans Khmer", "cs", "bidi", "km-KH"),
    "cn-wang-lihua": ("Noto Sans SC", "eastAsia", "eastAsia", "zh-CN"),
}
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


# --- building once per module ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


@pytest.fixture(scope="module")
def event_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_event(tmp_path_factory.mktemp("press-kit") / "event")


@pytest.fixture(scope="module")
def built(event_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/<event>/ after `--only press-kit` (DOCX and PDF)."""
    out = tmp_path_factory.mktemp("press-kit-out")
    run_build(event_dir, out, BuildOptions(only=frozenset({"press-kit"}), jobs=1))
    return out / EVENT_ID


@pytest.fixture(scope="module")
def kit(built: Path) -> Docx:
    return Docx((built / "press-kit.docx").read_bytes())


@pytest.fixture(scope="module")
def reference_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Heading 1 in red Noto Sans SC; Normal and Body Text (the renderer's body paragraphs) in Noto Sans Lao."""
    path = tmp_path_factory.mktemp("reference") / "house-style.docx"
    return make_reference(path, body_styles=("Normal", "Body Text"))


@pytest.fixture(scope="module")
def restyled(event_dir: Path, reference_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Docx:
    out = tmp_path_factory.mktemp("press-kit-restyled")
    options = BuildOptions(
        only=frozenset({"press-kit"}), formats=frozenset({"docx"}), reference_docx=reference_docx, jobs=1
    )
    run_build(event_dir, out, options)
    return Docx((out / EVENT_ID / "press-kit.docx").read_bytes())


@pytest.fixture(scope="module")
def lo_pdfs(kit: Docx, restyled: Docx, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both DOCX files converted by LibreOffice, with the fonts the build used: one session each, as
    LibreOffice keeps the first document's embedded subset of a family for the whole session."""
    fonts = FontSet.from_roles(load_layout(PressKit.layout).fonts, BuildOptions().project_fonts)
    work = tmp_path_factory.mktemp("press-kit-lo")
    documents = {"kit": kit.data, "restyled": restyled.data}
    return {name: convert_with_libreoffice({name: data}, fonts, work / name)[name] for name, data in documents.items()}


@pytest.fixture(scope="module")
def lo_text(lo_pdfs: dict[str, Path]) -> str:
    return canonical(pdf_text(lo_pdfs["kit"]))


@pytest.fixture(scope="module")
def twin_pages(built: Path) -> list[str]:
    """The PDF twin's text, page by page (pdftotext separates pages with form feeds)."""
    return pdf_text(built / "press-kit.pdf").split("\f")[:-1]


@pytest.fixture(scope="module")
def running_head(kit: Docx) -> str:
    """The running head's text, as the DOCX header holds it (before the tab to the page number)."""
    head = next(iter(kit.headers().values())).find(".//w:p", NS)
    return paragraph_text(head).split("\t")[0]


# --- reading helpers ---------------------------------------------------------------------------------


def style_id(docx: Docx, name: str) -> str:
    style = docx.style_named(name)
    assert style is not None, f"no style named {name!r}"
    return style.get(w("styleId"))


def heading_texts(docx: Docx) -> list[str]:
    h1 = style_id(docx, "heading 1")
    return [paragraph_text(p) for p in docx.paragraphs() if paragraph_style(p) == h1]


def docx_parts(docx: Docx) -> list[list[str]]:
    """Paragraph texts of the front matter and of each part (a part starts at a Heading 1)."""
    h1 = style_id(docx, "heading 1")
    parts: list[list[str]] = [[]]
    for p in docx.paragraphs():
        if paragraph_style(p) == h1:
            parts.append([])
        parts[-1].append(paragraph_text(p))
    return parts


def words(lines: list[str]) -> Counter[str]:
    """Words as a reader sees them. Bullets are list labels, not text; a lone hyphen is left out because
    pdftotext takes one that ends a line for a hyphenation mark and drops it ("school -" + "keeping")."""
    text = unicodedata.normalize("NFC", "\n".join(lines))
    return Counter(word for word in text.split() if word not in ("•", "-"))


def without_bullets(text: str) -> str:
    """Text without list labels: LibreOffice draws a bullet the body font lacks from OpenSymbol, whose
    glyph pdftotext reads as a private-use character."""
    return "".join(ch for ch in text if ch != "•" and unicodedata.category(ch) != "Co")


def without_page_numbers(lines: list[str]) -> list[str]:
    """Contents entries without their page numbers (the DOCX's are estimates until Word updates them);
    pdftotext puts the twin's right-aligned numbers on lines of their own."""
    lines = [re.sub(r"\s+\d+$", "", line) if line.strip().startswith(PART_HEADINGS) else line for line in lines]
    return [line for line in lines if not line.strip().isdigit()]


def twin_contents(pages: list[str], running_head: str) -> list[int]:
    """The page numbers of the twin's contents list, in order (a column of numbers to pdftotext)."""
    return [int(line) for line in page_lines(pages[0], 1, running_head) if line.strip().isdigit()]


def page_lines(page: str, number: int, running_head: str) -> list[str]:
    """A page's non-blank lines without its running head and folio (first or last line: LibreOffice puts
    it in the header, the twin in the footer)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    if lines[:1] == [running_head]:
        lines.pop(0)
    if lines[:1] == [str(number)]:
        lines.pop(0)
    elif lines[-1:] == [str(number)]:
        lines.pop()
    return lines


def twin_parts(pages: list[str], running_head: str) -> list[list[str]]:
    """The PDF twin's lines for the front matter and each part, running heads and folios removed."""
    parts: list[list[str]] = [[]]
    for number, page in enumerate(pages, start=1):
        lines = page_lines(page, number, running_head)
        if lines and lines[0].strip() in PART_HEADINGS[len(parts) - 1 : len(parts)]:
            parts.append([])
        parts[-1].extend(lines)
    return parts


def raw_text(pdf: Path) -> str:
    """pdftotext in content-stream order: a table cell's lines stay together and a hyphen ending a line
    is kept (the default mode drops it as a hyphenation mark)."""
    command = [require_tool("pdftotext"), "-raw", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def body_paragraphs(docx: Docx) -> list[str]:
    """Canonical text of every non-empty body paragraph (table cells included) except the contents
    entries, whose page numbers differ between renderings."""
    toc = {style_id(docx, f"toc {n}") for n in (1, 2, 3) if docx.style_named(f"toc {n}") is not None}
    texts = [paragraph_text(p) for p in docx.paragraphs() if paragraph_style(p) not in toc]
    return [without_bullets(canonical(t)) for t in texts if t.strip()]


def hyperlink_targets(docx: Docx) -> set[str]:
    targets = set()
    for link in docx.document.iterfind(".//w:hyperlink", NS):
        rid = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        if rid is not None:
            targets.add(docx.relationships[rid].get("Target"))
    return targets


def native_name_run(docx: Docx, native: str) -> etree._Element:
    for run in docx.document.iterfind(".//w:r", NS):
        if "".join(t.text or "" for t in run.iterfind("w:t", NS)) == native:
            return run
    raise AssertionError(f"no run holds exactly {native!r}")


# --- what a reader of the DOCX sees (LibreOffice) -----------------------------------------------------


def test_libreoffice_converts_the_kit_with_every_part(lo_text: str) -> None:
    for heading in PART_HEADINGS:
        assert canonical(heading) in lo_text, heading


@pytest.mark.parametrize("fact", SEED_FACTS)
def test_the_seed_facts_come_back(lo_text: str, fact: str) -> None:
    assert canonical(fact) in lo_text


@pytest.mark.parametrize("printed", INFORMATION_CONTACTS)
def test_the_information_contacts_come_back_as_printed(lo_text: str, printed: str) -> None:
    assert canonical(printed) in lo_text


@pytest.mark.parametrize("pdf", ["libreoffice", "twin"])
def test_every_paragraph_of_the_docx_comes_back(kit: Docx, lo_pdfs: dict[str, Path], built: Path, pdf: str) -> None:
    """LibreOffice's rendering of the DOCX and the PDF twin both hold every paragraph, in full."""
    text = without_bullets(canonical(raw_text(lo_pdfs["kit"] if pdf == "libreoffice" else built / "press-kit.pdf")))
    missing = [t for t in body_paragraphs(kit) if t not in text]
    assert not missing, missing[:5]


def test_every_part_starts_a_page_in_libreoffice(lo_pdfs: dict[str, Path], running_head: str) -> None:
    pages = pdf_text(lo_pdfs["kit"]).split("\f")[:-1]
    firsts = [page_lines(page, n, running_head)[:1] for n, page in enumerate(pages, start=1)]
    for heading in PART_HEADINGS:
        assert [heading] in firsts, f"{heading!r} does not open a page"


# --- what Word sees: the DOCX's own XML ----------------------------------------------------------------


def test_the_parts_are_heading_1_paragraphs_in_order(kit: Docx) -> None:
    assert heading_texts(kit) == list(PART_HEADINGS)


def test_every_paragraph_has_a_defined_named_style(kit: Docx) -> None:
    defined = {s.get(w("styleId")) for s in kit.styles.iterfind("w:style[@w:type='paragraph']", NS)}
    parts = ["word/document.xml", *(n for n in kit.members if re.fullmatch(r"word/(header|footer)\d+\.xml", n))]
    for name in parts:
        paragraphs = kit.xml(name).findall(".//w:p", NS)
        assert paragraphs, name
        unstyled = [paragraph_text(p)[:50] for p in paragraphs if paragraph_style(p) not in defined]
        assert not unstyled, f"{name}: paragraphs without a defined style: {unstyled[:5]}"


def test_every_table_has_a_defined_table_style(kit: Docx) -> None:
    defined = {s.get(w("styleId")) for s in kit.styles.iterfind("w:style[@w:type='table']", NS)}
    tables = kit.document.findall(".//w:tbl", NS)
    assert len(tables) >= 2 + 5, "the two day timetables and the five countries' speaking slots"
    for table in tables:
        style = table.find("w:tblPr/w:tblStyle", NS)
        assert style is not None and style.get(w("val")) in defined


def test_every_hyperlink_has_a_target(kit: Docx) -> None:
    bookmarks = {b.get(w("name")) for b in kit.document.iterfind(".//w:bookmarkStart", NS)}
    links = kit.document.findall(".//w:hyperlink", NS)
    assert links
    for link in links:
        rid = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        if rid is None:
            assert link.get(w("anchor")) in bookmarks
        else:
            rel = kit.relationships[rid]
            assert rel.get("TargetMode") == "External"
            assert rel.get("Target")


def test_media_contacts_have_mailto_and_tel_links(kit: Docx, data: EventData) -> None:
    people = {p.id: p for p in data.people}
    contacts = [people[c.person] for c in data.contacts]
    assert {c.purpose for c in data.contacts} == {"information", "press"}
    targets = hyperlink_targets(kit)
    for person in contacts:
        assert person.email and f"mailto:{person.email}" in targets, person.id
        for number in (person.phone, person.mobile):
            if number:
                assert tel_uri(number) in targets, (person.id, number)
    assert tel_uri("(66-2) 288 2057") == "tel:+6622882057"  # Allan Dow's Tel as the seed prints it


@pytest.mark.parametrize("person_id", NATIVE_NAMES)
def test_native_script_names_are_marked_for_their_script(kit: Docx, data: EventData, person_id: str) -> None:
    family, hint, lang_attr, tag = NATIVE_NAMES[person_id]
    person = next(p for p in data.people if p.id == person_id)
    rpr = native_name_run(kit, person.native_name).find("w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS)
    assert {slot: fonts.get(w(slot)) for slot in FONT_SLOTS} == dict.fromkeys(FONT_SLOTS, family)
    assert fonts.get(w("hint")) == hint
    assert rpr.find("w:lang", NS).get(w(lang_attr)) == tag
    if hint == "cs":
        assert rpr.find("w:cs", NS) is not None
        assert rpr.find("w:szCs", NS) is not None


def test_contents_is_a_prefilled_toc_field_that_word_refreshes(kit: Docx) -> None:
    instructions = [t.text.strip() for t in kit.document.iterfind(".//w:instrText", NS)]
    assert any(i.startswith("TOC ") for i in instructions)
    toc1 = style_id(kit, "toc 1")
    entries = [paragraph_text(p).split("\t")[0] for p in kit.paragraphs() if paragraph_style(p) == toc1]
    assert entries == list(PART_HEADINGS)
    update = kit.settings.find("w:updateFields", NS)
    assert update is not None and update.get(w("val")) in ("true", "1", None)


def test_running_heads_carry_the_event_name_and_a_page_field(kit: Docx, data: EventData) -> None:
    heads = {n: kit.xml(n) for n in kit.members if re.fullmatch(r"word/(header|footer)\d+\.xml", n)}
    assert heads
    text = " ".join(paragraph_text(p) for x in heads.values() for p in x.iterfind(".//w:p", NS))
    assert data.event.name in text
    fields = [t.text.strip() for x in heads.values() for t in x.iterfind(".//w:instrText", NS)]
    fields += [f.get(w("instr")).strip() for x in heads.values() for f in x.iterfind(".//w:fldSimple", NS)]
    assert "PAGE" in fields


def test_document_properties(kit: Docx, data: EventData) -> None:
    core = kit.xml("docProps/core.xml")
    ev = data.event
    host = next(o for o in data.organisations if o.id == ev.host)
    assert ev.name in core.findtext("dc:title", namespaces=NS)
    assert core.findtext("dc:subject", namespaces=NS) == ev.theme
    assert core.findtext("dc:creator", namespaces=NS) == host.name
    keywords = core.findtext("cp:keywords", namespaces=NS)
    for country in ("Cambodia", "China", "Lao PDR", "Thailand", "Viet Nam"):
        assert country in keywords
    assert core.findtext("dc:language", namespaces=NS) == "en"


# --- the PDF twin ----------------------------------------------------------------------------------------


def test_the_pdf_twin_has_the_text_of_the_docx_part_by_part(
    kit: Docx, twin_pages: list[str], running_head: str
) -> None:
    docx = docx_parts(kit)
    twin = twin_parts(twin_pages, running_head)
    assert len(twin) == len(docx) == 1 + len(PART_HEADINGS), "every part starts a page of the twin"
    for i, (mine, theirs) in enumerate(zip(docx, twin, strict=True)):
        name = PART_HEADINGS[i - 1] if i else "front matter"
        if not i:
            mine, theirs = without_page_numbers(mine), without_page_numbers(theirs)
        diff_docx, diff_twin = words(mine) - words(theirs), words(theirs) - words(mine)
        assert not diff_docx and not diff_twin, f"{name}: only in DOCX {diff_docx}; only in PDF {diff_twin}"


def test_the_twin_contents_gives_the_pages_the_parts_start_on(twin_pages: list[str], running_head: str) -> None:
    numbers = twin_contents(twin_pages, running_head)
    assert len(numbers) == len(PART_HEADINGS)
    for heading, page in zip(PART_HEADINGS, numbers, strict=True):
        assert page_lines(twin_pages[page - 1], page, running_head)[0] == heading, (heading, page)


def test_the_docx_contents_shows_no_wrong_page_number_in_libreoffice(lo_pdfs: dict[str, Path], kit: Docx) -> None:
    """LibreOffice shows field results as written: the contents lists every part, and any page number it
    shows is the page that part really starts on in the same conversion (briefpack writes none)."""
    pdf = lo_pdfs["kit"]
    pages = [pdf_text(pdf, n, n) for n in range(1, page_count(pdf) + 1)]
    starts = {
        heading: next(n for n, page in enumerate(pages, 1) if n > 1 and heading in page) for heading in PART_HEADINGS
    }
    contents = [line.strip() for line in pages[0].splitlines() if line.strip().startswith(PART_HEADINGS)]
    assert [next(h for h in PART_HEADINGS if line.startswith(h)) for line in contents] == list(PART_HEADINGS)
    for line in contents:
        heading = next(h for h in PART_HEADINGS if line.startswith(h))
        shown = re.findall(r"\d+", line[len(heading) :])
        assert shown in ([], [str(starts[heading])]), (line, starts[heading])
    fields = [t.text.strip() for t in kit.document.iterfind(".//w:instrText", NS)]
    assert any(f.startswith("TOC ") for f in fields)  # Word regenerates it, numbers included, on update


# --- restyling with a reference .docx --------------------------------------------------------------------


def test_the_reference_styles_are_in_the_restyled_kit(restyled: Docx) -> None:
    heading = restyled.style_named("heading 1").find("w:rPr", NS)
    assert {heading.find("w:rFonts", NS).get(w(s)) for s in FONT_SLOTS} == {REFERENCE_HEADING_FONT}
    assert heading.find("w:color", NS).get(w("val")) == REFERENCE_HEADING_COLOUR
    for name in ("Normal", "Body Text"):
        fonts = restyled.style_named(name).find("w:rPr/w:rFonts", NS)
        assert {fonts.get(w(s)) for s in FONT_SLOTS} == {REFERENCE_BODY_FONT}, name
    body = style_id(restyled, "Body Text")
    assert any(paragraph_style(p) == body for p in restyled.paragraphs()), "the body uses Body Text"


def test_restyling_changes_no_text(kit: Docx, restyled: Docx) -> None:
    assert [paragraph_text(p) for p in restyled.paragraphs()] == [paragraph_text(p) for p in kit.paragraphs()]
    assert heading_texts(restyled) == list(PART_HEADINGS)


def test_the_restyled_kit_converts_and_shows_the_new_heading_font(lo_pdfs: dict[str, Path], kit: Docx) -> None:
    """Compared on Basic Latin only: Noto Sans Lao has no Vietnamese letters, so LibreOffice draws them
    from a fallback font (they look right) that pdftotext cannot read back ("Thị" comes out "Th")."""
    text = "".join(ch for ch in without_bullets(canonical(raw_text(lo_pdfs["restyled"]))) if ord(ch) < 128)
    missing = [t for t in body_paragraphs(kit) if "".join(ch for ch in t if ord(ch) < 128) not in text]
    assert not missing, missing[:5]
    fonts = pdf_fonts(lo_pdfs["restyled"])
    assert any(f.startswith("NotoSansSC") for f in fonts), fonts
    assert any(f.startswith("NotoSansLao") for f in fonts), fonts


# --- the command line ---------------------------------------------------------------------------------------


def test_only_press_kit_format_docx_writes_only_the_docx(event_dir: Path, tmp_path: Path) -> None:
    status = main(["build", str(event_dir), "-o", str(tmp_path), "--only", "press-kit", "--format", "docx", "-j", "1"])
    assert status == 0
    written = sorted(p.name for p in (tmp_path / EVENT_ID).iterdir() if p.suffix in (".docx", ".pdf", ".zip"))
    assert written == ["press-kit.docx"]
