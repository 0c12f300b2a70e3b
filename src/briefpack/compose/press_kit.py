"""The press kit: one document that communications staff send to media and edit in Word on the way.

Order: a title block and contents, then five parts, each a top-level heading on a new page so the
contents list and the PDF bookmarks name them: the press release, a one-page media advisory, a
fact sheet, a programme summary with each country's speaking slots, and the spokespeople and
media contacts. The same composed document is rendered to DOCX and PDF, so it holds no
format-specific decisions.

Every word that is not data comes from a `press_*` fragment of the layout (or a shared label such
as `time_label`), so a press office rewrites the headline, dateline or boilerplate sentences in the
layout without touching Python. Fragments see plain dicts only.

Counting rules live here once (`_countries`, `_numbers`, `_org_kinds`) so the headline, the
advisory and the fact sheet can never disagree:
- countries taking part are the countries with a delegation (all countries in the data when no
  delegation is listed yet);
- participants are everyone in people.yaml (organisers and press officers attend too);
- sessions are the opening, numbered and recommendations sessions (not breaks or ceremonies);
- organisations taking part are every organisation in the data, grouped by kind.
Speaking slots come from the event model's `delegation_duties`, so a delegation's packet and the press
kit always agree on where it speaks.
"""

from __future__ import annotations

import re
from typing import Any, get_args

from briefpack.compose.common import (
    affiliation,
    contact_details,
    display_name,
    name_runs,
    session_time,
    session_title,
    tel_uri,
    web_url,
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
    PageBreak,
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
from briefpack.model.catalogue import Catalogue, PlacedSession
from briefpack.model.duties import Duty, delegation_duties
from briefpack.model.event import Country, Delegation, EventData, OrganisationKind, Person
from briefpack.model.kinds import KINDS

"""Session kinds a journalist would call a session: breaks, ceremonies and exhibits are not."""


"""The technical topics: the opening keynote and the numbered sessions."""

_SPEAKING_DUTIES = frozenset({"chair", "present", "brief"})
"""Duties that put a delegate at the microphone; `attend` (the recommendations segment) does not."""


def compose_press_kit(data: EventData, text: Fragments) -> Document:
    """The whole press kit as one document (title block, contents, five parts separated by page breaks)."""
    cat = Catalogue(data)
    ctx = _context(data, cat)
    title = _line(text, "press_title", **ctx)
    parts = [
        _press_release(data, cat, text, ctx),
        _media_advisory(data, cat, text, ctx),
        _fact_sheet(data, cat, text, ctx),
        _programme_summary(data, cat, text),
        _spokespeople_part(data, cat, text),
    ]
    blocks: list[Block] = [*_title_block(data, text, ctx), TableOfContents(text.render("contents"), levels=1)]
    for part in parts:
        blocks += [PageBreak(), *part]
    ev = data.event
    host = cat.organisations[ev.host]
    return Document(
        metadata=Metadata(
            title=title,
            author=host.name,
            subject=ev.theme or ev.name,
            keywords=tuple(k for k in (ev.short_name, *(c.name for c in _countries(data, cat))) if k),
            language="en",
        ),
        # One section: a press kit is edited in Word, where a single section keeps headers, footers
        # and page numbering in one place; the parts are separated by page breaks instead.
        sections=(Section(tuple(blocks), running_head=title),),
    )


# --- counting, once for every part ------------------------------------------------------------------


def _countries(data: EventData, cat: Catalogue) -> list[Country]:
    """Countries taking part: those with a delegation, in delegation order; all countries when none is listed."""
    codes = [d.country for d in data.delegations] or [c.code for c in data.countries]
    return [cat.countries[code] for code in dict.fromkeys(codes) if code in cat.countries]


def _org_kinds(data: EventData) -> dict[str, int]:
    """Organisation kind -> how many organisations of that kind, in the data model's order of kinds."""
    counts = {kind: sum(o.kind == kind for o in data.organisations) for kind in get_args(OrganisationKind)}
    return {kind: n for kind, n in counts.items() if n}


def _numbers(data: EventData, cat: Catalogue) -> dict[str, int]:
    """The forum in numbers; the keys are those `press_count_label` knows."""
    sessions = [p for p in cat.placed_sessions() if KINDS[p.session.kind].counted]
    return {
        "countries": len(_countries(data, cat)),
        "delegations": len(data.delegations),
        "days": len(data.days),
        "sessions": len(sessions),
        "participants": len(data.people),
        "organisations": len(data.organisations),
    }


def _context(data: EventData, cat: Catalogue) -> dict[str, Any]:
    """What every press fragment may use: plain dicts and lists, never model objects."""
    ev = data.event
    partners = [cat.organisations[p] for p in ev.partners if p in cat.organisations]
    countries = _countries(data, cat)
    venue_country = cat.countries.get(ev.country)
    return {
        "event": ev.model_dump(),
        "host": cat.organisations[ev.host].model_dump(),
        "partners": [p.model_dump() for p in partners],
        "partner_names": [p.name for p in partners],
        "country": venue_country.model_dump() if venue_country else {"code": ev.country, "name": ev.country},
        "countries": [c.model_dump() for c in countries],
        "country_names": [c.name for c in countries],
        "numbers": _numbers(data, cat),
    }


def _line(text: Fragments, fragment: str, /, **context: Any) -> str:
    """A one-paragraph fragment on one line: fragments wrap long templates over several lines for
    readability, and those line breaks are not meant to reach the page. Spaces inside data are kept."""
    return re.sub(r"\s*\n\s*", " ", text.render(fragment, **context))


def _names(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


# --- people ------------------------------------------------------------------------------------------


def _media_contacts(data: EventData, cat: Catalogue) -> list[Person]:
    """Whom journalists call: the press contacts, or the information contacts when no press contact is named."""
    for purpose in ("press", "information"):
        ids = dict.fromkeys(c.person for c in data.contacts if c.purpose == purpose)
        people = [cat.people[i] for i in ids if i in cat.people]
        if people:
            return people
    return []


def _spokespeople(data: EventData, cat: Catalogue) -> list[Person]:
    return [p for p in data.people if "spokesperson" in p.roles]


def _contact_groups(data: EventData, cat: Catalogue) -> list[tuple[str, str, list[Person]]]:
    """(fragment of the group heading, anchor, people) for spokespeople, press officers and information
    contacts; each person appears once, in the first group that names them."""
    press_ids = [c.person for c in data.contacts if c.purpose == "press"]
    press_ids += [p.id for p in data.people if "press" in p.roles]
    info_ids = [c.person for c in data.contacts if c.purpose == "information"]
    groups = [
        ("press_spokespeople_group", "spokespeople-group", [p.id for p in _spokespeople(data, cat)]),
        ("press_media_contacts", "press-officers", press_ids),
        ("press_information_contacts", "information-contacts", info_ids),
    ]
    seen: set[str] = set()
    out = []
    for fragment, where, ids in groups:
        people = []
        for pid in dict.fromkeys(ids):
            if pid in cat.people and pid not in seen:
                seen.add(pid)
                people.append(cat.people[pid])
        if people:
            out.append((fragment, where, people))
    return out


def _language_names(tags: list[str], text: Fragments) -> list[str]:
    return _names([text.render("press_language", tag=tag) for tag in tags])


def _person_entry(person: Person, cat: Catalogue, text: Fragments, *, full: bool) -> KeepTogether:
    """A contact as journalists need it: name (with the native-script name, language-tagged), title and
    organisation, then working `tel:` and `mailto:` links. `full` adds the languages spoken, which the
    spokespeople part has room for and the press release does not. Postal addresses are left out:
    journalists call or write, and the booklet and packets carry the addresses."""
    items: list[Block] = [Paragraph(name_runs(person, cat, style="strong"), keep_with_next=True)]
    where = affiliation(person, cat)
    if where:
        items.append(Paragraph(runs(where), style="small", keep_with_next=True))
    pairs: list[tuple[str, Inline]] = []
    if full and person.languages:
        languages = ", ".join(_language_names(person.languages, text))
        pairs.append((text.render("press_languages_label"), runs(languages)))
    pairs += contact_details(person, text).pairs
    if pairs:
        items.append(KeyValue(tuple(pairs)))
    return KeepTogether(tuple(items))


def _contact_inline(person: Person) -> list[Run]:
    """Name, numbers and e-mail on one line, each number and address a working link."""
    out = [Run(display_name(person), style="strong")]
    for number in (person.phone, person.mobile):
        if number:
            out += [Run(", "), Run(number, link=tel_uri(number))]
    if person.email:
        out += [Run(", "), Run(person.email, link=f"mailto:{person.email}")]
    return out


# --- title block -------------------------------------------------------------------------------------


def _title_block(data: EventData, text: Fragments, ctx: dict[str, Any]) -> list[Block]:
    ev = data.event
    blocks: list[Block] = [
        Paragraph(runs(text.render("press_kit", **ctx)), style="subtitle"),
        Paragraph(runs(ev.full_name), style="title"),
    ]
    theme = text.render("cover_theme", **ctx)
    if theme:
        blocks.append(Paragraph(runs(theme), style="lead"))
    blocks.append(Paragraph(runs(_line(text, "dates_place", **ctx)), style="subtitle"))
    blocks.append(Paragraph(runs(_line(text, "hosted_by", **ctx)), style="body"))
    return blocks


# --- 1. press release --------------------------------------------------------------------------------


def _press_release(data: EventData, cat: Catalogue, text: Fragments, ctx: dict[str, Any]) -> list[Block]:
    ev = data.event
    blocks: list[Block] = [
        Heading(runs(text.render("press_release", **ctx)), 1, anchor="press-release"),
        Paragraph(runs(Run(text.render("press_release_status", **ctx), style="strong")), style="small"),
        Paragraph(runs(Run(_line(text, "press_headline", **ctx), style="strong")), style="subtitle"),
    ]
    theme = text.render("cover_theme", **ctx)
    if theme:
        blocks.append(Paragraph(runs(Run(theme, style="emphasis")), style="lead"))
    blocks.append(
        Paragraph(
            runs(Run(_line(text, "press_dateline", **ctx), style="strong"), " ", _line(text, "press_lead", **ctx)),
            style="lead",
        )
    )
    blocks += [Paragraph(runs(p)) for p in text.paragraphs("press_body", **ctx)]
    blocks += _aims(data)
    blocks += _quote(data, cat, text)
    organisers = [(ev.host, "host"), *((p, "partner") for p in ev.partners if p != ev.host)]
    blocks.append(Heading(runs(text.render("press_about_organisers", **ctx)), 2, anchor="about-organisers"))
    for org_id, role in organisers:
        org = cat.organisations.get(org_id)
        if org is None:
            continue
        country = cat.countries.get(org.country) if org.country else None
        about = _line(
            text,
            "press_about_organisation",
            **ctx,
            organisation=org.model_dump(),
            role=role,
            organisation_country=country.model_dump() if country else None,
        )
        parts: list[Run] = [Run(about)]
        if org.website:
            parts += [Run(" "), Run(org.website, style="link", link=web_url(org.website))]
        blocks.append(Paragraph(tuple(parts)))
    blocks.append(Paragraph(runs(Run(text.render("press_ends", **ctx), style="strong")), style="centre"))
    contacts = _media_contacts(data, cat)
    if contacts:
        blocks.append(Heading(runs(text.render("press_media_contacts", **ctx)), 2, anchor="media-contacts"))
        blocks += [_person_entry(p, cat, text, full=False) for p in contacts]
    return blocks


def _aims(data: EventData) -> list[Block]:
    """The aims exactly as the organisers wrote them: intro, the line leading into the list, the list."""
    ev = data.event
    if not ev.aims:
        return []
    blocks: list[Block] = []
    if ev.aims_intro:
        blocks.append(Paragraph(runs(ev.aims_intro)))
    if ev.aims_lead:
        blocks.append(Paragraph(runs(ev.aims_lead), keep_with_next=True))
    blocks.append(BulletList(tuple(runs(aim) for aim in ev.aims)))
    return blocks


def _quote(data: EventData, cat: Catalogue, text: Fragments) -> list[Block]:
    quote = data.event.quote
    if quote is None or quote.person not in cat.people:
        return []
    person = cat.people[quote.person]
    org = cat.organisation_of(person)
    said = _line(text, "press_quote", quote=quote.model_dump())
    who = _line(
        text,
        "press_quote_attribution",
        display_name=display_name(person),
        person=person.model_dump(),
        organisation=org.model_dump() if org else None,
    )
    return [KeepTogether((Paragraph(runs(said), style="quote"), Paragraph(runs(who), style="quote")))]


# --- 2. media advisory -------------------------------------------------------------------------------


def _media_advisory(data: EventData, cat: Catalogue, text: Fragments, ctx: dict[str, Any]) -> list[Block]:
    """What / when / where / who / interviews / contact on one page: editors plan coverage from it."""
    # The doors open with the first session that is not registration or another break: that is the
    # time a camera crew needs.
    first_day = data.days[0].sessions
    opening = next((s for s in first_day if not KINDS[s.kind].pause), first_day[0] if first_day else None)
    speakers = _spokespeople(data, cat)
    languages = _language_names([tag for p in speakers for tag in p.languages], text)
    pairs: list[tuple[str, Inline]] = [
        (text.render("press_what_label"), runs(_line(text, "press_advisory_what", **ctx))),
        (
            text.render("when_label"),
            runs(_line(text, "press_advisory_when", **ctx, opening=opening.model_dump() if opening else None)),
        ),
        (text.render("where_label"), runs(_line(text, "press_advisory_where", **ctx))),
        (text.render("press_who_label"), runs(_line(text, "press_advisory_who", **ctx))),
        (
            text.render("press_interviews_label"),
            runs(
                _line(
                    text,
                    "press_advisory_interviews",
                    **ctx,
                    spokespeople=[display_name(p) for p in speakers],
                    languages=languages,
                )
            ),
        ),
    ]
    contact: list[Run] = []
    for person in _media_contacts(data, cat):
        if contact:
            contact.append(Run("; "))
        contact += _contact_inline(person)
    if contact:
        pairs.append((text.render("press_contact_label"), tuple(contact)))
    return [
        Heading(runs(text.render("press_advisory", **ctx)), 1, anchor="media-advisory"),
        Paragraph(runs(_line(text, "press_advisory_intro", **ctx)), style="lead"),
        KeyValue(tuple(pairs)),
    ]


# --- 3. fact sheet -----------------------------------------------------------------------------------


def _fact_sheet(data: EventData, cat: Catalogue, text: Fragments, ctx: dict[str, Any]) -> list[Block]:
    numbers = ctx["numbers"]
    blocks: list[Block] = [
        Heading(runs(text.render("press_fact_sheet", **ctx)), 1, anchor="fact-sheet"),
        Heading(runs(_line(text, "press_in_numbers", **ctx)), 2, anchor="in-numbers"),
        KeyValue(tuple((_line(text, "press_count_label", what=k, n=n), runs(str(n))) for k, n in numbers.items() if n)),
    ]
    kinds = _org_kinds(data)
    if kinds:
        blocks.append(Heading(runs(text.render("press_by_kind", **ctx)), 3, outline=False))
        blocks.append(
            KeyValue(tuple((_line(text, "press_org_kind", kind=k, n=n), runs(str(n))) for k, n in kinds.items()))
        )
    if data.event.aims:
        blocks.append(Heading(runs(text.render("aims", **ctx)), 2, anchor="fact-sheet-aims"))
        blocks.append(BulletList(tuple(runs(aim) for aim in data.event.aims)))
    topics = [p.session for p in cat.placed_sessions() if KINDS[p.session.kind].topic]
    if topics:
        blocks.append(Heading(runs(text.render("press_topics", **ctx)), 2, anchor="topics"))
        if data.event.topics_intro:
            blocks.append(Paragraph(runs(data.event.topics_intro)))
        for session in topics:
            title = session_title(session, text)
            if session.description:
                heading = Heading(runs(title), 3, outline=False)
                blocks.append(KeepTogether((heading, Paragraph(runs(session.description)))))
            else:  # a topic with nothing under it is a line of its own, not a heading left without a body
                blocks.append(Paragraph((Run(title, style="strong"),)))
    return blocks


# --- 4. programme summary ----------------------------------------------------------------------------


def _programme_summary(data: EventData, cat: Catalogue, text: Fragments) -> list[Block]:
    blocks: list[Block] = [Heading(runs(text.render("press_programme")), 1, anchor="programme-summary")]
    header = Row(tuple(cell(text.render(k), style="table-head") for k in ("time_label", "session_label", "room_label")))
    for d, day in enumerate(data.days):
        blocks.append(
            Heading(runs(_line(text, "day_heading", day=day.model_dump())), 2, anchor=f"programme-day-{d + 1}")
        )
        rows = tuple(
            Row(
                (
                    cell(session_time(s)),
                    cell(session_title(s, text)),
                    cell(s.room) if s.room else Cell(()),
                )
            )
            for s in day.sessions
        )
        blocks.append(Table((1.3, 5.2, 1.8), (header,), rows))
    if data.delegations:
        blocks += _speaking_slots(data, cat, text)
    return blocks


def _slots(cat: Catalogue, delegation: Delegation) -> list[tuple[PlacedSession, Duty]]:
    """Where a delegation takes the floor, in programme order: the sessions its people chair or present
    in, and the one where its recommendations brief is presented."""
    return [
        (cat.sessions[sid], duty)
        for sid, duties in delegation_duties(cat, delegation).items()
        for duty in duties
        if duty.kind in _SPEAKING_DUTIES
    ]


def _speaking_slots(data: EventData, cat: Catalogue, text: Fragments) -> list[Block]:
    blocks: list[Block] = [
        Heading(runs(text.render("press_speaking_slots")), 2, anchor="speaking-slots"),
        Paragraph(runs(_line(text, "press_speaking_intro"))),
    ]
    header = Row(
        tuple(cell(text.render(k), style="table-head") for k in ("when_label", "session_label", "press_who_label"))
    )
    for dele in data.delegations:
        country = cat.countries.get(dele.country)
        title: list[Run] = [Run(country.name if country else dele.country)]
        if country and country.native_name and country.native_name != country.name:
            title += [Run(" · ", style="muted"), Run(country.native_name, lang=country.language)]
        blocks.append(Heading(tuple(title), 3, outline=False))
        rows = [_slot_row(placed, duty, dele, cat, text) for placed, duty in _slots(cat, dele)]
        if rows:
            blocks.append(Table((1.6, 3.6, 3.2), (header,), tuple(rows)))
        else:
            ctx = {"country": country.model_dump() if country else {"code": dele.country, "name": dele.country}}
            blocks.append(Paragraph(runs(_line(text, "press_no_slots", **ctx))))
    return blocks


def _slot_row(placed: PlacedSession, duty: Duty, dele: Delegation, cat: Catalogue, text: Fragments) -> Row:
    session = placed.session
    names = [display_name(cat.people[p]) for p in duty.people if p in cat.people]
    if duty.kind == "brief" and dele.brief is not None:
        when = _line(text, "press_slot_when", date=placed.day.date, start=dele.brief.start, end=None)
        what = _line(text, "press_slot", kind="brief", names=names, title=dele.brief.title, minutes=dele.brief.minutes)
    else:
        when = _line(text, "press_slot_when", date=placed.day.date, start=session.start, end=session.end)
        what = _line(text, "press_slot", kind=duty.kind, names=names, title=duty.title, minutes=None)
    return Row((cell(when), cell(session_title(session, text)), cell(what)))


# --- 5. spokespeople and media contacts --------------------------------------------------------------


def _spokespeople_part(data: EventData, cat: Catalogue, text: Fragments) -> list[Block]:
    blocks: list[Block] = [Heading(runs(text.render("press_spokespeople")), 1, anchor="spokespeople")]
    for fragment, where, people in _contact_groups(data, cat):
        blocks.append(Heading(runs(text.render(fragment)), 2, anchor=where))
        blocks += [_person_entry(p, cat, text, full=True) for p in people]
    return blocks
