"""The words of a layout: labels and prose fragments written as sandboxed jinja2 templates.

Layouts travel between organisations, so a fragment must not be able to read files or reach Python
internals: it runs in jinja2's `SandboxedEnvironment` and sees only plain data (dicts, lists,
strings, dates). An undefined name is an error naming the fragment and its line, because an empty
string in a printed booklet is found too late.

Fragments produce plain text; escaping for PDF or XML is the renderers' job. Blank lines separate
paragraphs, so a fragment can give several.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefpack.errors import Location, Problem, UserError
from briefpack.layout.model import Layout


def _date(value: dt.date, style: str = "long") -> str:
    """Dates as printed in English programmes: 12 July 2007 (no locale dependence, so output is stable)."""
    if style == "day":
        return f"{value:%A} {value.day} {value:%B %Y}"
    if style == "short":
        return f"{value.day} {value:%b}"
    return f"{value.day} {value:%B %Y}"


def _date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return _date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{_date(start)} – {_date(end)}"


def _time(value: dt.time) -> str:
    return f"{value:%H:%M}"


class Fragments:
    """Renders a layout's `text` entries by name."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.where: Mapping[str, Location] = layout.text_origins
        self.env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
        self.env.filters.update(date=_date, date_range=_date_range, time=_time)
        self._compiled: dict[str, jinja2.Template] = {}

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._compiled:
            if name not in self.layout.text:
                raise UserError(
                    Problem(
                        f"layout `{self.layout.name}` has no text fragment `{name}`",
                        hint=f"add `{name}:` under `text:` in its layout.yaml, or a file text/{name}.j2",
                    )
                )
            try:
                self._compiled[name] = self.env.from_string(self.layout.text[name])
            except jinja2.TemplateSyntaxError as err:
                raise UserError(self._problem(name, err.lineno, f"template syntax error: {err.message}")) from None
        return self._compiled[name]

    def render(self, name: str, /, **context: Any) -> str:
        """The fragment's text, trimmed; raise a located `UserError` for undefined names or unsafe access."""
        template = self._template(name)
        try:
            return template.render(**context).strip()
        except jinja2.UndefinedError as err:
            raise UserError(
                self._problem(name, _template_line(err), f"{err.message}", "check the spelling against the data")
            ) from None
        except jinja2.exceptions.SecurityError as err:
            raise UserError(
                self._problem(name, _template_line(err), f"not allowed in a layout fragment: {err}")
            ) from None

    def paragraphs(self, name: str, /, **context: Any) -> list[str]:
        return [" ".join(p.split()) for p in self.render(name, **context).split("\n\n") if p.strip()]

    def _problem(self, name: str, line: int | None, message: str, hint: str | None = None) -> Problem:
        origin = self.where.get(name)
        location = None
        if origin is not None:
            line = line or 1
            location = Location(origin.file, origin.line + line - 1, origin.column if line == 1 else 1)
        return Problem(f"in text fragment `{name}`: {message}", location, hint=hint)


def _template_line(err: Exception) -> int | None:
    tb = err.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
