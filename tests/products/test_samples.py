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
from eventdirs import SAMPLES
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
