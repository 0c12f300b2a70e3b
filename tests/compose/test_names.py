"""Names as people write them (issue 14): the index sorts as each name's culture expects, vCards get
the right family name, and what the data says about a name wins over the rules (`compose/names.py`)."""

from __future__ import annotations

import pytest

from briefpack.compose.booklet import compose_booklet
from briefpack.compose.common import name_runs
from briefpack.compose.contacts import split_name
from briefpack.compose.names import index_key, index_name
from briefpack.document.model import Index
from briefpack.document.resolve import resolve
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import EventData, Person
from briefpack.model.validate import load_event
from eventdirs import SAMPLE


def _person(name: str, country: str | None = None, **parts: str) -> Person:
    return Person.model_validate({"id": "p", "name": name, "country": country, **parts})


@pytest.mark.parametrize(
    ("name", "country", "parts", "listed", "family"),
    [
        ("Allan Dow", None, {}, "Dow, Allan", "Dow"),
        ("Maeve O'Donnell", "IE", {}, "O'Donnell, Maeve", "O'Donnell"),
        ("Wilaiwan Srisuk", "TH", {}, "Srisuk, Wilaiwan", "Srisuk"),
        ("Nguyễn Thị Thanh Hà", "VN", {}, "Nguyễn Thị Thanh Hà", "Nguyễn"),
        ("Wang Lihua", "CN", {}, "Wang Lihua", "Wang"),
        ("Ahmad Faizal bin Abdul Rahman", "MY", {}, "Ahmad Faizal bin Abdul Rahman", ""),
        ("Khin Myo Aye", "MM", {}, "Khin Myo Aye", ""),
        (
            "Mary Ann van der Berg",
            "NL",
            {"family_name": "van der Berg", "given_name": "Mary Ann"},
            "van der Berg, Mary Ann",
            "van der Berg",
        ),
        ("Tanaka Yuki", "GB", {"name_order": "family-first"}, "Tanaka Yuki", "Tanaka"),
    ],
)
def test_index_form_and_family_name_follow_the_names_culture_or_the_data(
    name: str, country: str | None, parts: dict[str, str], listed: str, family: str
) -> None:
    person = _person(name, country, **parts)
    assert index_name(person) == listed
    assert split_name(person)[0] == family


def test_sort_as_decides_the_index_place() -> None:
    assert index_key(_person("Ông Văn Ba", "VN", sort_as="Ong Van Ba")) == "ong van ba"


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


def test_the_booklet_index_lists_western_names_under_their_family_names_in_order(data: EventData) -> None:
    document = compose_booklet(data, Fragments(load_layout("booklet-a5")))
    index = next(b for s in document.sections for b in s.blocks if isinstance(b, Index))
    terms = [
        "".join(r.text for r in t.term).split(" · ")[0]
        for t in resolve(document, load_layout("booklet-a5")).index(index)
    ]
    assert "Dow, Allan" in terms and "Allan Dow" not in terms
    assert terms.index("Dow, Allan") < terms.index("Ellison, Margaret") < terms.index("O'Donnell, Maeve")
    assert "Nguyễn Thị Thanh Hà" in terms  # family name first, as written


def test_a_native_name_can_carry_its_own_language(data: EventData) -> None:
    person = _person("Chan Mei Ling", "CN", native_name="陳美玲", native_name_language="zh-Hant")
    native = name_runs(person, Catalogue(data))[-1]
    assert (native.text, native.lang) == ("陳美玲", "zh-Hant")
