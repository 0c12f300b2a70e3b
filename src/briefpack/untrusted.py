"""Opening files briefpack did not make: data, layouts, fonts, reference documents, old outputs.

Each of them may come from someone else (a shared layout, an unzipped output folder), so none is
trusted to be what its name says. A file is read only when it is a regular file (never a FIFO or a
device, which would hang the build or read forever), no larger than a limit, and, where it belongs
to a folder, when its real path lies inside that folder: a symlink out of a layout to `/etc/passwd`
or to the user's own data must not be read into an output or an error message. Folders briefpack
writes into are refused when they are symlinks, so a planted link cannot redirect a write.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefpack.errors import Location, Problem, UserError, display_path


def read_bytes(path: Path, *, limit: int, what: str, inside: Path | None = None, kind: str = "such files") -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes (inside `inside`, if given); `kind`
    names the files the limit is for, in its message."""
    where = Location(display_path(path))
    if inside is not None and not _within(path, inside):
        raise UserError(
            Problem(
                f"{what} is a link to a file outside {display_path(inside)}",
                where,
                hint="copy the file into the folder instead of linking to it",
            )
        )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise UserError(Problem(f"cannot read {what}: {err.strerror}", where)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(
                Problem(f"{what} is not a regular file", where, hint="give a file (not a pipe, device or folder)")
            )
        if info.st_size > limit:
            raise UserError(
                Problem(
                    f"{what} is {_size(info.st_size)}; {kind} are limited to {_size(limit)}",
                    where,
                    hint="split it into several files, or check that this is the file you meant",
                )
            )
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as err:
        raise UserError(Problem(f"cannot read {what}: {err.strerror}", where)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise UserError(Problem(f"{what} grew past {limit:,} bytes while it was read", where))
    return data


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB"


def _within(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def open_state_file(path: Path, top: Path) -> int:
    """A file descriptor on one of briefpack's own state files (the lock), opened without following a
    symlink: a planted `lock -> ../../data/people.yaml` must not be truncated. Its folders below `top`
    must be real folders."""
    real_folder(path.parent, top)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o644)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise UserError(
                Problem(
                    "briefpack's state file is a symbolic link; it was left alone",
                    Location(display_path(path)),
                    hint=f"delete {display_path(path)} (briefpack makes it again)",
                )
            ) from None
        raise UserError(Problem(f"cannot open {display_path(path)}: {err.strerror}")) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UserError(
            Problem(
                "briefpack's state file is not a regular file",
                Location(display_path(path)),
                hint=f"delete {display_path(path)} (briefpack makes it again)",
            )
        )
    return fd


def real_folder(folder: Path, top: Path) -> None:
    """Make `folder` (and its parents below `top`, the folder the user named) as real folders, refusing
    any that is a symlink or a file: a write into a linked folder would land wherever the link points."""
    parts = [folder, *_between(folder, top)]
    for part in reversed(parts):
        if part.is_symlink():
            raise UserError(
                Problem(
                    "this folder in the output is a symbolic link; briefpack writes only into real folders",
                    Location(display_path(part)),
                    hint="remove the link, or build into another folder with -o",
                )
            )
    _make(folder, "a folder")


def output_root(out_dir: Path) -> None:
    """The folder named with `-o`: made when missing; a file there (or `/dev/null`) is a message."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(
            Problem(
                "the output folder is not a folder",
                Location(display_path(out_dir)),
                hint="give -o a folder (it is made if missing)",
            )
        )
    _make(out_dir, "the output folder")


def _make(folder: Path, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UserError(
            Problem(
                f"a file stands where briefpack needs {what}",
                Location(display_path(folder)),
                hint="move the file away, or build into another folder with -o",
            )
        ) from None
    except OSError as err:
        raise UserError(Problem(f"cannot make {what}: {err.strerror}", Location(display_path(folder)))) from None


def _between(folder: Path, top: Path) -> list[Path]:
    """The parents of `folder` strictly below `top` (none when `folder` is not inside `top`)."""
    if folder == top or not folder.is_relative_to(top):
        return []
    return [parent for parent in folder.parents if parent != top and parent.is_relative_to(top)]
