"""The briefing packet: one document per delegation, written to be mailed to it as is.

Order: cover (the delegation's name in English and in its own script), roster, its own schedule
inside the full timetable, the sessions that feature its country, the recommendations brief it
presents, whom to contact, and practical notes. Parts with nothing to say are left out, except
where a gap is news to the delegation (no members registered, no brief scheduled): those parts
say so, in words from the layout.

"Its own slots" are decided in one place, `delegation_duties`, so the schedule's highlights, the notes for
the build summary and the tests' independent reading of the data all talk about the same thing:
a session is the delegation's when one of its people (head or member) chairs it or presents in
it, when its recommendations brief is presented in it, or when it is a recommendations segment
(every delegation is expected to attend those in full).

Also here: the file-system slug each packet is filed under (`delegation_slug`) and the
`recipients.csv` manifest a mail merge reads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from briefpack.compose.common import (
    address_paragraphs,
    address_starts_with,
    anchor,
    contact_details,
    display_name,
    name_runs,
    safe_slug,
    session_time,
    sort_key,
)
from briefpack.document.model import (
    Block,
    BulletList,
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
from briefpack.errors import Problem, UserError
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue, delegation_people
from briefpack.model.event import Delegation, EventData, Person, Session

SLUG_LENGTH = 60
"""Longest packet slug: with `.zip` and the event folder, paths stay far below Windows' 260 characters."""

RECIPIENTS_HEADER: tuple[str, ...] = (
    "delegation_id",
    "country",
    "packet_folder",
    "attachment",
    "head_name",
    "head_email",
    "to",
)
"""Columns of `recipients.csv`. Machine-facing keys for a mail merge, so they are not layout text."""


# --- which slots are the delegation's ---------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    """What the delegation does in one session: `kind` is chair, present, brief or attend."""

    kind: str
    people: tuple[str, ...] = ()  # person ids
    title: str = ""  # the presentation's title, for `present`


def delegation_duties(cat: Catalogue, delegation: Delegation) -> dict[str, list[Duty]]:
    """Session id -> what the delegation does there, in programme order; only its own sessions appear."""
    people = set(delegation_people(delegation))
    brief = delegation.brief
    out: dict[str, list[Duty]] = {}
    for placed in cat.placed_sessions():
        session = placed.session
        duties: list[Duty] = []
        chairs = tuple(p for p in session.chairs if p in people)
        if chairs:
            duties.append(Duty("chair", chairs))
        for pres in session.presentations:
            presenters = tuple(p for p in pres.presenters if p in people)
            if presenters:
                duties.append(Duty("present", presenters, pres.title))
        if brief and brief.session == session.id:
            duties.append(Duty("brief", tuple(brief.presenters)))
        if session.kind == "recommendations":
            duties.append(Duty("attend"))
        if duties:
            out[session.id] = duties
    return out


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


# --- notes for the build summary --------------------------------------------------------------


@dataclass(frozen=True)
class PacketNote:
    """Something an organiser should know before mailing a packet; the build summary prints `message`.

    `code` (no-members, no-head, no-brief, brief-unassigned, no-speaking-slot, no-recipients,
    no-liaison) lets the build or a test pick notes without parsing English. Messages are for the
    person running the build, like `Problem` messages, so they are plain English here rather than
    layout text.
    """

    delegation: str
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def packet_notes(data: EventData, delegation_id: str) -> list[PacketNote]:
    """Gaps in a delegation's data that still build a packet but that the build summary should report."""
    cat = Catalogue(data)
    dele = find_delegation(data, delegation_id)
    name = f"delegation `{dele.id}` ({cat.country_name(dele.country)})"
    notes: list[PacketNote] = []

    def note(code: str, message: str) -> None:
        notes.append(PacketNote(dele.id, code, f"{name} {message}"))

    people = delegation_people(dele)
    if not people:
        note("no-members", "has no members: its packet says none are registered")
    elif not dele.head:
        note("no-head", "has no head of delegation")
    if not dele.brief:
        note("no-brief", "has no recommendations brief")
    elif not any(p in cat.people for p in dele.brief.presenters):
        note("brief-unassigned", "has a recommendations brief that nobody is named to present")
    speaking = any(d.kind in {"present", "brief"} for ds in delegation_duties(cat, dele).values() for d in ds)
    if not speaking:
        note("no-speaking-slot", "has no speaking slot: none of its members presents and it has no brief")
    if not _recipients(cat, dele):
        note("no-recipients", "has no e-mail address to send its packet to")
    if not dele.liaison:
        note("no-liaison", "has no liaison named by the host")
    return notes


# --- finding a delegation and filing its packet ------------------------------------------------


def find_delegation(data: EventData, key: str) -> Delegation:
    """The delegation named by `key`: its id, country code, country name or packet slug, any case, with
    or without diacritics, so `--delegation VN`, `viet-nam` and `Việt Nam` all work on the command line."""
    for dele in data.delegations:
        if dele.id == key:
            return dele
    cat = Catalogue(data)
    wanted = sort_key(key.strip())
    slugs = delegation_slugs(data)
    for dele in data.delegations:
        names = {dele.id, dele.country, slugs[dele.id]}
        country = cat.countries.get(dele.country)
        if country:
            names |= {country.name, country.native_name or ""}
        if wanted in {sort_key(n) for n in names if n} or safe_slug(key) == slugs[dele.id]:
            return dele
    known = ", ".join(f"{d.id} ({cat.country_name(d.country)})" for d in data.delegations) or "none"
    raise UserError(
        Problem(
            f"no delegation `{key}`",
            hint=f"give a delegation id, country code or country name; delegations: {known}",
        )
    )


def _base_slug(delegation: Delegation, cat: Catalogue) -> str:
    country = cat.countries.get(delegation.country)
    for candidate in (country.name if country else "", delegation.country, delegation.id):
        slug = safe_slug(candidate, SLUG_LENGTH)
        if slug:
            return slug
    return "delegation"


def delegation_slugs(data: EventData) -> dict[str, str]:
    """Delegation id -> packet slug, unique across the event.

    The slug is the country's English name (`viet-nam`, `lao-pdr`): a recipient recognises it in an
    attachment name, which an id like `vn` does not give. Two delegations of one country get their ids
    appended; whatever the data holds, a slug is only `a-z0-9-` (see `safe_slug`), so it is safe
    to join to a folder.
    """
    cat = Catalogue(data)
    base = {d.id: _base_slug(d, cat) for d in data.delegations}
    counts: dict[str, int] = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    out: dict[str, str] = {}
    taken: set[str] = set()
    for dele in data.delegations:
        slug = base[dele.id]
        if counts[slug] > 1:
            slug = _suffixed(slug, dele.id)
        n = 2
        unique = slug
        while unique in taken:
            unique = _suffixed(slug, str(n))
            n += 1
        taken.add(unique)
        out.setdefault(dele.id, unique)
    return out


def _suffixed(slug: str, suffix: str) -> str:
    """`slug-suffix`, shortening the slug (not the suffix) to stay within the slug length limit, so two
    long names that differ only in their suffix stay different."""
    tail = safe_slug(suffix, SLUG_LENGTH)
    if not tail:
        return slug
    room = SLUG_LENGTH - len(tail) - 1
    return f"{slug[:room].rstrip('-')}-{tail}" if room > 0 else tail[:SLUG_LENGTH]


def delegation_slug(delegation: Delegation, data: EventData) -> str:
    """The folder and zip name for one delegation's packet (see `delegation_slugs`)."""
    slugs = delegation_slugs(data)
    if delegation.id in slugs and any(d == delegation for d in data.delegations):
        return slugs[delegation.id]
    return _base_slug(delegation, Catalogue(data))


# --- the recipients manifest --------------------------------------------------------------------


def _recipients(cat: Catalogue, delegation: Delegation) -> list[str]:
    """E-mail addresses to send the packet to: head first, then members; each once."""
    out: list[str] = []
    for pid in delegation_people(delegation):
        person = cat.people.get(pid)
        if person and person.email and person.email not in out:
            out.append(person.email)
    return out


def recipients_csv(data: EventData) -> bytes:
    """`recipients.csv`: one row per delegation, sorted by packet slug (the order a folder lists them).

    Paths are relative to the CSV, which sits beside the packet folders (`delegations/`). UTF-8
    without a byte-order mark and RFC 4180 line ends, written by the csv module so commas, quotes
    and newlines in names survive. `to` holds the addresses separated by `;`, as mail clients accept.
    """
    cat = Catalogue(data)
    slugs = delegation_slugs(data)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(RECIPIENTS_HEADER)
    for dele in sorted(data.delegations, key=lambda d: (slugs[d.id], d.id)):
        head = cat.people.get(dele.head) if dele.head else None
        slug = slugs[dele.id]
        row = (
            dele.id,
            cat.country_name(dele.country) or dele.country,
            slug,
            f"{slug}.zip",
            display_name(head) if head else "",
            head.email if head and head.email else "",
            ";".join(_recipients(cat, dele)),
        )
        writer.writerow(tuple(_inert(cell) for cell in row))
    return buffer.getvalue().encode("utf-8")


def _inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@` or a tab would be run
    as a formula by Excel or LibreOffice when the organiser opens the mail-merge file (a name such as
    `=HYPERLINK(...)` in the data), so it gets a leading apostrophe, as spreadsheets do themselves."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def packet_contacts(data: EventData, delegation_id: str) -> list[Person]:
    """Everyone part 6 of the packet names (organisers, press officers, liaison), each once: the people
    whose contact cards belong in the delegation's zip."""
    cat = Catalogue(data)
    dele = find_delegation(data, delegation_id)
    out: list[Person] = []
    for group in _contact_groups(data, cat, dele):
        for person in group[1]:
            if person not in out:
                out.append(person)
    return out


# --- the document -------------------------------------------------------------------------------


def compose_packet(data: EventData, delegation_id: str, text: Fragments) -> Document:
    """The briefing packet of one delegation (id, country code or country name; see `find_delegation`)."""
    cat = Catalogue(data)
    dele = find_delegation(data, delegation_id)
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
    blocks.append(Paragraph(runs(f"{ev.name} {ev.edition}" if ev.edition else ev.name), style="subtitle"))
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


def _duty_text(duty: Duty, dele: Delegation, cat: Catalogue, text: Fragments) -> str:
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
    for day in data.days:
        items = []
        for session in day.sessions:
            own = duties.get(session.id, [])
            detail: Inline = ()
            if own:
                detail = runs("; ".join(_duty_text(d, dele, cat, text) for d in own))
            target = None
            if dele.brief and dele.brief.session == session.id:
                target = "brief"
            elif session.id in featured:
                target = anchor("session", session.id)
            items.append(
                ScheduleItem(
                    start=f"{session.start:%H:%M}",
                    end=f"{session.end:%H:%M}",
                    title=runs(text.render("session_heading", session=session.model_dump())),
                    detail=detail,
                    place=session.room or "",
                    highlight=bool(own),
                    target=target,
                )
            )
        blocks.append(ScheduleGrid(runs(text.render("day_heading", day=day.model_dump())), tuple(items), labels))
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
                runs(text.render("session_heading", session=session.model_dump())),
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
        where = text.render("session_heading", session=placed.session.model_dump())
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
    """Venue, address, registration, notes and exhibits, straight from the event data."""
    venue = data.event.venue
    body: list[Block] = []
    if venue:
        body.append(Heading(runs(text.render("packet_venue")), 2, anchor="venue"))
        body.append(Paragraph(runs(Run(venue.name, style="strong")), keep_with_next=bool(venue.address)))
        body += address_paragraphs(venue.address)
        if venue.registration:
            body.append(Heading(runs(text.render("packet_registration_label")), 2, anchor="registration"))
            body.append(Paragraph(runs(venue.registration)))
        if venue.notes:
            body.append(Heading(runs(text.render("packet_good_to_know")), 2, anchor="notes"))
            body.append(BulletList(tuple(runs(n) for n in venue.notes)))
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
