"""The command line: exit statuses, help with examples, and the starter event."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpack.cli import main
from eventdirs import edit


@pytest.mark.parametrize("command", ["check", "new", "schema", "build", "fonts"])
def test_every_command_explains_itself_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Example:" in out and f"briefpack {command}" in out


def test_new_writes_a_starter_that_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "forum")]) == 0
    assert main(["check", str(tmp_path / "forum")]) == 0
    out = capsys.readouterr().out
    assert "ok: no problems found" in out
    assert "sessions:      3" in out
    assert "Lao" in out  # the starter's native-script name is counted as a script in use


def test_new_never_overwrites_an_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", str(tmp_path / "forum")])
    assert main(["new", str(tmp_path / "forum")]) == 1
    assert "already holds event files" in capsys.readouterr().err


def test_check_reports_located_problems_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", str(tmp_path / "forum")])
    edit(tmp_path / "forum" / "people.yaml", "email: chair@example.org", "email: chair(at)example")
    assert main(["check", str(tmp_path / "forum")]) == 1
    err = capsys.readouterr().err
    assert "people.yaml:16:12: `chair(at)example` is not an e-mail address" in err
    assert err.rstrip().endswith("1 problem found.")


def test_missing_folder_is_a_user_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "data folder not found" in err and "Traceback" not in err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--frobnicate"]) == 2


def test_fonts_names_the_font_of_each_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", str(tmp_path / "forum")])
    assert main(["fonts", str(tmp_path / "forum")]) == 0
    out = capsys.readouterr().out
    assert "Lao" in out and "Noto Sans Lao" in out and "ນາງ" in out


def test_check_reports_field_reference_and_font_problems_of_one_event_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from eventdirs import sample_event

    data = sample_event(tmp_path / "event")
    edit(data / "people.yaml", "email: dow@ilo.org", "email: dow at ilo.org")
    edit(data / "delegations.yaml", "      - kh-sok-chantha\n", "      - kh-sok-chanta\n")  # a member, line 18
    edit(data / "event.yaml", "    native_name: Malaysia\n", "    native_name: Malaysia \u182e\u1823\u1829\n")
    assert main(["check", str(data)]) == 1
    err = capsys.readouterr().err
    assert "people.yaml:26:12: `dow at ilo.org` is not an e-mail address" in err
    assert "delegations.yaml:18:9: no person has the id `kh-sok-chanta`" in err
    assert (
        "event.yaml:110:18: no font installed here covers U+182E" in err
    )  # what `build` would refuse, found by `check`
    assert "Traceback" not in err


def test_check_warns_when_the_edition_repeats_the_name_and_the_name_prints_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefpack.model.validate import load_event

    main(["new", str(tmp_path / "forum")])
    edit(tmp_path / "forum" / "event.yaml", "  name: Regional Forum\n", "  name: Regional Forum 2027\n")
    assert main(["check", str(tmp_path / "forum")]) == 0
    captured = capsys.readouterr()
    assert "warning: " in captured.err and "the edition `2027` repeats the end of the name" in captured.err
    ev = load_event(tmp_path / "forum").data.event
    assert ev.full_name == ev.name and not ev.full_name.endswith("2027 2027")


def test_new_from_a_registration_export_maps_its_columns_and_names_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    export = tmp_path / "registrations.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Title", "First Name", "Last Name", "Email Address", "Position", "Dietary needs"])
    book.active.append(["Ms", "Ana", "Lopez", "ana@example.org", "Adviser", "none"])
    book.save(export)
    assert main(["new", str(tmp_path / "forum"), "--from", str(export)]) == 0
    out = capsys.readouterr().out
    assert "not read: column `Dietary needs`" in out and "Email Address" not in out.split("not read")[1]
    mapping = (tmp_path / "forum" / "sheets.yaml").read_text(encoding="utf-8")
    assert (
        '"Title": honorific' in mapping and '"Last Name": family_name' in mapping and '"Dietary needs": null' in mapping
    )
    assert (tmp_path / "forum" / "registrations.xlsx").read_bytes() == export.read_bytes()
    assert main(["check", str(tmp_path / "forum")]) == 1  # the starter's programme still names its own people
    err = capsys.readouterr().err
    assert "no person has the id `host-chair`" in err and "sheets.yaml" not in err  # the mapping itself is sound
