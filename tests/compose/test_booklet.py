"""What the booklet owes its readers (issue 14): the venue and practical notes, the website linked,
every session's chair on its own page, and the name printed once when it already ends in the edition."""

from __future__ import annotations

import pytest

from briefpack.compose.booklet import compose_booklet
from briefpack.document.model import Document, Heading, Paragraph, Section
from briefpack.document.walk import shown, walk
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.event import EventData
from briefpack.model.validate import load_event
from eventdirs import SAMPLE

TEXT = Fragments(load_layout("booklet-a5"))


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


def _section(document: Document, heading: str) -> Section:
    return next(
        s for s in document.sections if s.blocks and isinstance(s.blocks[0], Heading) and s.blocks[0].text == heading
    )


def _texts(section: Section) -> list[str]:
    return ["".join(r.text for r in piece.content) for b in walk(section.blocks) for piece in shown(b)]


def test_the_booklet_gives_the_venue_its_address_registration_and_notes(data: EventData) -> None:
    venue = data.event.venue
    assert venue is not None
    texts = _texts(_section(compose_booklet(data, TEXT), "Practical information"))
    assert venue.name in texts and all(line in texts for line in venue.address)
    assert venue.registration in texts and all(note in texts for note in venue.notes)


def test_the_website_is_printed_and_linked(data: EventData) -> None:
    event = data.event.model_copy(update={"website": "www.mekongwomen.example.org"})
    document = compose_booklet(data.model_copy(update={"event": event}), TEXT)
    runs = [
        r
        for b in walk(_section(document, "Practical information").blocks)
        if isinstance(b, Paragraph)
        for r in b.content
    ]
    link = next(r for r in runs if r.text == "www.mekongwomen.example.org")
    assert link.link == "https://www.mekongwomen.example.org"


def test_the_recommendations_page_names_its_chair(data: EventData) -> None:
    session = next(s for day in data.days for s in day.sessions if s.kind == "recommendations")
    chair = data.people[[p.id for p in data.people].index(session.chairs[0])]
    texts = _texts(_section(compose_booklet(data, TEXT), "Country recommendations"))
    assert any(t.startswith("Chair: ") and chair.name in t for t in texts)


def test_a_name_that_ends_in_the_edition_prints_it_once(data: EventData) -> None:
    event = data.event.model_copy(update={"name": "The Mekong Women's Forum 2007"})
    document = compose_booklet(data.model_copy(update={"event": event}), TEXT)
    cover = _texts(document.sections[0])
    assert cover[0] == "The Mekong Women's Forum 2007" and "2007" not in cover[1:2]
    assert document.metadata.title == "The Mekong Women's Forum 2007"
