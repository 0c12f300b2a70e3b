"""Parallel rooms (issue 14): a day whose sessions overlap in different rooms is a time x room grid on
the programme at a glance, in PDF and DOCX, and in each packet's timetable with the delegation's own
slot shaded in its room. Read back from poppler's word boxes and from the DOCX table."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from eventdirs import sample_event
from render.pdf.pdf_reading import page_count, words

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOMS = ("Main Hall", "Room B", "Room C")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = sample_event(tmp_path_factory.mktemp("parallel") / "event")
    programme = yaml.safe_load((data / "programme.yaml").read_text(encoding="utf-8"))
    day = programme["days"][1]["sessions"]
    four = next(s for s in day if s["id"] == "session-4")
    four["number"] = "4A"
    at = day.index(four) + 1
    day[at:at] = [
        {
            "id": f"session-4{letter.lower()}",
            "kind": "workshop",
            "number": f"4{letter}",
            "title": f"Parallel workshop {letter}",
            "start": "08:30",
            "end": "10:15",
            "room": room,
            "chairs": chairs,
            "description": f"Workshop {letter} runs beside session 4A.",
        }
        for letter, room, chairs in (("B", "Room B", ["kh-keo-sopheak"]), ("C", "Room C", []))
    ]
    (data / "programme.yaml").write_text(yaml.safe_dump(programme, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path_factory.mktemp("parallel-out")
    options = BuildOptions(jobs=2, only=frozenset({"booklet", "packets"}))
    return run_build(data, out, options).folder  # the build's preflight passes: nothing overprinted or clipped


def _glance_page(pdf: Path) -> list:
    for page in range(1, page_count(pdf) + 1):
        found = words(pdf, page)
        texts = [w.text for w in found]
        if "Room" in texts and "4B:" in texts:
            return found
    raise AssertionError("no page shows the parallel sessions")


def test_the_booklet_shows_parallel_sessions_side_by_side_under_their_rooms(built: Path) -> None:
    found = _glance_page(built / "programme-booklet.pdf")
    label = {w.text: w for w in found if w.text in ("4A:", "4B:", "4C:")}
    assert set(label) == {"4A:", "4B:", "4C:"}
    tops = [label[k].y0 for k in ("4A:", "4B:", "4C:")]
    assert max(tops) - min(tops) < 1  # one row
    assert label["4A:"].x0 < label["4B:"].x0 < label["4C:"].x0  # Main Hall | Room B | Room C
    heads = [w for w in found if w.text in ("Hall", "B", "C") and w.y0 > max(tops)]  # PDF y grows upwards
    assert len(heads) >= 3


def _docx_tables(path: Path) -> list:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml"))
    return list(root.iter(f"{{{W}}}tbl"))


def _cells(row) -> list[str]:
    return ["".join(t.text or "" for t in tc.iter(f"{{{W}}}t")) for tc in row.iter(f"{{{W}}}tc")]


def test_the_packet_grid_shades_the_delegations_own_slot_in_its_room(built: Path) -> None:
    tables = _docx_tables(built / "delegations" / "cambodia" / "briefing.docx")
    grid = next(t for t in tables if any("Parallel workshop B" in c for c in _cells(t)))
    rows = list(grid.iter(f"{{{W}}}tr"))
    assert _cells(rows[0])[1:] == list(ROOMS)
    row = next(r for r in rows if any("Parallel workshop B" in c for c in _cells(r)))
    cells = list(row.iter(f"{{{W}}}tc"))
    texts = _cells(row)
    assert [("4A" in texts[1]), ("4B" in texts[2]), ("4C" in texts[3])] == [True, True, True]
    shaded = [tc.find(f"{{{W}}}tcPr/{{{W}}}shd") is not None for tc in cells]
    assert shaded == [False, True, True, False]  # Cambodia's head chairs 4A, a member 4B; 4C is not theirs
    assert "chair" in texts[2].lower()
    # A plenary (the coffee break) spans every room of the grid.
    spans = [tc.find(f"{{{W}}}tcPr/{{{W}}}gridSpan") for r in rows for tc in r.iter(f"{{{W}}}tc")]
    assert any(s is not None and s.get(f"{{{W}}}val") == "3" for s in spans)


def test_a_delegation_without_a_slot_there_sees_the_grid_unshaded(built: Path) -> None:
    tables = _docx_tables(built / "delegations" / "lao-pdr" / "briefing.docx")
    grid = next(t for t in tables if any("Parallel workshop B" in c for c in _cells(t)))
    row = next(r for r in grid.iter(f"{{{W}}}tr") if any("Parallel workshop B" in c for c in _cells(r)))
    assert all(tc.find(f"{{{W}}}tcPr/{{{W}}}shd") is None for tc in row.iter(f"{{{W}}}tc"))
