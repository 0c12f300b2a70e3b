"""Briefing packets: each delegation gets its own roster, its own slots highlighted in the full timetable,
the sessions featuring its country, its brief and nobody else's, whom to contact and practical notes.

Expectations are computed here from the sample data, independently of the composer, so a composer bug
cannot agree with itself. Gaps in the data (no members, no head, no brief) still give a packet and a
note for the build summary.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefpack.assemble.notes import packet_notes
from briefpack.assemble.slugs import delegation_slug, delegation_slugs, find_delegation
from briefpack.compose.common import display_name
from briefpack.compose.packet import compose_packet, packet_contacts
from briefpack.compose.recipients import RECIPIENTS_HEADER, compose_recipients
from briefpack.document.model import (
    Block,
    BulletList,
    Card,
    CardGrid,
    Document,
    Heading,
    Image,
    KeepTogether,
    KeyValue,
    Paragraph,
    Run,
    ScheduleGrid,
    Section,
    Table,
)
from briefpack.errors import UserError
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.event import Country, Delegation, EventData, Person
from briefpack.model.validate import load_event
from briefpack.render.csv import render_csv
from eventdirs import SAMPLE

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# --- fixtures and helpers -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


@pytest.fixture(scope="module")
def text() -> Fragments:
    return Fragments(load_layout("base"))


def run_texts(block: Block | Card) -> Iterator[str]:
    """Every piece of text a block shows, depth first."""
    if isinstance(block, Paragraph | Heading):
        yield "".join(r.text for r in block.content)
    elif isinstance(block, BulletList):
        yield from ("".join(r.text for r in item) for item in block.items)
    elif isinstance(block, Table):
        for row in (*block.header, *block.rows):
            for c in row.cells:
                for b in c.content:
                    yield from run_texts(b)
    elif isinstance(block, KeyValue):
        for label, value in block.pairs:
            yield label
            yield "".join(r.text for r in value)
    elif isinstance(block, ScheduleGrid):
        yield "".join(r.text for r in block.title)
        for item in block.items:
            yield "".join(r.text for r in (*item.title, *item.detail))
            yield item.place
    elif isinstance(block, KeepTogether):
        for b in block.blocks:
            yield from run_texts(b)
    elif isinstance(block, CardGrid):
        for card in block.cards:
            yield from run_texts(card)
    elif isinstance(block, Card):
        for line in block.lines:
            yield from run_texts(line)
    elif isinstance(block, Image):
        yield block.alt


def all_text(doc: Document) -> str:
    return "\n".join(t for b in doc.blocks() for t in run_texts(b))


def section_with(doc: Document, anchor: str) -> Section:
    """The section holding the level-1 heading with this anchor."""
    for section in doc.sections:
        if any(isinstance(b, Heading) and b.anchor == anchor for b in section.blocks):
            return section
    raise AssertionError(f"no section with heading `{anchor}`")


def part(doc: Document, anchor: str) -> list[Block]:
    """The blocks from the level-1 heading with this anchor up to the next level-1 heading."""
    blocks = list(doc.blocks())
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and b.anchor == anchor:
            end = next(
                (j for j in range(i + 1, len(blocks)) if isinstance(blocks[j], Heading) and blocks[j].level == 1),
                len(blocks),
            )
            return blocks[i:end]
    return []


def part_text(doc: Document, anchor: str) -> str:
    return "\n".join(t for b in part(doc, anchor) for t in run_texts(b))


def members_of(dele: Delegation) -> list[str]:
    return ([dele.head] if dele.head else []) + [m for m in dele.members if m != dele.head]


def people(data: EventData) -> dict[str, Person]:
    return {p.id: p for p in data.people}


def expected_own_slots(data: EventData, dele: Delegation) -> set[str]:
    """The rule, restated: chairs or presents, the brief's session, and every recommendations segment."""
    who = set(members_of(dele))
    own = set()
    for day in data.days:
        for s in day.sessions:
            if (
                s.kind == "recommendations"
                or who & set(s.chairs)
                or any(who & set(p.presenters) for p in s.presentations)
            ):
                own.add(s.id)
    if dele.brief:
        own.add(dele.brief.session)
    return own


def expected_featured(data: EventData, dele: Delegation) -> list[str]:
    who = set(members_of(dele))
    return [
        s.id
        for day in data.days
        for s in day.sessions
        if dele.country in s.focus_countries
        or any(p.country == dele.country for p in s.presentations)
        or any(who & set(p.presenters) for p in s.presentations)
    ]


def grids(doc: Document) -> list[ScheduleGrid]:
    return [b for b in doc.blocks() if isinstance(b, ScheduleGrid)]


def with_delegation(data: EventData, dele_id: str, **changes: object) -> EventData:
    """The event with one delegation changed (models are frozen, so this is a copy)."""
    delegations = [d.model_copy(update=changes) if d.id == dele_id else d for d in data.delegations]
    return data.model_copy(update={"delegations": delegations})


# --- the sample as a whole ----------------------------------------------------------------------


def test_the_sample_exercises_packets(data: EventData) -> None:
    """Guard against vacuous passes: several delegations, heads, briefs and speaking slots to check."""
    assert len(data.delegations) >= 2
    assert all(d.head and d.members and d.brief for d in data.delegations)
    own = [expected_own_slots(data, d) for d in data.delegations]
    assert len({frozenset(o) for o in own}) > 1, "every delegation has the same slots: the test proves little"


def test_every_delegation_composes_a_packet_with_cover_first(data: EventData, text: Fragments) -> None:
    for dele in data.delegations:
        doc = compose_packet(data, dele.id, text)
        assert doc.sections[0].template == "cover"
        assert data.event.name in all_text(doc)
        assert doc.metadata.title


def test_cover_names_the_delegation_in_english_and_its_own_script(data: EventData, text: Fragments) -> None:
    countries = {c.code: c for c in data.countries}
    for dele in data.delegations:
        country = countries[dele.country]
        cover = compose_packet(data, dele.id, text).sections[0]
        runs_ = [r for b in cover.blocks if isinstance(b, Paragraph) for r in b.content]
        assert any(r.text == country.name for r in runs_)
        if country.native_name and country.native_name != country.name:
            native = [r for r in runs_ if r.text == country.native_name]
            assert native, f"{country.name}: native name missing from the cover"
            assert native[0].lang == country.language
        cover_text = "\n".join(t for b in cover.blocks for t in run_texts(b))
        assert str(data.event.start_date.year) in cover_text


def test_roster_lists_the_head_first_then_the_members(data: EventData, text: Fragments) -> None:
    by_id = people(data)
    for dele in data.delegations:
        table = next(b for b in part(compose_packet(data, dele.id, text), "roster") if isinstance(b, Table))
        names = ["".join(run_texts(row.cells[0].content[0])) for row in table.rows]
        assert len(names) == len(members_of(dele))
        for shown, pid in zip(names, members_of(dele), strict=True):
            assert shown.startswith(display_name(by_id[pid]))
        first_role = "".join(run_texts(table.rows[0].cells[3].content[0]))
        assert text.render("head_label") in first_role
        for row, pid in zip(table.rows, members_of(dele), strict=True):
            person = by_id[pid]
            assert "".join(run_texts(row.cells[1].content[0])) == (person.title or "")


def test_schedule_is_the_full_timetable_with_exactly_the_delegations_slots_highlighted(
    data: EventData, text: Fragments
) -> None:
    for dele in data.delegations:
        doc = compose_packet(data, dele.id, text)
        days = grids(doc)
        assert len(days) == len(data.days)
        highlighted = set()
        for day, grid in zip(data.days, days, strict=True):
            assert len(grid.items) == len(day.sessions)
            for session, item in zip(day.sessions, grid.items, strict=True):
                assert (item.start, item.end) == (f"{session.start:%H:%M}", f"{session.end:%H:%M}")
                assert item.place == (session.room or "")
                if item.highlight:
                    highlighted.add(session.id)
                    assert item.detail, f"{dele.id}: highlighted slot {session.id} does not say why"
                else:
                    assert not item.detail
        assert highlighted == expected_own_slots(data, dele), dele.id


def test_highlighted_slots_say_which_member_does_what(data: EventData, text: Fragments) -> None:
    by_id = people(data)
    for dele in data.delegations:
        who = set(members_of(dele))
        items = {
            s.id: item
            for day, grid in zip(data.days, grids(compose_packet(data, dele.id, text)), strict=True)
            for s, item in zip(day.sessions, grid.items, strict=True)
        }
        for day in data.days:
            for s in day.sessions:
                detail = "".join(r.text for r in items[s.id].detail)
                for pid in who & set(s.chairs):
                    assert display_name(by_id[pid]) in detail
                for pres in s.presentations:
                    if who & set(pres.presenters):
                        assert pres.title in detail
                        for pid in who & set(pres.presenters):
                            assert display_name(by_id[pid]) in detail
        brief = dele.brief
        assert brief is not None
        detail = "".join(r.text for r in items[brief.session].detail)
        assert f"{brief.start:%H:%M}" in detail
        for pid in brief.presenters:
            assert display_name(by_id[pid]) in detail


def test_featured_sessions_are_those_showing_the_countrys_work_with_descriptions(
    data: EventData, text: Fragments
) -> None:
    sessions = {s.id: s for day in data.days for s in day.sessions}
    for dele in data.delegations:
        doc = compose_packet(data, dele.id, text)
        shown = [b.anchor for b in part(doc, "featuring") if isinstance(b, Heading) and b.level == 2]
        assert shown == [f"session-{sid}" for sid in expected_featured(data, dele)]
        body = part_text(doc, "featuring")
        for sid in expected_featured(data, dele):
            if sessions[sid].description:
                assert sessions[sid].description in body


def test_a_packet_shows_its_own_brief_and_no_other(data: EventData, text: Fragments) -> None:
    by_id = people(data)
    for dele in data.delegations:
        doc = compose_packet(data, dele.id, text)
        everything = all_text(doc)
        brief = dele.brief
        assert brief is not None
        section = part_text(doc, "brief")
        assert brief.title in section
        if brief.summary:
            assert brief.summary in section
        assert f"{brief.start:%H:%M}" in section
        assert text.render("minutes", minutes=brief.minutes) in section
        for pid in brief.presenters:
            assert display_name(by_id[pid]) in section
        for other in data.delegations:
            if other.id != dele.id and other.brief:
                assert other.brief.title not in everything, f"{dele.id} shows the brief of {other.id}"


def test_whom_to_contact_lists_organisers_press_officers_and_the_liaison(data: EventData, text: Fragments) -> None:
    by_id = people(data)
    for dele in data.delegations:
        section = part_text(compose_packet(data, dele.id, text), "contacts")
        expected = [c.person for c in data.contacts] + ([dele.liaison] if dele.liaison else [])
        for pid in expected:
            person = by_id[pid]
            assert display_name(person) in section
            if person.email:
                assert person.email in section
        assert {p.id for p in packet_contacts(data, dele.id)} == set(expected)
        if dele.liaison:
            assert text.render("packet_liaison") in section


def test_practical_notes_come_from_the_event_data(data: EventData, text: Fragments) -> None:
    venue = data.event.venue
    assert venue is not None
    section = part_text(compose_packet(data, data.delegations[0].id, text), "practical")
    for line in [venue.name, *venue.address, *venue.notes, *(e.title for e in data.exhibits)]:
        assert line in section
    if venue.registration:
        assert venue.registration in section


def test_a_packet_is_found_by_id_code_country_name_or_slug(data: EventData) -> None:
    countries = {c.code: c for c in data.countries}
    for dele in data.delegations:
        name = countries[dele.country].name
        for key in (dele.id, dele.country, dele.country.lower(), name, name.upper(), delegation_slug(dele, data)):
            assert find_delegation(data, key) == dele
    with pytest.raises(UserError, match="no delegation `atlantis`"):
        find_delegation(data, "atlantis")


# --- gaps in the data ------------------------------------------------------------------------------


def test_a_delegation_with_nobody_registered_still_gets_a_packet_and_notes(data: EventData, text: Fragments) -> None:
    dele = data.delegations[0]
    empty = with_delegation(data, dele.id, head=None, members=[], brief=None)
    doc = compose_packet(empty, dele.id, text)
    assert text.render("packet_no_members") in part_text(doc, "roster")
    assert not [b for b in part(doc, "roster") if isinstance(b, Table)]
    highlighted = {
        s.id
        for day, grid in zip(empty.days, grids(doc), strict=True)
        for s, item in zip(day.sessions, grid.items, strict=True)
        if item.highlight
    }
    assert highlighted == {s.id for day in data.days for s in day.sessions if s.kind == "recommendations"}
    codes = {n.code for n in packet_notes(empty, dele.id)}
    assert {"no-members", "no-brief", "no-speaking-slot", "no-recipients"} <= codes
    assert all(dele.id in str(n) for n in packet_notes(empty, dele.id))


def test_a_delegation_without_a_head_lists_its_members_and_says_so(data: EventData, text: Fragments) -> None:
    dele = data.delegations[0]
    headless = with_delegation(data, dele.id, head=None)
    doc = compose_packet(headless, dele.id, text)
    roster = part_text(doc, "roster")
    assert text.render("packet_no_head") in roster
    by_id = people(data)
    for pid in dele.members:
        assert display_name(by_id[pid]) in roster
    assert "no-head" in {n.code for n in packet_notes(headless, dele.id)}


def test_a_delegation_without_a_brief_is_told_so_and_shows_none(data: EventData, text: Fragments) -> None:
    dele = data.delegations[0]
    assert dele.brief is not None
    briefless = with_delegation(data, dele.id, brief=None)
    doc = compose_packet(briefless, dele.id, text)
    country = next(c for c in data.countries if c.code == dele.country)
    assert text.render("packet_no_brief", country=country.model_dump()) in part_text(doc, "brief")
    assert dele.brief.title not in all_text(doc)
    assert "no-brief" in {n.code for n in packet_notes(briefless, dele.id)}


def test_a_brief_nobody_presents_still_shows_when_it_is(data: EventData, text: Fragments) -> None:
    dele = data.delegations[0]
    assert dele.brief is not None
    unassigned = with_delegation(data, dele.id, brief=dele.brief.model_copy(update={"presenters": []}))
    doc = compose_packet(unassigned, dele.id, text)
    details = ["".join(r.text for r in item.detail) for grid in grids(doc) for item in grid.items]
    assert any(f"{dele.brief.start:%H:%M}" in d for d in details)
    assert "brief-unassigned" in {n.code for n in packet_notes(unassigned, dele.id)}


def test_the_sample_gives_no_notes_about_missing_heads_or_briefs(data: EventData) -> None:
    for dele in data.delegations:
        codes = {n.code for n in packet_notes(data, dele.id)}
        assert not codes & {"no-members", "no-head", "no-brief", "no-speaking-slot"}, (dele.id, codes)


# --- slugs -----------------------------------------------------------------------------------------


def test_slugs_come_from_english_country_names(data: EventData) -> None:
    countries = {c.code: c for c in data.countries}
    slugs = delegation_slugs(data)
    assert len(set(slugs.values())) == len(data.delegations)
    for dele in data.delegations:
        slug = delegation_slug(dele, data)
        assert slug == slugs[dele.id]
        assert SLUG.match(slug)
        words = re.findall(r"[a-z0-9]+", countries[dele.country].name.lower())
        assert slug == "-".join(words)


def test_known_country_names_slug_as_people_expect(data: EventData) -> None:
    one = data.delegations[0]
    for name, slug in (("Viet Nam", "viet-nam"), ("Lao PDR", "lao-pdr"), ("Việt Nam", "viet-nam")):
        countries = [c.model_copy(update={"name": name}) if c.code == one.country else c for c in data.countries]
        alone = data.model_copy(update={"countries": countries, "delegations": [one]})
        assert delegation_slug(one, alone) == slug


@pytest.mark.parametrize("hostile", ["../../etc", "..", "/", "a/../../b", "..\\..\\win", "con", "ລາວ", "x" * 300, ""])
def test_hostile_ids_and_names_never_escape_the_folder(data: EventData, hostile: str) -> None:
    countries = [Country.model_construct(code="ZZ", name=hostile), *data.countries]
    rogue = Delegation.model_construct(id=hostile, country="ZZ", head=None, members=[], liaison=None, brief=None)
    changed = data.model_copy(update={"countries": countries, "delegations": [*data.delegations, rogue]})
    slug = delegation_slug(rogue, changed)
    assert SLUG.match(slug), slug
    assert ".." not in slug and "/" not in slug and "\\" not in slug
    assert len(slug) <= 60
    assert slug.lower() not in {"con", "nul", "prn", "aux"}
    assert len(set(delegation_slugs(changed).values())) == len(changed.delegations)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_text_gives_a_safe_slug(data: EventData, name: str, ident: str) -> None:
    country = Country.model_construct(code="ZZ", name=name)
    rogue = Delegation.model_construct(id=ident, country="ZZ", head=None, members=[], liaison=None, brief=None)
    changed = data.model_copy(update={"countries": [country], "delegations": [rogue]})
    assert SLUG.match(delegation_slug(rogue, changed))


def test_long_identical_hostile_names_still_get_different_slugs(data: EventData) -> None:
    name = "../" + "Republic of Very Long Names " * 10
    countries = [Country.model_construct(code="ZZ", name=name), *data.countries]
    rogues = [
        Delegation.model_construct(id=ident, country="ZZ", head=None, members=[], liaison=None, brief=None)
        for ident in ("../" + "x" * 80 + "a", "../" + "x" * 80 + "b", "../" + "x" * 80 + "b/..", "..")
    ]
    changed = data.model_copy(update={"countries": countries, "delegations": rogues})
    slugs = list(delegation_slugs(changed).values())
    assert len(set(slugs)) == len(slugs) == len(rogues)
    assert all(SLUG.match(s) and len(s) <= 60 for s in slugs)


def test_two_delegations_of_one_country_get_different_slugs(data: EventData) -> None:
    first = data.delegations[0]
    twin = first.model_copy(update={"id": f"{first.id}-observers", "head": None, "members": [], "brief": None})
    changed = data.model_copy(update={"delegations": [*data.delegations, twin]})
    slugs = delegation_slugs(changed)
    assert slugs[first.id] != slugs[twin.id]
    assert all(SLUG.match(s) for s in slugs.values())


# --- the recipients manifest ---------------------------------------------------------------------


def recipients_csv(data: EventData) -> bytes:
    """`recipients.csv` as the build writes it: composed with the build's slugs, written as CSV."""
    return render_csv(compose_recipients(data, delegation_slugs(data)))


def parse_csv(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_recipients_csv_lists_every_delegation_with_its_head_and_addresses(data: EventData) -> None:
    raw = recipients_csv(data)
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = parse_csv(raw)
    assert tuple(rows[0]) == RECIPIENTS_HEADER
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(records) == len(data.delegations)
    assert [r["packet_folder"] for r in records] == sorted(r["packet_folder"] for r in records)
    by_id = people(data)
    countries = {c.code: c for c in data.countries}
    for record in records:
        dele = next(d for d in data.delegations if d.id == record["delegation_id"])
        head = by_id[dele.head] if dele.head else None
        assert record["country"] == countries[dele.country].name
        assert record["packet_folder"] == delegation_slug(dele, data)
        assert record["attachment"] == f"{record['packet_folder']}.zip"
        assert record["head_name"] == (display_name(head) if head else "")
        assert record["head_email"] == (head.email if head and head.email else "")
        expected = [by_id[p].email for p in members_of(dele) if by_id[p].email]
        assert record["to"].split(";") == expected
    assert recipients_csv(data) == raw


def test_recipients_csv_survives_commas_quotes_and_newlines_in_names(data: EventData) -> None:
    dele = data.delegations[0]
    assert dele.head
    awkward = 'Smith, "Jo"; Ltd\nSecond line'
    changed = data.model_copy(
        update={"people": [p.model_copy(update={"name": awkward}) if p.id == dele.head else p for p in data.people]}
    )
    rows = parse_csv(recipients_csv(changed))
    record = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == dele.id)
    head = next(p for p in changed.people if p.id == dele.head)
    assert record["head_name"] == display_name(head)


def test_a_delegation_without_addresses_has_an_empty_to_field(data: EventData) -> None:
    dele = data.delegations[0]
    empty = with_delegation(data, dele.id, head=None, members=[])
    record = next(r for r in parse_csv(recipients_csv(empty))[1:] if r[0] == dele.id)
    assert record[RECIPIENTS_HEADER.index("to")] == ""
    assert record[RECIPIENTS_HEADER.index("head_name")] == ""


def test_packet_documents_only_carry_runs_and_blocks(data: EventData, text: Fragments) -> None:
    """Smoke check for renderers: every run's text is a string, and links are only mailto/tel/https."""
    for dele in data.delegations:
        doc = compose_packet(data, dele.id, text)
        for block in doc.blocks():
            for r in _runs(block):
                assert isinstance(r.text, str)
                assert r.link is None or r.link.startswith(("mailto:", "tel:", "https:", "http:"))


def _runs(block: Block) -> Iterator[Run]:
    if isinstance(block, Paragraph | Heading):
        yield from block.content
    elif isinstance(block, KeepTogether):
        for b in block.blocks:
            yield from _runs(b)
    elif isinstance(block, KeyValue):
        for _, value in block.pairs:
            yield from value
    elif isinstance(block, Table):
        for row in (*block.header, *block.rows):
            for c in row.cells:
                for b in c.content:
                    yield from _runs(b)


@pytest.mark.parametrize("name", ['=HYPERLINK("https://attacker.example")', "+1-2", "@SUM(A1)", "-cmd"])
def test_recipients_csv_cells_are_never_formulas_when_a_spreadsheet_opens_them(data: EventData, name: str) -> None:
    dele = data.delegations[0]
    changed = data.model_copy(
        update={
            "people": [
                p.model_copy(update={"name": name, "honorific": None}) if p.id == dele.head else p for p in data.people
            ]
        }
    )
    rows = parse_csv(recipients_csv(changed))
    record = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == dele.id)
    assert record["head_name"].startswith("'") and name in record["head_name"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
