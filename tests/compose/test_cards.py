"""Contact cards and vCards: who gets a card, and that what a card's QR code and `contacts.vcf` hold is
read back by real tools (vobject for vCards, zbarimg for QR codes) as the person's own data, diacritics
and native scripts included.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import warnings
from pathlib import Path

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from vcard.vcard_validator import VcardValidator

from briefpack.compose.cards import card_people, compose_cards
from briefpack.compose.common import display_name
from briefpack.compose.contacts import contact, contact_book, split_name
from briefpack.document.model import CardGrid
from briefpack.document.styles import style_sheet
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.event import EventData, Person
from briefpack.model.validate import load_event
from briefpack.render.vcard import card_code, fold, qr_payload, render_vcf
from briefpack.render.vcard import vcard as vcard_text
from conftest import require_tool
from eventdirs import SAMPLE


def vcard(person: Person, data: EventData) -> str:
    """The person's vCard as the build writes it: composed as a contact, rendered by the vCard renderer."""
    return vcard_text(contact(person, data))


def contacts_vcf(people: list[Person], data: EventData) -> bytes:
    return render_vcf(contact_book(people, data))


SCRIPTS = {
    "thai": re.compile("[\u0e00-\u0e7f]"),
    "lao": re.compile("[\u0e80-\u0eff]"),
    "khmer": re.compile("[\u1780-\u17ff]"),
    "chinese": re.compile("[\u4e00-\u9fff]"),
}


@pytest.fixture(scope="module")
def data() -> EventData:
    return load_event(SAMPLE).data


@pytest.fixture(scope="module")
def text() -> Fragments:
    return Fragments(load_layout("base"))


def read(card_text: str) -> vobject.base.Component:
    return vobject.readOne(card_text)


def values(card: vobject.base.Component, name: str) -> list[vobject.base.ContentLine]:
    return card.contents.get(name.lower(), [])


def language_of(person: Person, data: EventData) -> str | None:
    country = next((c for c in data.countries if c.code == person.country), None)
    return country.language if country else None


def person_with_script(data: EventData, script: str) -> Person:
    found = [p for p in data.people if p.native_name and SCRIPTS[script].search(p.native_name)]
    assert found, f"the sample has nobody with a {script} name: add one, the cards must show they work"
    return found[0]


# --- who gets a card ----------------------------------------------------------------------------


def test_default_cards_are_for_contacts_heads_and_spokespeople(data: EventData) -> None:
    expected = {c.person for c in data.contacts}
    expected |= {d.head for d in data.delegations if d.head}
    expected |= {p.id for p in data.people if "spokesperson" in p.roles}
    chosen = [p.id for p in card_people(data)]
    assert set(chosen) == expected
    assert len(chosen) == len(expected)
    press = {c.person for c in data.contacts if c.purpose == "press"}
    info = {c.person for c in data.contacts if c.purpose == "information"}
    assert press and info and press <= set(chosen) and info <= set(chosen)


def test_all_cards_are_for_everyone(data: EventData) -> None:
    assert sorted(p.id for p in card_people(data, "all")) == sorted(p.id for p in data.people)


def test_card_order_does_not_depend_on_the_order_of_the_files(data: EventData) -> None:
    shuffled = data.model_copy(
        update={"people": list(reversed(data.people)), "contacts": list(reversed(data.contacts))}
    )
    for scope in ("default", "all"):
        assert [p.id for p in card_people(data, scope)] == [p.id for p in card_people(shuffled, scope)]


# --- vCards read back ----------------------------------------------------------------------------


def test_every_vcard_reads_back_to_the_persons_data(data: EventData) -> None:
    orgs = {o.id: o for o in data.organisations}
    for person in card_people(data, "all"):
        card = read(vcard(person, data))
        assert card.version.value == "3.0"
        assert card.fn.value == display_name(person)
        if person.native_name and person.native_name != person.name:
            assert card.nickname.value == person.native_name
        family, given_ = split_name(person)
        assert (card.n.value.family, card.n.value.given) == (family, given_)
        assert sorted(f"{family} {given_}".split()) == sorted(person.name.split())
        words = person.name.split()
        if len(words) > 1:
            assert family == (words[0] if person.country in {"VN", "CN", "KH"} else words[-1]), person.id
        if person.honorific:
            assert card.n.value.prefix == person.honorific
        if person.email:
            assert card.email.value == person.email
        if person.title:
            assert card.title.value == person.title
        if person.organisation:
            assert values(card, "org")[0].value == [orgs[person.organisation].name]
        tels = {tuple(t.params["TYPE"]): t.value for t in values(card, "tel")}
        for number, kind in (
            (person.phone, ("work", "voice")),
            (person.mobile, ("cell",)),
            (person.fax, ("work", "fax")),
        ):
            if number:
                assert re.sub(r"\D", "", tels[kind]) == re.sub(r"\D", "", number.replace("(0)", ""))
            else:
                assert kind not in tels
        if person.address:
            assert card.adr.value.street == "\n".join(person.address)


def test_a_second_reader_finds_every_vcard_well_formed(data: EventData, tmp_path: Path) -> None:
    """The `vcard` package validates RFC 2426 syntax (escaping, parameters, N's five parts, types). It
    reads only Latin-1 as non-ASCII, so every other character is masked as one Latin-1 letter first:
    the structure is judged, the characters vobject already read back above."""
    for scope in ("default", "all"):
        raw = contacts_vcf(card_people(data, scope), data).decode("utf-8")
        masked = "".join(ch if ord(ch) < 0x100 else "\xe9" for ch in raw)
        path = tmp_path / f"{scope}.vcf"
        path.write_text(masked, encoding="utf-8", newline="")
        with warnings.catch_warnings():  # its style advice ("possible split name" for "Thi Thanh Ha")
            warnings.simplefilter("ignore", UserWarning)
            assert VcardValidator(str(path), verbose=False).result == ""


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_native_scripts_survive_the_vcard(data: EventData, script: str) -> None:
    person = person_with_script(data, script)
    card = read(vcard(person, data))
    assert card.nickname.value == person.native_name, f"{person.id}: native name lost"


def test_vietnamese_diacritics_survive_and_family_names_come_first(data: EventData) -> None:
    viet = [
        p
        for p in data.people
        if p.country == "VN" and any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", p.name))
    ]
    assert viet, "the sample has no Vietnamese name with diacritics"
    for person in viet:
        card = read(vcard(person, data))
        assert card.fn.value == display_name(person)
        assert card.n.value.family == person.name.split()[0]


def test_vcard_lines_are_crlf_folded_at_75_octets_on_character_boundaries(data: EventData) -> None:
    for person in card_people(data, "all"):
        raw = vcard(person, data).encode("utf-8")
        assert raw.endswith(b"\r\n")
        assert b"\n" not in raw.replace(b"\r\n", b"")
        for line in raw.split(b"\r\n")[:-1]:
            assert len(line) <= 75
            line.decode("utf-8")  # each physical line is whole UTF-8 on its own


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(blacklist_categories=("Cs", "Cc")),
            st.sampled_from([",", ";", "\\", "\n", ":", "ẫ", "ສ", "ស", "្", "ត", "云"]),
        ),
        min_size=1,
        max_size=200,
    )
)
def test_any_text_value_round_trips_through_escaping_and_folding(data: EventData, value: str) -> None:
    person = data.people[0].model_copy(update={"title": value, "native_name": value + "ສ"})
    raw = vcard(person, data)
    for line in raw.encode("utf-8").split(b"\r\n")[:-1]:
        assert len(line) <= 75
        line.decode("utf-8")
    card = read(raw)
    assert card.title.value == value
    assert card.nickname.value == value + "ສ"


def test_fold_leaves_short_lines_alone_and_unfolds_to_the_original() -> None:
    assert fold("FN:Ann") == "FN:Ann\r\n"
    long = "FN:" + "ស្ត្រី" * 40
    folded = fold(long)
    assert folded.replace("\r\n ", "").removesuffix("\r\n") == long


def test_contacts_vcf_holds_one_card_per_person(data: EventData) -> None:
    for scope in ("default", "all"):
        people = card_people(data, scope)
        raw = contacts_vcf(people, data)
        cards = list(vobject.readComponents(raw.decode("utf-8")))
        assert len(cards) == len(people)
        assert [c.uid.value for c in cards] == [read(vcard(p, data)).uid.value for p in people]
        assert len({c.uid.value for c in cards}) == len(people)


# --- the card sheet ------------------------------------------------------------------------------


def test_card_sheet_has_a_card_per_person_with_its_vcard(data: EventData, text: Fragments) -> None:
    doc = compose_cards(data, text, "default")
    assert len(doc.sections) == 1 and doc.sections[0].template == "cards"
    (grid,) = doc.sections[0].blocks
    assert isinstance(grid, CardGrid)
    people = card_people(data)
    assert len(grid.cards) == len(people)
    style = style_sheet(text.layout).card(grid.style)
    for card, person in zip(grid.cards, people, strict=True):
        assert qr_payload(card, style) == card_code(contact(person, data), style).payload
        assert card.label == display_name(person)
        assert card.lines[0].style == "card-name"
        assert "".join(r.text for r in card.lines[0].content) == display_name(person)
        shown = ["".join(r.text for r in line.content) for line in card.lines]
        if person.native_name and person.native_name != person.name:
            native = card.lines[1]
            assert native.style == "card-native"
            assert native.content[0].text == person.native_name
            assert native.content[0].lang == language_of(person, data)
        if person.title:
            assert any(
                line.style == "card-title" and s == person.title for line, s in zip(card.lines, shown, strict=True)
            )
        if person.email:
            assert f"{text.render('email_label')} {person.email}" in shown
        if person.phone:
            assert f"{text.render('tel_label')} {person.phone}" in shown
        if person.mobile:
            assert f"{text.render('mobile_label')} {person.mobile}" in shown
        for line in person.address:
            assert line in shown
        org = next((o for o in data.organisations if o.id == person.organisation), None)
        if org:
            in_address = " ".join(person.address).startswith(org.name)
            expected = person.address.count(org.name) + (0 if in_address else 1)
            assert shown.count(org.name) == expected, f"{person.id}: organisation shown twice or never"


def test_an_explicit_list_of_people_overrides_the_scope(data: EventData, text: Fragments) -> None:
    few = data.people[:2]
    (grid,) = compose_cards(data, text, people=few).sections[0].blocks
    assert isinstance(grid, CardGrid)
    assert [c.label for c in grid.cards] == [display_name(p) for p in few]


# --- QR codes decode to the vCard ------------------------------------------------------------------


def qr_png(payload: str, folder: Path) -> Path:
    """A QR code image drawn by reportlab, the way the card renderer draws it.

    reportlab's bitmap renderer needs rlPyCairo, which briefpack does not depend on, so the code is
    drawn to a PDF and rasterised with pdftoppm (poppler), as a printed card would be scanned.
    """
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    size, quiet = 360, 24
    widget = QrCodeWidget(payload, barWidth=size, barHeight=size, x=quiet, y=quiet)
    drawing = Drawing(size + 2 * quiet, size + 2 * quiet)
    drawing.add(widget)
    pdf = folder / "qr.pdf"
    renderPDF.drawToFile(drawing, str(pdf))
    subprocess.run(
        [require_tool("pdftoppm"), "-png", "-r", "200", "-singlefile", str(pdf), str(folder / "qr")], check=True
    )
    return folder / "qr.png"


def decode(png: Path) -> bytes:
    """zbarimg's exact bytes: `-Sbinary` stops it guessing a text encoding (and adds no newline)."""
    zbarimg = require_tool("zbarimg")
    return subprocess.run([zbarimg, "--raw", "-q", "-Sbinary", str(png)], check=True, capture_output=True).stdout


def qr_people(data: EventData) -> list[Person]:
    """One person per native script, a Vietnamese name with diacritics, and the longest vCard."""
    chosen = [person_with_script(data, s) for s in sorted(SCRIPTS)]
    chosen += [p for p in data.people if p.country == "VN"][:1]
    chosen.append(max(data.people, key=lambda p: len(vcard(p, data).encode("utf-8"))))
    return list({p.id: p for p in chosen}.values())


def test_qr_codes_decode_to_the_exact_vcard(data: EventData, text: Fragments, tmp_path: Path) -> None:
    require_tool("zbarimg")
    style = style_sheet(text.layout).card("card")
    for person in qr_people(data):
        payload = card_code(contact(person, data), style).payload
        assert payload is not None
        folder = tmp_path / person.id
        folder.mkdir()
        decoded = decode(qr_png(payload, folder))
        assert decoded == payload.encode("utf-8"), person.id
        card = read(decoded.decode("utf-8"))
        assert card.fn.value == display_name(person)
