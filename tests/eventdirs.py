"""Event folders for tests: the starter event copied into a temporary folder, ready to break."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefpack.starter import write_starter

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "mekong-2007"
SECOND = ROOT / "data" / "bangkok-2026"  # invented: parallel rooms, Myanmar, family-name-first names
SAMPLES = (SAMPLE, SECOND)


def starter_event(folder: Path) -> Path:
    write_starter(folder)
    return folder


def sample_event(folder: Path) -> Path:
    shutil.copytree(SAMPLE, folder)
    return folder


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a data file, failing loudly if the text is not there (so tests cannot rot)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
