"""`briefpack build --watch`: rebuild what changed whenever a data or layout file is saved.

Polling file modification times (twice a second) needs no extra dependency and behaves the same
on every platform and network drive; the event folders are small, so a poll costs microseconds.
Errors are printed and the watch goes on: the organiser fixes the file and saves again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from briefpack.errors import UserError
from briefpack.fonts.resolver import forget_font_sets
from briefpack.layout.load import LAYOUTS_DIR, load_layout, project_layouts

Snapshot = dict[Path, int]


#: What a rebuild may depend on: data (YAML and spreadsheets), layouts and fragments, fonts, a reference .docx.
WATCHED = frozenset({".yaml", ".yml", ".csv", ".xlsx", ".j2", ".ttf", ".otf", ".docx"})


def _snapshot(folders: list[Path], outputs: Path) -> Snapshot:
    """Modification times of the inputs in `folders`, leaving out the build's own `outputs` (an output
    folder inside the data folder would otherwise make every build trigger the next, for ever)."""
    found: Snapshot = {}
    skip = outputs.resolve()
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.suffix not in WATCHED or not path.is_file():
                    continue
                if not path.resolve().is_relative_to(skip):
                    found[path] = path.stat().st_mtime_ns
    return found


def watch_and_build(
    data: Path,
    out: Path,
    options: BuildOptions,
    *,
    interval: float = 0.5,
    cycles: int | None = None,
    echo: Callable[[str], None] = click.echo,
) -> None:
    """Build now, then after every change; `cycles` bounds the polls (for tests), None means until Ctrl-C."""
    folders = [data, project_layouts(), LAYOUTS_DIR]
    if options.layout and Path(options.layout).is_dir():
        folders.append(Path(options.layout))
    if options.project_fonts:
        folders.append(options.project_fonts)

    def build() -> None:
        load_layout.cache_clear()  # a saved layout, fragment or font is read again (workers fork from here)
        forget_font_sets()
        try:
            result = run_build(data, out, options)
            echo(result.status())
        except UserError as err:
            echo(err.render())
        echo(f"watching {data} for changes (Ctrl-C to stop)")

    seen = _snapshot(folders, out)
    build()
    polls = 0
    try:
        while cycles is None or polls < cycles:
            time.sleep(interval)
            polls += 1
            now = _snapshot(folders, out)
            if now != seen:
                seen = now
                build()
    except KeyboardInterrupt:
        echo("stopped watching")
