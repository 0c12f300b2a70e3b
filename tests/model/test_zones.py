"""The event's time zone (issue 16): an IANA name from the tzdata package; `check` refuses anything else
at its line, offering the zone of the event's country; without one, a country of one zone gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpack.cli import main
from briefpack.model.zones import country_zones, event_zone, load_zone, zone_names
from eventdirs import edit, sample_event


def test_an_unknown_zone_is_refused_at_its_line_with_the_countrys_zone_offered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sample_event(tmp_path / "event")
    edit(folder / "event.yaml", "time_zone: Asia/Ho_Chi_Minh", "time_zone: Asia/Hanoi")
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err
    line = next(i for i, t in enumerate((folder / "event.yaml").read_text().splitlines(), 1) if "Asia/Hanoi" in t)
    assert f"event.yaml:{line}" in err and "`Asia/Hanoi` is not a time zone" in err
    assert "`Asia/Ho_Chi_Minh`" in err  # Viet Nam's zone


def test_without_a_zone_a_country_of_many_zones_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sample_event(tmp_path / "event")
    edit(folder / "event.yaml", "  time_zone: Asia/Ho_Chi_Minh\n", "")
    edit(folder / "event.yaml", "country: VN", "country: CN")
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr()
    assert "names no time zone and CN has 2 zones" in out.out + out.err and "Asia/Shanghai" in out.out + out.err


def test_zones_come_from_tzdata_and_a_country_of_one_zone_gives_it() -> None:
    assert "Asia/Yangon" in zone_names() and "Asia/Hanoi" not in zone_names()
    assert country_zones("MM") == ("Asia/Yangon",) and len(country_zones("ID")) > 1
    assert event_zone(None, "KH") == "Asia/Phnom_Penh" and event_zone(None, "ID") is None
    assert event_zone("Asia/Jakarta", "ID") == "Asia/Jakarta"
    assert load_zone("Asia/Vientiane").key == "Asia/Vientiane"
    with pytest.raises(KeyError):
        load_zone("../../etc/passwd")
