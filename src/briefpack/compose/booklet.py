"""The programme booklet: what delegates carry for two days, and what the printer receives.

Order: cover, contents, about and aims, programme at a glance, one part per session, country
recommendations, delegations, exhibits, contacts, and an index of everyone named with the pages
they appear on. Each part is its own `Section` so running heads name the part.

Every mention of a person carries an anchor (`p-<person>-<place>`); the index lists those anchors
and the renderer turns them into page numbers, so index pages are right by construction.
"""

from __future__ import annotations

from collections import defaultdict

from briefpack.compose.common import (
    address_paragraphs,
    affiliation,
    anchor,
    contact_details,
    display_name,
    name_runs,
    native_language,
    session_time,
    session_title,
    venue_blocks,
)
from briefpack.compose.names import index_key, index_name
from briefpack.compose.timetable import Slot, day_grids, is_parallel, rooms_per_grid
from briefpack.document.model import (
    Block,
    BulletList,
    Cell,
    Document,
    Heading,
    Index,
    IndexEntry,
    KeepTogether,
    Metadata,
    Paragraph,
    Row,
    Run,
    Section,
    Table,
    TableOfContents,
    cell,
    runs,
)
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue, delegation_people
from briefpack.model.event import EventData, Session
from briefpack.model.kinds import KINDS


class _Mentions:
    """Collects, for the index, every anchor at which a person is named."""

    def __init__(self) -> None:
        self.places: dict[str, list[str]] = defaultdict(list)

    def mark(self, person_id: str, place: str) -> str:
        name = anchor("p", person_id, place)
        if name not in self.places[person_id]:
            self.places[person_id].append(name)
        return name


def compose_booklet(data: EventData, text: Fragments) -> Document:
    cat = Catalogue(data)
    mentions = _Mentions()
    ev = data.event
    ctx = _context(data, cat)
    sections = [
        _cover(data, cat, text, ctx),
        Section((TableOfContents(text.render("contents")),), running_head=text.render("contents")),
        _about(data, text, ctx),
        _at_a_glance(data, cat, text, mentions),
        _programme(data, cat, text, mentions),
        _recommendations(data, cat, text, mentions),
        _delegations(data, cat, text, mentions),
        _exhibits(data, cat, text),
        _practical(data, text),
        _contacts(data, cat, text, mentions),
        _index(cat, text, mentions),
    ]
    title = ev.full_name
    host = cat.organisations[ev.host]
    return Document(
        metadata=Metadata(
            title=title,
            author=host.name,
            subject=ev.theme or title,
            keywords=tuple(c.name for c in data.countries),
            language="en",
        ),
        sections=tuple(s for s in sections if s.blocks),
        filler=Section((Paragraph(runs(text.render("notes")), style="heading1"),), running_head=text.render("notes")),
    )


def _context(data: EventData, cat: Catalogue) -> dict[str, object]:
    return {
        "event": data.event.model_dump(),
        "host": cat.organisations[data.event.host].model_dump(),
        "country": cat.countries[data.event.country].model_dump() if data.event.country in cat.countries else {},
    }


def _cover(data: EventData, cat: Catalogue, text: Fragments, ctx: dict[str, object]) -> Section:
    ev = data.event
    host = cat.organisations[ev.host]
    blocks: list[Block] = [Paragraph(runs(ev.name), style="title")]
    if ev.full_name != ev.name:  # an edition the name does not already end with
        blocks.append(Paragraph(runs(ev.edition or ""), style="subtitle"))
    theme = text.render("cover_theme", **ctx)
    if theme:
        blocks.append(Paragraph(runs(theme), style="lead"))
    blocks.append(Paragraph(runs(text.render("dates_place", **ctx)), style="cover-meta"))
    blocks.append(Paragraph(runs(text.render("hosted_by", **ctx)), style="cover-meta"))
    if host.native_name:
        blocks.append(Paragraph(runs(Run(host.native_name)), style="cover-meta"))
    return Section(tuple(blocks), template="cover")


def _about(data: EventData, text: Fragments, ctx: dict[str, object]) -> Section:
    ev = data.event
    heading = text.render("about")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="about")]
    blocks += [Paragraph(runs(p)) for p in text.paragraphs("booklet_welcome", **ctx)]
    if ev.aims:
        blocks.append(Heading(runs(text.render("aims")), 2, anchor="aims"))
        if ev.aims_intro:
            blocks.append(Paragraph(runs(ev.aims_intro)))
        if ev.aims_lead:
            blocks.append(Paragraph(runs(ev.aims_lead), keep_with_next=True))
        blocks.append(BulletList(tuple(runs(aim) for aim in ev.aims)))
    return Section(tuple(blocks), running_head=heading)


def _session_title(session: Session, text: Fragments) -> str:
    return session_title(session, text)


def _at_a_glance(data: EventData, cat: Catalogue, text: Fragments, mentions: _Mentions) -> Section:
    heading = text.render("at_a_glance")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="at-a-glance")]
    header = Row(
        tuple(
            cell(text.render(k), style="table-head")
            for k in ("time_label", "session_label", "room_label", "chair_label")
        )
    )
    for d, day in enumerate(data.days):
        blocks.append(Heading(runs(text.render("day_heading", day=day.model_dump())), 2, anchor=f"day-{d + 1}"))
        if is_parallel(day):  # a time x room grid: each session's title and chairs in its room's column
            slot = lambda s: _glance_slot(s, cat, text, mentions)  # noqa: E731 - one line, read once
            blocks += day_grids(day, [text.render("time_label")], slot, rooms_per_grid(text.layout.page.text_width_mm))
            continue
        rows = []
        for session in day.sessions:
            chairs = Cell(_glance_chairs(session, cat, mentions))
            rows.append(
                Row((cell(session_time(session)), cell(_glance_title(session, text)), cell(session.room or ""), chairs))
            )
        blocks.append(Table((1.3, 3.6, 1.4, 2.0), (header,), tuple(rows)))
    return Section(tuple(blocks), running_head=heading)


def _glance_title(session: Session, text: Fragments) -> Run:
    """A session's title, linked to its part of the programme when it has one."""
    title = session_title(session, text)
    return Run(title, target=anchor("session", session.id)) if _has_part(session) else Run(title)


def _glance_chairs(session: Session, cat: Catalogue, mentions: _Mentions, label: str = "") -> tuple[Block, ...]:
    """The chairs' names, one paragraph each (marked for the index), after `label` when given."""
    where = anchor("glance", session.id)
    before = (Run(label, style="muted"),) if label else ()
    return tuple(
        Paragraph((*before, Run(display_name(cat.people[c]))), style="table-body", anchor=mentions.mark(c, where))
        for c in session.chairs
    )


def _glance_slot(session: Session, cat: Catalogue, text: Fragments, mentions: _Mentions) -> Slot:
    title = Paragraph((_glance_title(session, text),), style="table-body")
    return Slot((title, *_glance_chairs(session, cat, mentions, f"{text.render('chair_label')}: ")))


def _has_part(session: Session) -> bool:
    """Sessions described in the programme part (see `model/kinds.py`): breaks have nothing to describe,
    a ceremony or a reception only when it has speeches or a description, and the recommendations
    segment has a part of its own."""
    part = KINDS[session.kind].part
    if part == "when-described":
        return bool(session.presentations or session.description)
    return part == "always"


def _programme(data: EventData, cat: Catalogue, text: Fragments, mentions: _Mentions) -> Section:
    heading = text.render("programme")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="programme")]
    if data.event.topics_intro:
        blocks.append(Paragraph(runs(data.event.topics_intro)))
    for day in data.days:
        for session in day.sessions:
            if _has_part(session):
                blocks += _session_part(session, day.date, cat, text, mentions)
    return Section(tuple(blocks), running_head=heading)


def _session_part(session: Session, date, cat: Catalogue, text: Fragments, mentions: _Mentions) -> list[Block]:
    place = anchor("session", session.id)
    when = f"{text.render('day_heading', day={'date': date, 'title': None})}, {session_time(session)}"
    if session.room:
        when += f" · {session.room}"
    blocks: list[Block] = [
        Heading(runs(session_title(session, text)), 2, anchor=place),
        Paragraph(runs(Run(when, style="muted")), style="small", keep_with_next=True),
    ]
    blocks += _chair_lines(session, cat, text, mentions, place)
    if session.description:
        blocks.append(Paragraph(runs(session.description)))
    if session.focus_countries:
        names = ", ".join(cat.country_name(c) or c for c in session.focus_countries)
        blocks.append(
            Paragraph((Run(f"{text.render('featuring_label')}: ", style="strong"), Run(names)), style="small")
        )
    for i, pres in enumerate(session.presentations):
        items: list[Block] = [Heading(runs(pres.title), 3, outline=False)]
        for pid in pres.presenters:
            person = cat.people[pid]
            items.append(
                Paragraph(
                    (*name_runs(person, cat, style="strong"), Run(f" — {affiliation(person, cat)}")),
                    style="small",
                    anchor=mentions.mark(pid, f"{place}-{i + 1}"),
                )
            )
        blocks.append(KeepTogether(tuple(items)))
    return blocks


def _chair_lines(session: Session, cat: Catalogue, text: Fragments, mentions: _Mentions, place: str) -> list[Block]:
    return [
        Paragraph(
            (Run(f"{text.render('chair_label')}: ", style="strong"), *name_runs(cat.people[chair_id], cat)),
            style="small",
            anchor=mentions.mark(chair_id, place),
            keep_with_next=True,  # a session's heading, time and chairs stay with its first lines
        )
        for chair_id in session.chairs
    ]


def _recommendations(data: EventData, cat: Catalogue, text: Fragments, mentions: _Mentions) -> Section:
    sessions = [p for p in cat.placed_sessions() if KINDS[p.session.kind].part == "own"]
    if not sessions and not data.event.recommendations:
        return Section(())
    heading = text.render("recommendations")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="recommendations")]
    for placed in sessions:
        session = placed.session
        when = f"{text.render('day_heading', day={'date': placed.day.date, 'title': None})}, {session_time(session)}"
        blocks.append(
            Paragraph(
                runs(Run(when + (f" · {session.room}" if session.room else ""), style="muted")),
                style="small",
                keep_with_next=bool(session.chairs),
            )
        )
        blocks += _chair_lines(session, cat, text, mentions, anchor("session", session.id))
        if session.description:
            blocks.append(Paragraph(runs(session.description)))
    if not sessions and data.event.recommendations:
        blocks.append(Paragraph(runs(data.event.recommendations)))
    briefs = sorted((d for d in data.delegations if d.brief), key=lambda d: d.brief.start)  # type: ignore[union-attr]
    if briefs:
        header = Row(
            tuple(cell(text.render(k), style="table-head") for k in ("time_label", "session_label", "presenters_label"))
        )
        rows = []
        for dele in briefs:
            brief = dele.brief
            assert brief is not None
            where = anchor("brief", dele.id)
            presenters = tuple(
                Paragraph(name_runs(cat.people[p], cat), style="table-body", anchor=mentions.mark(p, where))
                for p in brief.presenters
            )
            rows.append(
                Row(
                    (
                        cell(f"{brief.start:%H:%M} ({text.render('minutes', minutes=brief.minutes)})"),
                        cell(brief.title),
                        Cell(presenters),
                    )
                )
            )
        blocks.append(Table((1.2, 3.3, 3.0), (header,), tuple(rows)))
    return Section(tuple(blocks), running_head=heading)


def _delegations(data: EventData, cat: Catalogue, text: Fragments, mentions: _Mentions) -> Section:
    if not data.delegations:
        return Section(())
    heading = text.render("delegations")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="delegations")]
    header = Row(
        tuple(cell(text.render(k), style="table-head") for k in ("name_label", "title_label", "organisation_label"))
    )
    for dele in data.delegations:
        country = cat.countries.get(dele.country)
        where = anchor("delegation", dele.id)
        title: list[Run] = [Run(country.name if country else dele.country)]
        if country and country.native_name and country.native_name != country.name:
            title += [Run(" · "), Run(country.native_name, lang=country.language)]
        blocks.append(Heading(tuple(title), 2, anchor=where))
        rows = []
        for pid in delegation_people(dele):
            person = cat.people[pid]
            org = cat.organisation_of(person)
            name = name_runs(person, cat, style="strong" if pid == dele.head else None)
            if pid == dele.head:
                name = (*name, Run(f" ({text.render('head_label')})", style="muted"))
            rows.append(
                Row(
                    (
                        Cell((Paragraph(name, style="table-body", anchor=mentions.mark(pid, where)),)),
                        cell(person.title or ""),
                        cell(org.name if org else ""),
                    )
                )
            )
        if rows:
            blocks.append(Table((3.0, 2.4, 3.0), (header,), tuple(rows)))
    return Section(tuple(blocks), running_head=heading)


def _exhibits(data: EventData, cat: Catalogue, text: Fragments) -> Section:
    if not data.exhibits:
        return Section(())
    heading = text.render("exhibits")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="exhibits")]
    if data.event.exhibits_intro:
        blocks.append(Paragraph(runs(data.event.exhibits_intro)))
    for exhibit in data.exhibits:
        org = cat.organisations.get(exhibit.organisation) if exhibit.organisation else None
        items: list[Block] = []
        if exhibit.title.casefold() != heading.casefold():  # the seed's general display is the part itself
            items.append(Heading(runs(exhibit.title), 3, outline=False))
        if exhibit.description:
            items.append(Paragraph(runs(exhibit.description)))
        meta = " · ".join(x for x in (org.name if org else None, exhibit.location) if x)
        if meta:
            items.append(Paragraph(runs(Run(meta, style="muted")), style="small"))
        blocks.append(KeepTogether(tuple(items)))
    return Section(tuple(blocks), running_head=heading)


def _practical(data: EventData, text: Fragments) -> Section:
    """Where the forum is and what to know before arriving (the packets print the same)."""
    body = venue_blocks(data.event, text)
    if not body:
        return Section(())
    heading = text.render("packet_practical")
    return Section((Heading(runs(heading), 1, anchor="practical"), *body), running_head=heading)


def _contacts(data: EventData, cat: Catalogue, text: Fragments, mentions: _Mentions) -> Section:
    info = [c for c in data.contacts if c.purpose == "information"]
    if not info:
        return Section(())
    heading = text.render("contacts")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="contacts")]
    for contact in info:
        person = cat.people[contact.person]
        org = cat.organisation_of(person)
        items: list[Block] = [
            Paragraph(
                name_runs(person, cat, style="strong"), anchor=mentions.mark(person.id, "contacts"), keep_with_next=True
            )
        ]
        if person.title:
            items.append(Paragraph(runs(person.title), style="small"))
        if org and not _starts_with(person.address, org.name):
            items.append(Paragraph(runs(org.name), style="small"))
        items += address_paragraphs(person.address, style="small")
        items.append(contact_details(person, text))
        blocks.append(KeepTogether(tuple(items)))
    return Section(tuple(blocks), running_head=heading)


def _starts_with(address: list[str], name: str) -> bool:
    """Whether an address's first lines spell `name` (it may be broken over two lines, as on a letterhead)."""
    return " ".join(" ".join(address).split()).casefold().startswith(" ".join(name.split()).casefold())


def _index(cat: Catalogue, text: Fragments, mentions: _Mentions) -> Section:
    if not mentions.places:
        return Section(())
    heading = text.render("index")
    entries = []
    for pid, places in mentions.places.items():
        person = cat.people[pid]
        term: list[Run] = [Run(index_name(person))]
        if person.native_name and person.native_name != person.name:
            term += [Run(" · ", style="muted"), Run(person.native_name, lang=native_language(person, cat))]
        entries.append(IndexEntry(tuple(term), tuple(places), index_key(person)))
    entries.sort(key=lambda e: (e.sort_key, e.targets))
    return Section((Heading(runs(heading), 1, anchor="index"), Index(tuple(entries))), running_head=heading)
