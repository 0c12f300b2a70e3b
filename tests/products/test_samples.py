"""Both sample events, built whole with the shipped layouts (issue 14): every delegation member's name,
in every script of the region, extracts exactly from its packet's PDF; the second sample's parallel
day is a grid and its Myanmar delegation builds without any extra font."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from briefpack.assemble.slugs import delegation_slugs
from briefpack.model.event import EventData
from briefpack.model.validate import load_event
from conftest import require_tool
from eventdirs import SAMPLES, SECOND
from render.pdf.pdf_reading import collapse, text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=SAMPLES, ids=[s.name for s in SAMPLES])
def sample(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[EventData, Path]:
    out = tmp_path_factory.mktemp(f"sample-{request.param.name}")
    folder = run_build(request.param, out, BuildOptions(jobs=2, formats=frozenset({"pdf"}))).folder
    return load_event(request.param).data, folder


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def test_every_members_name_in_every_script_extracts_exactly_from_its_packet(sample) -> None:
    data, folder = sample
    people = {p.id: p for p in data.people}
    slugs = delegation_slugs(data)
    for dele in data.delegations:
        extracted = _nfc(collapse(text(folder / "delegations" / slugs[dele.id] / "briefing.pdf")))
        for pid in (dele.head, *dele.members):
            person = people[pid] if pid else None
            if person is None:
                continue
            # Word by word: a roster cell may wrap a name between its words, and poppler then reads the
            # next cell before the rest; a word itself (a Thai or Khmer one has no spaces) must be whole.
            for value in (person.name, person.native_name or ""):
                for word in value.split():
                    assert _nfc(word) in extracted, (dele.id, value, word)


def test_every_pdf_embeds_all_its_fonts(sample) -> None:
    _, folder = sample
    for pdf in sorted(folder.rglob("*.pdf")):
        listing = subprocess.run(
            [require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), (pdf.name, listing)


@pytest.mark.parametrize("sample", [SECOND], ids=[SECOND.name], indirect=True)
def test_the_second_samples_parallel_workshops_share_a_row_of_the_programme_at_a_glance(sample) -> None:
    from render.pdf.pdf_reading import page_count, words

    _, folder = sample
    pdf = folder / "programme-booklet.pdf"
    for page in range(1, page_count(pdf) + 1):
        found = {w.text: w for w in words(pdf, page)}
        if {"3A:", "3B:", "3C:", "Room"} <= set(found) and "Contents" not in found:
            tops = [found[k].y0 for k in ("3A:", "3B:", "3C:")]
            assert max(tops) - min(tops) < 1
            assert found["3A:"].x0 < found["3B:"].x0 < found["3C:"].x0
            return
    raise AssertionError("workshops 3A-3C are not on one row of any page")


@pytest.mark.parametrize("sample", [SECOND], ids=[SECOND.name], indirect=True)
def test_the_second_samples_index_sorts_each_name_as_its_culture_does(sample) -> None:
    _, folder = sample
    from render.pdf.pdf_reading import page_count

    pdf = folder / "programme-booklet.pdf"
    pages = [collapse(text(pdf, p)) for p in range(1, page_count(pdf) + 1)]
    listed = " ".join(t for t in pages if t.startswith("Index of participants and speakers"))
    assert listed
    for before, after in [
        ("Ahmad Faizal bin Abdul Rahman", "Boonma, Kannika"),  # Malay: as written, under A
        ("Nguyen Thi Mai Huong", "Nur Aisyah binti Kamarudin"),  # Vietnamese: family name first, as written
        ("O'Neill, Claire", "Phommachanh, Bounmy"),  # Western and Lao: under the family name
        ("Thongdee, Siriporn", "de Vries, Pieter"),  # sort_as "Vries Pieter de" from the data: under V
    ]:
        assert listed.index(before) < listed.index(after), (before, after)
