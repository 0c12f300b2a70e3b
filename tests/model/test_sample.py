"""The sample event keeps every fact of the seed text exactly, and has what a real pack needs."""

from __future__ import annotations

import datetime as dt

import pytest

import seedfacts
from briefpack.model.catalogue import Catalogue, delegation_people
from briefpack.model.event import EventData
from briefpack.model.validate import load_event
from eventdirs import SAMPLE

# Facts copied from shared/seed/mekong-womens-forum-2007.txt; a sample that drifts from them fails here.
SESSIONS = {
    "opening": ("Taking a Gender Perspective in Action Against Human Trafficking", "outlines key reasons why"),
    1: ("Information and awareness Raising Campaigns", "Vietnamese, Chinese and Lao women's organizations"),
    2: ("Social Empowerment and Youth Education", "Examples come from China Yunnan, Cambodia, Viet Nam."),
    3: ("Sustainable Livelihoods and Economic Empowerment", "Examples are from Lao PDR, Thailand and Cambodia."),
    4: ("Protection of Migrants at destination", "(Viet Nam, Malaysia) and from the Yunnan Province of China."),
    5: ("Policy Mainstreaming", "Examples are from China Yunnan, Thailand, and the sub-region."),
}


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


def test_title_dates_place_host_and_theme(data: EventData) -> None:
    ev = data.event
    assert ev.name == "The Mekong Women's Forum" and ev.edition == "2007"
    assert (ev.start_date, ev.end_date) == (dt.date(2007, 7, 12), dt.date(2007, 7, 13))
    assert ev.city == "Hanoi" and ev.country == "VN"
    host = Catalogue(data).organisations[ev.host]
    assert host.name == "Viet Nam Women's Union"
    assert host.native_name == "Hội Liên hiệp Phụ nữ Việt Nam"
    assert ev.theme == "Women's Solidarity & Empowerment in Action against Human Trafficking and Discrimination"


def test_description_keeps_the_seed_paragraphs(data: EventData) -> None:
    text = "\n".join(data.event.description)
    assert text.startswith("The Mekong Women's Forum is the first meeting of women's organizations")
    for phrase in (
        "village savings-and-loan schemes in Lao PDR",
        "representatives from Government – including senior officials involved in the Coordinated Mekong "
        "Ministerial Initiative against Trafficking in the GMS (COMMIT) and the Ministries of Labour",
        "five countries: Cambodia, China, Lao PDR, Thailand and Viet Nam.",
        "interviews with key participants can be arranged upon request.",
    ):
        assert phrase in text


def test_the_three_aims_verbatim(data: EventData) -> None:
    assert data.event.aims == seedfacts.AIMS
    assert data.event.aims_lead == "The forum will:"


def test_opening_keynote_and_sessions_one_to_five(data: EventData) -> None:
    sessions = [s for day in data.days for s in day.sessions]
    by_key = {
        ("opening" if s.kind == "opening" else int(s.number or 0)): s
        for s in sessions
        if s.kind in {"opening", "session"}
    }
    for key, (title, phrase) in SESSIONS.items():
        assert by_key[key].title == title
        assert phrase in (by_key[key].description or "")
    assert {c for c in by_key[4].focus_countries} >= {"VN", "MY", "CN"}


def test_recommendations_and_exhibits(data: EventData) -> None:
    recs = [s for day in data.days for s in day.sessions if s.kind == "recommendations"]
    assert len(recs) == 1
    assert recs[0].description == (
        "Country delegations have been asked to present their country-specific recommendations on ways to "
        "strengthen action by women's organizations and promote partnerships at the national and sub-regional levels."
    )
    assert any(
        e.description == "The Viet Nam Women's Union has set up a public display for information and advocacy "
        "publications and materials from all the countries"
        for e in data.exhibits
    )


def test_five_countries_with_government_workers_and_employers(data: EventData) -> None:
    cat = Catalogue(data)
    assert {d.country for d in data.delegations} == {"KH", "CN", "LA", "TH", "VN"}
    for dele in data.delegations:
        people = [cat.people[p] for p in delegation_people(dele)]
        assert 6 <= len(people) <= 15
        kinds = {cat.organisations[p.organisation].kind for p in people if p.organisation}
        assert {"government", "workers", "employers"} <= kinds, dele.id
    for dele in data.delegations:
        titles = " ".join(cat.people[p].title or "" for p in delegation_people(dele))
        assert "COMMIT" in titles, f"{dele.id}: the seed names COMMIT officials among the government representatives"
        assert any(
            "Labour" in cat.organisations[cat.people[p].organisation].name
            for p in delegation_people(dele)
            if cat.people[p].organisation
        ), f"{dele.id}: a Ministry of Labour"


def test_both_information_contacts_as_printed(data: EventData) -> None:
    cat = Catalogue(data)
    info = {cat.people[c.person].name: cat.people[c.person] for c in data.contacts if c.purpose == "information"}
    dow, xuan = info["Allan Dow"], info["Duong Thi Xuan"]
    assert (dow.honorific, dow.title) == ("Mr.", "Communications Officer")
    assert dow.address == [
        "ILO Mekong Sub-regional Project to Combat",
        "Trafficking in Children and Women",
        "United Nations Building, 10th Floor, Block B",
        "Rajadamnern Nok Avenue,",
        "Bangkok 10200, Thailand",
    ]
    assert (dow.phone, dow.mobile, dow.email) == ("(66-2) 288 2057", "(66-8) 9891 5003", "dow@ilo.org")
    assert (xuan.honorific, xuan.title, xuan.native_name) == ("Ms.", "Head of IEC Department", "Dương Thị Xuân")
    assert xuan.address == ["Viet Nam Women's Union", "39 Hang Chuoi Street,", "Hanoi, Viet Nam"]
    assert (xuan.phone, xuan.fax, xuan.email) == ("(84-4) 9719916", "(84-4) 9722313", "xuan_iec@yahoo.com")


def test_native_names_in_every_script_of_the_region(data: EventData) -> None:
    natives = " ".join(p.native_name or "" for p in data.people) + " ".join(
        o.native_name or "" for o in data.organisations
    )
    for first, last, script in [
        (0x0E00, 0x0E7F, "Thai"),
        (0x0E80, 0x0EFF, "Lao"),
        (0x1780, 0x17FF, "Khmer"),
        (0x4E00, 0x9FFF, "Chinese"),
    ]:
        assert any(first <= ord(ch) <= last for ch in natives), script
    assert "\u17d2" in natives, "Khmer names include a coeng (subscript consonant)"
    assert any(ch in natives for ch in "ươạịễ"), "Vietnamese with full diacritics"
