"""One build at a time per output folder: a second one stops with a message instead of racing.

The lock is an OS lock (`flock`) on a state file opened without following symlinks. The OS drops it
when its holder dies; worker processes inherit the open file on fork, so they close their copy first
thing (`release_in_worker`), or a worker outliving a killed build would hold the folder for good.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from briefpack.errors import Location, Problem, UserError, display_path
from briefpack.untrusted import open_state_file

_held: set[int] = set()  # lock descriptors this process holds, for forked workers to close


@contextlib.contextmanager
def output_lock(path: Path, top: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (inside the output folder `top`) for the block."""
    fd = open_state_file(path, top)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise UserError(
                Problem(
                    f"another briefpack build (process {holder}) is writing to this folder",
                    Location(display_path(path.parent.parent)),
                    hint="wait for it to finish, or build into another folder with -o",
                )
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        _held.add(fd)
        try:
            yield
        finally:
            _held.discard(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def release_in_worker() -> None:
    """In a forked worker: close the inherited lock descriptors (the lock stays with the parent)."""
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()
