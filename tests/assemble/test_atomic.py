"""Specification of `briefpack.assemble.atomic`: whole files or nothing, readable like any saved file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefpack.assemble.atomic import TEMP_PREFIX, remove_stale_temporaries, write_atomic


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_written_file_has_the_permissions_the_umask_gives_a_new_file(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "out" / "booklet.pdf", b"%PDF-1.4")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out" / "booklet.pdf").stat().st_mode) == 0o666 & ~umask


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "press-kit.docx"
    target.write_bytes(b"good")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["press-kit.docx"]


def test_stale_temporaries_are_removed_and_outputs_kept(tmp_path: Path) -> None:
    (tmp_path / "delegations").mkdir()
    (tmp_path / "delegations" / f"{TEMP_PREFIX}abc").write_bytes(b"half")
    (tmp_path / "contacts.vcf").write_bytes(b"BEGIN:VCARD")
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["contacts.vcf", "delegations"]
