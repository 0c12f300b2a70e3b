"""User errors: problems the person running briefpack can fix, each pinned to a place in a file.

A `UserError` ends the program with exit status 1 and a short message; anything else is a bug and
keeps its traceback (the Sphinx convention). Every check collects `Problem`s rather than raising at
the first, so one run shows everything that needs fixing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column are 1-based, as editors show them."""

    file: str
    line: int = 0
    column: int = 0
    cell: str = ""  # in a spreadsheet, its sheet, cell and column header: `Registrations!F17 (Email Address)`

    def __str__(self) -> str:
        if self.cell:
            return f"{self.file}: {self.cell}"
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    message: str
    location: Location | None = None
    expected: str | None = None
    hint: str | None = None

    def render(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        lines = [head]
        if self.expected:
            lines.append(f"    expected: {self.expected}")
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)


class UserError(Exception):
    """One or more problems in what the user gave briefpack (data, layout, options)."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        super().__init__(self.render())

    def render(self) -> str:
        ordered = sorted(self.problems, key=lambda p: (p.location or Location(""), p.message))
        body = "\n".join(p.render() for p in ordered)
        count = len(self.problems)
        return f"{body}\n{count} problem{'s' if count != 1 else ''} found."


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it is inside it: shorter, and stable in tests."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
