"""The briefing packet: one document per delegation, written to be mailed to it as is.

Order: cover (the delegation's name in English and in its own script), roster, its own schedule
inside the full timetable, the sessions that feature its country, the recommendations brief it
presents, whom to contact, and practical notes. Parts with nothing to say are left out, except
where a gap is news to the delegation (no members registered, no brief scheduled): those parts
say so, in words from the layout.

"Its own slots" are the event model's rule (`model/duties.py`), shared with the press kit and the
build summary. Where the packet is filed is the build's business (`assemble/slugs.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from briefpack.compose.common import (
    address_paragraphs,
    address_starts_with,
    anchor,
    contact_details,
    display_name,
    name_runs,
    session_time,
    session_title,
    venue_blocks,
)
from briefpack.compose.timetable import Slot, day_grids, is_parallel, rooms_per_grid
from briefpack.document.model import (
    Block,
    Cell,
    Document,
    Heading,
    Inline,
    KeepTogether,
    KeyValue,
    Metadata,
    Paragraph,
    Row,
    Run,
    ScheduleGrid,
    ScheduleItem,
    Section,
    Table,
    cell,
    runs,
)
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue, delegation_people
from briefpack.model.duties import Duty, delegation_duties
from briefpack.model.event import Delegation, EventData, Person, Session

# --- which slots are the delegation's ---------------------------------------------------------


def _featured(cat: Catalogue, delegation: Delegation) -> list[Session]:
    """Sessions that feature the country's work: it is a focus country, a presentation is about it, or
    one of the delegation presents there. Presentation countries count because they are how the data
    says whose work a talk shows, even when the session lists no focus countries."""
    people = set(delegation_people(delegation))
    out = []
    for placed in cat.placed_sessions():
        session = placed.session
        if (
            delegation.country in session.focus_countries
            or any(p.country == delegation.country for p in session.presentations)
            or any(pid in people for p in session.presentations for pid in p.presenters)
        ):
            out.append(session)
    return out


def packet_contacts(data: EventData, delegation_id: str) -> list[Person]:
    """Everyone part 6 of the packet names (organisers, press officers, liaison), each once: the people
    whose contact cards belong in the delegation's zip."""
    cat = Catalogue(data)
    dele = cat.delegations[delegation_id]
    out: list[Person] = []
    for group in _contact_groups(data, cat, dele):
        for person in group[1]:
            if person not in out:
                out.append(person)
    return out


# --- the document -------------------------------------------------------------------------------


def compose_packet(data: EventData, delegation_id: str, text: Fragments) -> Document:
    """The briefing packet of the delegation with the id `delegation_id`."""
    cat = Catalogue(data)
    dele = cat.delegations[delegation_id]
    ctx = _context(data, cat, dele)
    duties = delegation_duties(cat, dele)
    featured = _featured(cat, dele)
    title = text.render("packet_title", **ctx)
    head = title
    featured_part = _featuring(data, cat, dele, featured, text, ctx)
    sections = [
        _cover(data, cat, dele, text, ctx),
        Section(_roster(cat, dele, text), running_head=head),
        Section(_schedule(data, cat, dele, duties, {s.id for s in featured}, text), running_head=head),
        Section(tuple(featured_part), running_head=head),
        Section(
            (*_brief(data, cat, dele, text, ctx), *_contacts(data, cat, dele, text), *_practical(data, cat, text)),
            running_head=head,
        ),
    ]
    country = cat.countries.get(dele.country)
    host = cat.organisations.get(data.event.host)
    return Document(
        metadata=Metadata(
            title=title,
            author=host.name if host else "",
            subject=data.event.name,
            keywords=tuple(k for k in (country.name if country else dele.country, data.event.short_name) if k),
            language="en",
        ),
        sections=tuple(s for s in sections if s.blocks),
    )


def _context(data: EventData, cat: Catalogue, dele: Delegation) -> dict[str, object]:
    country = cat.countries.get(dele.country)
    host = cat.organisations.get(data.event.host)
    venue_country = cat.countries.get(data.event.country)
    return {
        "event": data.event.model_dump(),
        "host": host.model_dump() if host else {},
        "country": country.model_dump() if country else {"code": dele.country, "name": dele.country},
        "delegation": dele.model_dump(),
        # `dates_place` names the host country as `country`; packet fragments use `country` for the delegation's.
        "venue_country": venue_country.model_dump() if venue_country else {},
    }


def _cover(data: EventData, cat: Catalogue, dele: Delegation, text: Fragments, ctx: dict[str, object]) -> Section:
    ev = data.event
    country = cat.countries.get(dele.country)
    blocks: list[Block] = [
        Paragraph(runs(text.render("packet_cover", **ctx)), style="cover-meta"),
        Paragraph(runs(country.name if country else dele.country), style="title"),
    ]
    if country and country.native_name and country.native_name != country.name:
        blocks.append(Paragraph((Run(country.native_name, lang=country.language),), style="subtitle"))
    if dele.head and dele.head in cat.people:
        blocks.append(
            Paragraph(
                (Run(f"{text.render('head_label')}: "), *name_runs(cat.people[dele.head], cat)), style="cover-meta"
            )
        )
    blocks.append(Paragraph(runs(ev.full_name), style="subtitle"))
    theme = text.render("cover_theme", **ctx)
    if theme:
        blocks.append(Paragraph(runs(theme), style="lead"))
    place = {**ctx, "country": ctx["venue_country"]}
    blocks.append(Paragraph(runs(text.render("dates_place", **place)), style="cover-meta"))
    if ev.host in cat.organisations:
        blocks.append(Paragraph(runs(text.render("hosted_by", **ctx)), style="cover-meta"))
    return Section(tuple(blocks), template="cover")


def _roles(person: Person, is_head: bool, text: Fragments) -> str:
    """Head of delegation, then the person's event roles; a plain member with no roles is a delegate."""
    labels = [text.render("head_label")] if is_head else []
    labels += [text.render("packet_role", role=r) for r in person.roles if not (is_head and r == "delegate")]
    if not labels:
        labels.append(text.render("packet_role", role="delegate"))
    return ", ".join(dict.fromkeys(labels))


def _roster(cat: Catalogue, dele: Delegation, text: Fragments) -> tuple[Block, ...]:
    heading = text.render("packet_roster")
    blocks: list[Block] = [Heading(runs(heading), 1, anchor="roster")]
    people = [pid for pid in delegation_people(dele) if pid in cat.people]
    if not people:
        blocks.append(Paragraph(runs(text.render("packet_no_members"))))
        return tuple(blocks)
    if not dele.head:
        blocks.append(Paragraph(runs(text.render("packet_no_head"))))
    header = Row(
        tuple(
            cell(text.render(k), style="table-head")
            for k in ("name_label", "title_label", "organisation_label", "role_label")
        )
    )
    rows = []
    for pid in people:
        person = cat.people[pid]
        org = cat.organisation_of(person)
        is_head = pid == dele.head
        rows.append(
            Row(
                (
                    Cell((Paragraph(name_runs(person, cat, style="strong" if is_head else None), style="table-body"),)),
                    cell(person.title or ""),
                    cell(org.name if org else ""),
                    cell(_roles(person, is_head, text)),
                )
            )
        )
    blocks.append(Table((3.0, 2.2, 2.8, 1.8), (header,), tuple(rows)))
    return tuple(blocks)


def _names(ids: Iterable[str], cat: Catalogue) -> list[str]:
    return [display_name(cat.people[p]) if p in cat.people else p for p in ids]


def duty_text(duty: Duty, dele: Delegation, cat: Catalogue, text: Fragments) -> str:
    names = _names(duty.people, cat)
    if duty.kind == "chair":
        return text.render("packet_duty_chair", names=names)
    if duty.kind == "present":
        return text.render("packet_duty_present", names=names, title=duty.title)
    if duty.kind == "brief":
        assert dele.brief is not None
        fragment = "packet_duty_brief" if names else "packet_duty_brief_unassigned"
        return text.render(fragment, names=names, start=dele.brief.start, minutes=dele.brief.minutes)
    return text.render("packet_duty_attend")


def _schedule(
    data: EventData,
    cat: Catalogue,
    dele: Delegation,
    duties: dict[str, list[Duty]],
    featured: set[str],
    text: Fragments,
) -> tuple[Block, ...]:
    """The full timetable, one grid per day and one item per session in data order; the delegation's
    slots are highlighted and say who does what."""
    heading = text.render("packet_schedule")
    blocks: list[Block] = [
        Heading(runs(heading), 1, anchor="schedule"),
        Paragraph(runs(text.render("packet_schedule_intro"))),
    ]
    labels = (text.render("time_label"), text.render("session_label"), text.render("room_label"))

    def detail(session: Session) -> Inline:
        own = duties.get(session.id, [])
        return runs("; ".join(duty_text(d, dele, cat, text) for d in own)) if own else ()

    def target(session: Session) -> str | None:
        if dele.brief and dele.brief.session == session.id:
            return "brief"
        return anchor("session", session.id) if session.id in featured else None

    def slot(session: Session) -> Slot:
        linked = target(session)
        title = runs(Run(session_title(session, text), target=linked) if linked else session_title(session, text))
        said = detail(session)
        blocks: tuple[Block, ...] = (Paragraph(title, style="table-body"),)
        if said:
            blocks += (Paragraph(said, style="table-body"),)
        return Slot(blocks, highlight=session.id in duties)

    for day in data.days:
        day_title = runs(text.render("day_heading", day=day.model_dump()))
        if is_parallel(day):  # a time x room grid, the delegation's own slots shaded in their rooms
            grids = day_grids(day, labels[:1], slot, rooms_per_grid(text.layout.page.text_width_mm), style="schedule")
            blocks += [replace(grid, caption=day_title) for grid in grids]
            continue
        items = [
            ScheduleItem(
                start=f"{session.start:%H:%M}",
                end=f"{session.end:%H:%M}",
                title=runs(session_title(session, text)),
                detail=detail(session),
                place=session.room or "",
                highlight=session.id in duties,
                target=target(session),
            )
            for session in day.sessions
        ]
        blocks.append(ScheduleGrid(day_title, tuple(items), labels))
    return tuple(blocks)


def _featuring(
    data: EventData,
    cat: Catalogue,
    dele: Delegation,
    featured: list[Session],
    text: Fragments,
    ctx: dict[str, object],
) -> list[Block]:
    if not featured:
        return []
    people = set(delegation_people(dele))
    blocks: list[Block] = [Heading(runs(text.render("packet_featuring", **ctx)), 1, anchor="featuring")]
    for session in featured:
        placed = cat.sessions[session.id]
        when = f"{text.render('day_heading', day={'date': placed.day.date, 'title': None})}, {session_time(session)}"
        if session.room:
            when += f" · {session.room}"
        blocks += [
            Heading(
                runs(session_title(session, text)),
                2,
                anchor=anchor("session", session.id),
            ),
            Paragraph(runs(Run(when, style="muted")), style="small", keep_with_next=True),
        ]
        for chair_id in session.chairs:
            if chair_id in cat.people:
                blocks.append(
                    Paragraph(
                        (Run(f"{text.render('chair_label')}: ", style="strong"), *name_runs(cat.people[chair_id], cat)),
                        style="small",
                        keep_with_next=True,  # heading, time and chairs stay with the session's first lines
                    )
                )
        if session.description:
            blocks.append(Paragraph(runs(session.description)))
        if session.focus_countries:
            names = ", ".join(cat.country_name(c) or c for c in session.focus_countries)
            blocks.append(
                Paragraph((Run(f"{text.render('featuring_label')}: ", style="strong"), Run(names)), style="small")
            )
        for pres in session.presentations:
            items: list[Block] = [Heading(runs(pres.title), 3, outline=False)]
            for pid in pres.presenters:
                if pid in cat.people:
                    items.append(
                        Paragraph(name_runs(cat.people[pid], cat, style="strong" if pid in people else None), "small")
                    )
            blocks.append(KeepTogether(tuple(items)))
    return blocks


def _brief(
    data: EventData, cat: Catalogue, dele: Delegation, text: Fragments, ctx: dict[str, object]
) -> tuple[Block, ...]:
    """What the delegation presents, when, for how long and by whom; or that nothing is scheduled."""
    blocks: list[Block] = [Heading(runs(text.render("brief_label")), 1, anchor="brief")]
    brief = dele.brief
    if brief is None:
        blocks.append(Paragraph(runs(text.render("packet_no_brief", **ctx))))
        return tuple(blocks)
    blocks.append(Paragraph(runs(brief.title), style="lead", keep_with_next=True))
    if brief.summary:
        blocks.append(Paragraph(runs(brief.summary)))
    pairs: list[tuple[str, Inline]] = []
    placed = cat.sessions.get(brief.session)
    if placed:
        day = text.render("day_heading", day={"date": placed.day.date, "title": None})
        pairs.append((text.render("when_label"), runs(f"{day}, {brief.start:%H:%M}")))
        where = session_title(placed.session, text)
        if placed.session.room:
            where += f" · {placed.session.room}"
        pairs.append((text.render("where_label"), runs(where)))
    else:
        pairs.append((text.render("when_label"), runs(f"{brief.start:%H:%M}")))
    pairs.append((text.render("packet_length_label"), runs(text.render("minutes", minutes=brief.minutes))))
    presenters: list[Run] = []
    for pid in brief.presenters:
        if pid in cat.people:
            if presenters:
                presenters.append(Run(", "))
            presenters += name_runs(cat.people[pid], cat)
    if presenters:
        pairs.append((text.render("presenters_label"), tuple(presenters)))
    blocks.append(KeyValue(tuple(pairs)))
    if data.event.recommendations:
        blocks.append(Paragraph(runs(Run(data.event.recommendations, style="muted")), style="small"))
    return tuple(blocks)


def _contact_groups(data: EventData, cat: Catalogue, dele: Delegation) -> list[tuple[str, list[Person]]]:
    """(fragment name of the group's heading, people) for organisers, press officers and the liaison."""

    def purpose(p: str) -> list[Person]:
        ids = dict.fromkeys(c.person for c in data.contacts if c.purpose == p)
        return [cat.people[i] for i in ids if i in cat.people]

    liaison = [cat.people[dele.liaison]] if dele.liaison and dele.liaison in cat.people else []
    groups = [("packet_organisers", purpose("information")), ("packet_press", purpose("press"))]
    groups.append(("packet_liaison", liaison))
    return [g for g in groups if g[1]]


def _contacts(data: EventData, cat: Catalogue, dele: Delegation, text: Fragments) -> tuple[Block, ...]:
    groups = _contact_groups(data, cat, dele)
    if not groups:
        return ()
    blocks: list[Block] = [Heading(runs(text.render("packet_contacts")), 1, anchor="contacts")]
    for fragment, people in groups:
        blocks.append(Heading(runs(text.render(fragment)), 2, anchor=anchor("contacts", fragment)))
        for person in people:
            org = cat.organisation_of(person)
            items: list[Block] = [Paragraph(name_runs(person, cat, style="strong"), keep_with_next=True)]
            if person.title:
                items.append(Paragraph(runs(person.title), style="small"))
            if org and not address_starts_with(person.address, org.name):
                items.append(Paragraph(runs(org.name), style="small"))
            items += address_paragraphs(person.address, style="small")
            details = contact_details(person, text)
            if details.pairs:
                items.append(details)
            blocks.append(KeepTogether(tuple(items)))
    return tuple(blocks)


def _practical(data: EventData, cat: Catalogue, text: Fragments) -> tuple[Block, ...]:
    """Venue, address, registration, notes, website and exhibits, straight from the event data."""
    body = venue_blocks(data.event, text)
    if data.exhibits:
        body.append(Heading(runs(text.render("exhibits")), 2, anchor="exhibits"))
        for exhibit in data.exhibits:
            org = cat.organisations.get(exhibit.organisation) if exhibit.organisation else None
            items: list[Block] = [Paragraph(runs(Run(exhibit.title, style="strong")), keep_with_next=True)]
            meta = " · ".join(x for x in (org.name if org else None, exhibit.location) if x)
            if meta:
                items.append(Paragraph(runs(Run(meta, style="muted")), style="small"))
            if exhibit.description:
                items.append(Paragraph(runs(exhibit.description), style="small"))
            body.append(KeepTogether(tuple(items)))
    if not body:
        return ()
    return (Heading(runs(text.render("packet_practical")), 1, anchor="practical"), *body)
