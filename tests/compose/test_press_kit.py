"""The press kit, read on the document model: what a journalist and a press officer rely on.

Composed from the sample event (the starter event when the sample does not load), so every check
runs on real data. Expected values are computed from the data here, independently of the composer,
and labels are rendered from the same layout, so the tests state what the kit must say rather than
how the composer words it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest

from briefpack.compose.common import display_name, tel_uri
from briefpack.compose.press_kit import compose_press_kit
from briefpack.document.model import (
    Block,
    BulletList,
    Cell,
    Document,
    Heading,
    KeepTogether,
    KeyValue,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableOfContents,
)
from briefpack.document.walk import walk
from briefpack.errors import UserError
from briefpack.layout.load import LAYOUTS_DIR, load_layout
from briefpack.layout.model import Layout
from briefpack.layout.text import Fragments
from briefpack.model.event import EventData, Person
from briefpack.model.validate import load_event
from eventdirs import SAMPLE, starter_event

LAYOUT = load_layout("report-a4")
TEXT = Fragments(LAYOUT)
PARTS = ("press_release", "press_advisory", "press_fact_sheet", "press_programme", "press_spokespeople")


@pytest.fixture(scope="module", params=["sample", "starter"])
def data(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> EventData:
    """Both the rich sample and the minimal starter: the kit must read well with little data too."""
    if request.param == "sample":
        return load_event(SAMPLE).data
    return load_event(starter_event(tmp_path_factory.mktemp("press") / "event")).data


@pytest.fixture(scope="module")
def doc(data: EventData) -> Document:
    return compose_press_kit(data, TEXT)


# --- reading the document ----------------------------------------------------------------------------


def block_runs(block: Block) -> Iterator[Run]:
    if isinstance(block, Paragraph | Heading):
        yield from block.content
    elif isinstance(block, BulletList):
        for item in block.items:
            yield from item
    elif isinstance(block, KeyValue):
        for key, value in block.pairs:
            yield Run(key)
            yield from value


def all_runs(blocks: tuple[Block, ...] | list[Block]) -> list[Run]:
    return [run for block in walk(blocks) for run in block_runs(block)]


def plain(runs: tuple[Run, ...] | list[Run]) -> str:
    return "".join(r.text for r in runs)


def cell_text(c: Cell) -> str:
    return " ".join(plain(list(block_runs(b))) for b in walk(c.content))


def parts(doc: Document) -> dict[str, list[Block]]:
    """Fragment name of each part -> its top-level blocks, from its heading to the next part's."""
    names = {TEXT.render(p): p for p in PARTS}
    out: dict[str, list[Block]] = {}
    current: list[Block] | None = None
    for block in doc.blocks():
        if isinstance(block, Heading) and block.level == 1:
            current = out.setdefault(names[block.text], [])
        if current is not None:
            current.append(block)
    return out


def date_long(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def press_people(data: EventData) -> list[Person]:
    """Everyone part 5 must list: spokespeople, press officers and every contact."""
    ids = [p.id for p in data.people if {"spokesperson", "press"} & set(p.roles)]
    ids += [c.person for c in data.contacts]
    people = {p.id: p for p in data.people}
    return [people[i] for i in dict.fromkeys(ids)]


# --- structure ---------------------------------------------------------------------------------------


def test_parts_are_top_level_headings_in_order_each_on_a_new_page(doc: Document) -> None:
    blocks = doc.blocks()
    headings = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    assert [h.text for _, h in headings] == [TEXT.render(p) for p in PARTS]
    for i, heading in headings:
        assert heading.outline and heading.anchor
        assert isinstance(blocks[i - 1], PageBreak), f"no page break before {heading.text}"
    anchors = [b.anchor for b in walk(blocks) if isinstance(b, Heading | Paragraph) and b.anchor]
    assert len(anchors) == len(set(anchors)), "anchors must be unique for bookmarks and links"


def test_contents_follow_the_title_block(doc: Document, data: EventData) -> None:
    blocks = doc.blocks()
    toc = next(i for i, b in enumerate(blocks) if isinstance(b, TableOfContents))
    first_part = next(i for i, b in enumerate(blocks) if isinstance(b, Heading))
    assert toc < first_part
    title = [b for b in blocks[:toc] if isinstance(b, Paragraph) and b.style == "title"]
    assert title and data.event.name in plain(title[0].content)
    assert doc.metadata.title and data.event.name in doc.metadata.title


# --- 1. press release --------------------------------------------------------------------------------


def test_dateline_names_the_city_and_the_first_day(doc: Document, data: EventData) -> None:
    release = parts(doc)["press_release"]
    city = data.event.city.upper()
    datelines = [b for b in walk(release) if isinstance(b, Paragraph) and plain(b.content).startswith(city)]
    assert datelines, f"no paragraph opens with the dateline {city!r}"
    first = datelines[0].content[0]
    assert first.style == "strong" and date_long(data.event.start_date) in first.text


def test_theme_and_every_aim_appear_verbatim(doc: Document, data: EventData) -> None:
    for name in ("press_release", "press_advisory"):
        text = plain(all_runs(parts(doc)[name]))
        assert data.event.theme and data.event.theme in text
    for name in ("press_release", "press_fact_sheet"):
        items = [plain(item) for b in walk(parts(doc)[name]) if isinstance(b, BulletList) for item in b.items]
        for aim in data.event.aims:
            assert aim in items, f"aim missing from {name}: {aim}"


def test_quote_block_when_the_data_has_a_quote(doc: Document, data: EventData) -> None:
    quotes = [b for b in walk(parts(doc)["press_release"]) if isinstance(b, Paragraph) and b.style == "quote"]
    quote = data.event.quote
    if quote is None:
        assert not quotes
        return
    person = next(p for p in data.people if p.id == quote.person)
    text = " ".join(plain(q.content) for q in quotes)
    assert quote.text in text and person.name in text
    if person.title:
        assert person.title in text


def test_release_ends_with_organisers_then_ends_then_media_contacts(doc: Document, data: EventData) -> None:
    release = list(walk(parts(doc)["press_release"]))
    texts = [plain(list(block_runs(b))) for b in release]
    about = texts.index(TEXT.render("press_about_organisers"))
    ends = texts.index(TEXT.render("press_ends"))
    assert about < ends
    organisations = {o.id: o for o in data.organisations}
    for org_id in (data.event.host, *data.event.partners):
        assert any(organisations[org_id].name in t for t in texts[about:ends])
    press = [c.person for c in data.contacts if c.purpose == "press"]
    wanted = press or [c.person for c in data.contacts if c.purpose == "information"]
    people = {p.id: p for p in data.people}
    after = " ".join(texts[ends:])
    for pid in wanted:
        assert display_name(people[pid]) in after


# --- 2. media advisory -------------------------------------------------------------------------------


def test_advisory_answers_what_when_where_who_interviews_contact(doc: Document, data: EventData) -> None:
    kvs = [b for b in walk(parts(doc)["press_advisory"]) if isinstance(b, KeyValue)]
    assert len(kvs) == 1
    pairs = dict((k, plain(v)) for k, v in kvs[0].pairs)
    labels = ["press_what_label", "when_label", "where_label", "press_who_label", "press_interviews_label"]
    if data.contacts:
        labels.append("press_contact_label")
    assert list(pairs) == [TEXT.render(label) for label in labels]
    assert all(v.strip() for v in pairs.values())
    assert date_long(data.event.end_date) in pairs[TEXT.render("when_label")]
    if data.event.venue:
        assert data.event.venue.name in pairs[TEXT.render("where_label")]


# --- 3. fact sheet -----------------------------------------------------------------------------------


def test_fact_sheet_numbers_are_counted_from_the_data(doc: Document, data: EventData) -> None:
    codes = list(dict.fromkeys(d.country for d in data.delegations)) or [c.code for c in data.countries]
    sessions = [s for day in data.days for s in day.sessions if s.kind in {"opening", "session", "recommendations"}]
    expected = {
        "countries": len(codes),
        "delegations": len(data.delegations),
        "days": len(data.days),
        "sessions": len(sessions),
        "participants": len(data.people),
        "organisations": len(data.organisations),
    }
    kvs = [b for b in walk(parts(doc)["press_fact_sheet"]) if isinstance(b, KeyValue)]
    numbers = dict((k, plain(v)) for k, v in kvs[0].pairs)
    for what, n in expected.items():
        if n:
            assert numbers[TEXT.render("press_count_label", what=what, n=n)] == str(n)
    by_kind = dict((k, plain(v)) for k, v in kvs[1].pairs)
    assert by_kind == {
        TEXT.render("press_org_kind", kind=kind, n=n): str(n)
        for kind, n in Counter(o.kind for o in data.organisations).items()
    }


def test_fact_sheet_lists_the_technical_topics(doc: Document, data: EventData) -> None:
    topics = [s for day in data.days for s in day.sessions if s.kind in {"opening", "session"}]
    # A topic with a description is a heading over it; one without is a line of its own.
    listed = [
        "".join(r.text for r in b.content)
        for b in walk(parts(doc)["press_fact_sheet"])
        if (isinstance(b, Heading) and b.level == 3) or (isinstance(b, Paragraph) and b.content[0].style == "strong")
    ]
    for session in topics:
        assert any(h.endswith(session.title) for h in listed), session.title


# --- 4. programme summary ----------------------------------------------------------------------------


def test_timetable_has_one_table_per_day_with_every_session(doc: Document, data: EventData) -> None:
    tables = [b for b in parts(doc)["press_programme"] if isinstance(b, Table)]
    for day, table in zip(data.days, tables, strict=False):
        assert [cell_text(c) for c in table.header[0].cells] == [
            TEXT.render(k) for k in ("time_label", "session_label", "room_label")
        ]
        assert len(table.rows) == len(day.sessions)
        for session, row in zip(day.sessions, table.rows, strict=True):
            assert cell_text(row.cells[0]).startswith(f"{session.start:%H:%M}")
            assert cell_text(row.cells[1]).endswith(session.title)
            assert cell_text(row.cells[2]) == (session.room or "")


def expected_slots(data: EventData) -> dict[str, list[tuple[str, str, list[str]]]]:
    """Delegation id -> (session id, start time, names) of each speaking slot, read straight from the data:
    sessions its people chair, presentations they give, and its recommendations brief."""
    people = {p.id: p for p in data.people}
    out: dict[str, list[tuple[str, str, list[str]]]] = {}
    for dele in data.delegations:
        members = {dele.head, *dele.members} - {None}
        slots = []
        for day in data.days:
            for session in day.sessions:
                chairs = [p for p in session.chairs if p in members]
                if chairs:
                    slots.append((session.id, f"{session.start:%H:%M}", chairs))
                for pres in session.presentations:
                    presenters = [p for p in pres.presenters if p in members]
                    if presenters:
                        slots.append((session.id, f"{session.start:%H:%M}", presenters))
                if dele.brief and dele.brief.session == session.id:
                    slots.append((session.id, f"{dele.brief.start:%H:%M}", list(dele.brief.presenters)))
        out[dele.id] = [(sid, start, [display_name(people[p]) for p in ids]) for sid, start, ids in slots]
    return out


def test_each_country_has_exactly_its_speaking_slots(doc: Document, data: EventData) -> None:
    blocks = parts(doc)["press_programme"]
    countries = {c.code: c.name for c in data.countries}
    sessions = {s.id: s for day in data.days for s in day.sessions}
    for dele in data.delegations:
        index = next(
            i
            for i, b in enumerate(blocks)
            if isinstance(b, Heading) and b.level == 3 and b.content[0].text == countries[dele.country]
        )
        slots = expected_slots(data)[dele.id]
        after = blocks[index + 1]
        if not slots:
            assert isinstance(after, Paragraph)
            continue
        assert isinstance(after, Table)
        assert len(after.rows) == len(slots), dele.id
        for row, (sid, start, names) in zip(after.rows, slots, strict=True):
            when, session, who = (cell_text(c) for c in row.cells)
            assert start in when
            assert session.endswith(sessions[sid].title)
            for name in names:
                assert name in who


# --- 5. spokespeople and media contacts --------------------------------------------------------------


def test_every_spokesperson_and_contact_has_working_links(doc: Document, data: EventData) -> None:
    part = parts(doc)["press_spokespeople"]
    runs = all_runs(part)
    text = plain(runs)
    links = {(r.text, r.link) for r in runs if r.link}
    wanted = press_people(data)
    assert wanted, "the event names no spokesperson or contact"
    for person in wanted:
        assert display_name(person) in text
        if person.email:
            assert (person.email, f"mailto:{person.email}") in links
        for number in (person.phone, person.mobile):
            if number:
                assert (number, tel_uri(number)) in links
                assert tel_uri(number).startswith("tel:")
        if person.title:
            assert person.title in text


def test_languages_spoken_are_named_not_coded(doc: Document, data: EventData) -> None:
    label = TEXT.render("press_languages_label")
    by_name = {display_name(p): p for p in press_people(data)}
    entries = [b for b in parts(doc)["press_spokespeople"] if isinstance(b, KeepTogether)]
    assert len(entries) == len(by_name)
    for entry in entries:
        person = by_name[entry.blocks[0].content[0].text]  # type: ignore[union-attr]
        pairs = {k: plain(v) for b in entry.blocks if isinstance(b, KeyValue) for k, v in b.pairs}
        names = list(dict.fromkeys(TEXT.render("press_language", tag=tag) for tag in person.languages))
        assert pairs.get(label, "") == ", ".join(names), person.id
        unnamed = [tag for tag in person.languages if TEXT.render("press_language", tag=tag) == tag]
        assert not unnamed, f"add {unnamed} to press_language.j2"


def test_native_names_carry_their_country_language(doc: Document, data: EventData) -> None:
    runs = all_runs(parts(doc)["press_spokespeople"])
    languages = {c.code: c.language for c in data.countries}
    checked = 0
    for person in press_people(data):
        if person.native_name and person.native_name != person.name:
            tagged = [r for r in runs if r.text == person.native_name]
            assert tagged, person.id
            assert all(r.lang == languages.get(person.country or "") for r in tagged), person.id
            checked += 1
    assert checked or not any(p.native_name for p in press_people(data))


# --- the whole kit -----------------------------------------------------------------------------------


def test_no_text_is_empty_or_leaks_a_template(doc: Document) -> None:
    for block in walk(doc.blocks()):
        if isinstance(block, Paragraph | Heading):
            assert plain(block.content).strip(), block
        if isinstance(block, KeyValue):
            assert all(k.strip() and plain(v).strip() for k, v in block.pairs), block
        if isinstance(block, BulletList):
            assert all(plain(item).strip() for item in block.items)
        if isinstance(block, TableOfContents):
            assert block.title.strip()
    for run in all_runs(doc.blocks()):
        assert run.text, "empty run"
        assert "None" not in run.text and "{{" not in run.text and "\n" not in run.text, run.text


def test_user_text_passes_through_unchanged(data: EventData) -> None:
    hostile = "AT&T <b>\"Forum\"</b> & 'Co' <script>"
    event = data.event.model_copy(
        update={
            "name": f"{hostile} Summit",
            "theme": f"Theme {hostile}",
            "description": [f"Body {hostile}", *data.event.description[1:]],
            "aims": [f"Aim {hostile}", *data.event.aims[1:]],
        }
    )
    spokesperson = press_people(data)[0]
    renamed = spokesperson.model_copy(update={"name": f"Person {hostile}", "title": f"Title {hostile}"})
    people = [renamed if p.id == spokesperson.id else p for p in data.people]
    doc = compose_press_kit(data.model_copy(update={"event": event, "people": people}), TEXT)
    texts = [r.text for r in all_runs(doc.blocks())]
    joined = "\n".join(texts)
    for value in (event.name, event.theme, f"Body {hostile}", f"Aim {hostile}", renamed.name, f"Title {hostile}"):
        assert value in joined, value
    assert f"Aim {hostile}" in texts and f"Body {hostile}" in texts
    assert doc.metadata.title and event.name in doc.metadata.title


def test_words_come_from_the_layout_not_from_python(data: EventData) -> None:
    """With every fragment replaced by a marker, what is left once data is removed holds no letters."""
    marked = LAYOUT.model_copy(update={"text": {name: f"[{name}]" for name in LAYOUT.text}})
    doc = compose_press_kit(data, Fragments(marked))
    values: set[str] = set()

    def collect(node: object) -> None:
        if isinstance(node, str):
            values.add(node)
        elif isinstance(node, dict):
            for v in node.values():
                collect(v)
        elif isinstance(node, list | tuple):
            for v in node:
                collect(v)

    collect(data.model_dump())
    values |= {display_name(p) for p in data.people}
    values |= {f"{data.event.name} {data.event.edition}"}
    markers = {f"[{name}]" for name in LAYOUT.text}
    for run in all_runs(doc.blocks()):
        rest = run.text
        for value in sorted(markers | values, key=len, reverse=True):
            rest = rest.replace(value, "")
        assert not any(ch.isalpha() for ch in rest), f"words not from the layout or the data: {run.text!r}"


def test_undefined_name_in_a_fragment_is_a_user_error_naming_it(data: EventData) -> None:
    broken: Layout = LAYOUT.model_copy(
        update={"text": {**LAYOUT.text, "press_headline": "{{ event.name }} {{ no_such_thing.city }}"}}
    )
    with pytest.raises(UserError) as caught:
        compose_press_kit(data, Fragments(broken))
    message = str(caught.value)
    assert "press_headline" in message and "no_such_thing" in message


def test_every_press_fragment_is_its_own_file() -> None:
    folder = LAYOUTS_DIR / "base" / "text"
    used = {name for name in LAYOUT.text if name.startswith("press_")}
    assert used == {p.stem for p in folder.glob("press_*.j2")}
    assert {p for p in PARTS} <= used
