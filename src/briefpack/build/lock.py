"""One build at a time per output folder: a second one stops with a message instead of racing."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from briefpack.errors import Location, Problem, UserError, display_path


@contextlib.contextmanager
def output_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the block. The OS drops it if the process dies, so a killed
    build never leaves a stale lock behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise UserError(
                Problem(
                    f"another briefpack build (process {holder}) is writing to this folder",
                    Location(display_path(path.parent.parent)),
                    hint="wait for it to finish, or build into another folder with -o",
                )
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
