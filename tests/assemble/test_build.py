"""The build: complete, incremental, safe to interrupt, deterministic, and never writing outside out/."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefpack.assemble.atomic import TEMP_PREFIX
from briefpack.assemble.context import BuildOptions
from briefpack.assemble.lock import output_lock
from briefpack.assemble.run import STATE_DIR, run_build
from briefpack.errors import UserError
from briefpack.model.validate import load_event
from eventdirs import SAMPLE, edit, sample_event

EVENT = "mekong-womens-forum-2007"
PACKETS = ["cambodia", "china", "lao-pdr", "thailand", "viet-nam"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every output file (not the build's own state) with its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and STATE_DIR not in p.parts
    }


@dataclass(frozen=True)
class Built:
    data: Path
    out: Path
    files: dict[str, str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample built once with two workers; tests copy the data before changing it."""
    root = tmp_path_factory.mktemp("build")
    data = sample_event(root / "data")
    out = root / "out"
    run_build(data, out, BuildOptions(jobs=2))
    return Built(data, out, snapshot(out / EVENT))


def test_the_pack_holds_every_product(built: Built) -> None:
    expected = {
        "programme-booklet.pdf",
        "programme-booklet-print.pdf",
        "programme-booklet-imposed.pdf",
        "press-kit.docx",
        "press-kit.pdf",
        "contact-cards.pdf",
        "contacts.vcf",
        "delegations/recipients.csv",
        "programme.ics",
        "manifest.json",
    }
    for slug in PACKETS:
        packet = ("briefing.pdf", "briefing.docx", "calendar.ics")
        expected |= {f"delegations/{slug}/{name}" for name in packet} | {f"delegations/{slug}.zip"}
    data = load_event(SAMPLE).data  # a card, and so a vCard file, for each contact, head and spokesperson
    carded = {c.person for c in data.contacts} | {d.head for d in data.delegations if d.head}
    carded |= {p.id for p in data.people if "spokesperson" in p.roles}
    expected |= {f"contacts/{pid}.vcf" for pid in carded}
    assert set(built.files) == expected


def test_manifest_lists_every_output_with_its_digest(built: Built) -> None:
    manifest = json.loads((built.out / EVENT / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["outputs"]}
    assert set(listed) == set(built.files) - {"manifest.json"}
    for path, entry in listed.items():
        assert entry["sha256"] == built.files[path]
        assert entry["bytes"] == (built.out / EVENT / path).stat().st_size
        assert entry["inputs"]["data"] and entry["inputs"]["layout"]
    assert listed["programme-booklet.pdf"]["pages"] > 8
    assert set(manifest["inputs"]) == {p.name for p in built.data.glob("*.yaml")}


def test_a_second_build_with_no_change_rebuilds_nothing(built: Built) -> None:
    result = run_build(built.data, built.out, BuildOptions(jobs=1))
    assert result.built == []
    assert snapshot(built.out / EVENT) == built.files


@pytest.mark.parametrize(
    "before, after, expected",
    [
        # The brief's summary is shown by the delegation's own packet only.
        ("Cambodia proposes", "Cambodia's delegation proposes", {"packets:kh:pdf+docx+ics", "packets:recipients:csv"}),
        # Its title is in the programme: booklet and press kit show it too (cards do not).
        (
            "Cambodia: country recommendations",
            "Cambodia: the country's recommendations",
            {"packets:kh:pdf+docx+ics", "packets:recipients:csv", "booklet:pdf", "press-kit:docx", "press-kit:pdf"},
        ),
    ],
)
def test_editing_one_delegation_rebuilds_its_packet_and_the_products_that_show_the_edit(
    built: Built, tmp_path: Path, before: str, after: str, expected: set[str]
) -> None:
    copy = sample_event(tmp_path / "data")
    target = tmp_path / "out"
    run_build(copy, target, BuildOptions(jobs=2))
    edit(copy / "delegations.yaml", before, after)
    result = run_build(copy, target, BuildOptions(jobs=2))
    assert {r.job.name for r in result.built} == expected


def test_builds_are_byte_identical_across_runs_and_worker_counts(built: Built, tmp_path: Path) -> None:
    run_build(built.data, tmp_path / "one", BuildOptions(jobs=1))
    assert snapshot(tmp_path / "one" / EVENT) == built.files


def test_a_failed_build_leaves_the_previous_pack_untouched(built: Built, tmp_path: Path) -> None:
    copy = sample_event(tmp_path / "data")
    edit(copy / "people.yaml", "email: dow@ilo.org", "email: dow-at-ilo")
    with pytest.raises(UserError, match="not an e-mail address"):
        run_build(copy, built.out, BuildOptions(force=True))
    assert snapshot(built.out / EVENT) == built.files


def test_a_killed_build_leaves_earlier_outputs_intact_and_no_temporaries(built: Built, tmp_path: Path) -> None:
    target = tmp_path / "out"
    run_build(built.data, target, BuildOptions(jobs=1, only=frozenset({"packets"})))
    before = snapshot(target / EVENT)
    process = subprocess.Popen(
        [sys.executable, "-m", "briefpack", "build", str(built.data), "-o", str(target), "--force", "-j", "1"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    process.stderr.readline()  # the first job is done: the build is in its middle
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after = snapshot(target / EVENT)
    assert {k: v for k, v in after.items() if k in before} == before
    assert not list(target.rglob(f"{TEMP_PREFIX}*"))


def test_a_second_build_into_the_same_folder_is_refused_clearly(built: Built) -> None:
    with (
        output_lock(built.out / EVENT / STATE_DIR / "lock", built.out),
        pytest.raises(UserError, match="another briefpack build"),
    ):
        run_build(built.data, built.out, BuildOptions(force=True))
    assert snapshot(built.out / EVENT) == built.files


def test_names_from_hostile_data_stay_inside_the_output_folder(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    edit(data / "event.yaml", "name: Cambodia", "name: ../../etc/passwd")
    result = run_build(data, tmp_path / "out", BuildOptions(only=frozenset({"packets"}), formats=frozenset({"pdf"})))
    root = (tmp_path / "out" / EVENT).resolve()
    for job in result.results:
        for path in job.job.paths:
            assert (root / path).resolve().is_relative_to(root)
    assert (root / "delegations" / "etc-passwd.zip").is_file()


def test_watch_rebuilds_after_a_save_and_survives_errors(tmp_path: Path) -> None:
    from briefpack.assemble.watch import watch_and_build

    data = sample_event(tmp_path / "data")
    lines: list[str] = []
    options = BuildOptions(only=frozenset({"packets"}), formats=frozenset({"pdf"}), delegations=("KH",), jobs=1)

    def save_bad_then_good(line: str) -> None:
        lines.append(line)
        if len(lines) == 2:  # after the first build: save a broken file
            time.sleep(0.01)
            edit(data / "people.yaml", "email: dow@ilo.org", "email: dow-at-ilo")

    watch_and_build(data, tmp_path / "out", options, interval=0.05, cycles=6, echo=save_bad_then_good)
    text = "\n".join(lines)
    assert "1 built" in text
    assert "not an e-mail address" in text


def test_a_character_no_font_has_fails_the_build_naming_file_line_and_fix(built: Built, tmp_path: Path) -> None:
    copy = sample_event(tmp_path / "data")
    lines = (copy / "people.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "title: Head of IEC Department" in text)
    edit(copy / "people.yaml", "title: Head of IEC Department", "title: Head of IEC Department ᠮᠣᠩᠭᠣᠯ")  # Mongolian
    with pytest.raises(UserError) as raised:
        run_build(copy, tmp_path / "out", BuildOptions(jobs=1))
    report = str(raised.value)
    assert f"people.yaml:{line}:" in report and "U+182E" in report and "install a font" in report
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


def test_editing_a_delegate_rebuilds_their_delegations_packet_not_the_others(built: Built, tmp_path: Path) -> None:
    """Ms. Suntharee Boonma is in the Thai delegation and nowhere in the programme: other packets do not
    show her. The booklet (delegations, index), press kit and cards are handed everyone and rebuild."""
    copy = sample_event(tmp_path / "data")
    target = tmp_path / "out"
    run_build(copy, target, BuildOptions(jobs=2))
    edit(copy / "people.yaml", "Labour Specialist, Department of Employment", "Labour Specialist, Ministry of Labour")
    rebuilt = {r.job.name for r in run_build(copy, target, BuildOptions(jobs=2)).built}
    packets = {name for name in rebuilt if name.startswith("packets:")}
    assert packets == {"packets:th:pdf+docx+ics", "packets:recipients:csv"}
    assert "booklet:pdf" in rebuilt


def test_watch_rereads_a_layout_saved_while_it_runs(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from briefpack.assemble.watch import watch_and_build

    data = sample_event(tmp_path / "data")
    layout = tmp_path / "house"
    (layout / "text").mkdir(parents=True)
    (layout / "layout.yaml").write_text("name: house\nextends: report-a4\n", encoding="utf-8")
    (layout / "text" / "cards_title.j2").write_text("First title", encoding="utf-8")
    lines: list[str] = []
    options = BuildOptions(only=frozenset({"cards"}), layout=str(layout), jobs=1)

    def save_the_layout(line: str) -> None:
        lines.append(line)
        if len(lines) == 2:  # after the first build
            time.sleep(0.01)
            (layout / "text" / "cards_title.j2").write_text("Second title", encoding="utf-8")

    watch_and_build(data, tmp_path / "out", options, interval=0.05, cycles=6, echo=save_the_layout)
    assert sum(line.startswith("1 built") for line in lines) == 2, lines
    assert PdfReader(tmp_path / "out" / EVENT / "contact-cards.pdf").metadata.title == "Second title"
