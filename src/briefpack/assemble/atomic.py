"""Writing outputs so that a crash or a failed build never leaves a half-written or lost file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".briefpack-tmp-"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place."""
    write_all([(path, data)])


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Stage every file as a temporary beside its target (written and flushed to disk), then rename
    them all into place. A full disk or any other write error fails before any output has changed;
    only a kill during the renames (milliseconds) can leave some files new and others old, and the
    next build, which checks every output's sha256, finishes the switch."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for done, (tmp, path) in enumerate(staged):
        try:
            _rename(tmp, path)
        except BaseException:
            for left, _ in staged[done:]:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(left)
            raise


def _stage(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600 files; outputs are shared like any saved file
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _rename(tmp: str, path: Path) -> None:
    os.replace(tmp, path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporaries a killed build left behind (they are never valid outputs). Symlinked folders
    are not entered and only plain files are removed: the folder may hold what someone else put there."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for root, _, names in os.walk(folder, followlinks=False):
        for name in names:
            stale = Path(root, name)
            if name.startswith(TEMP_PREFIX) and stale.is_file() and not stale.is_symlink():
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
