"""The words of a layout: labels and prose fragments written as sandboxed jinja2 templates.

Layouts travel between organisations, so a fragment must not be able to read files or reach Python
internals: it runs in jinja2's `SandboxedEnvironment` and sees only plain data (dicts, lists,
strings, dates). An undefined name is an error naming the fragment and its line, because an empty
string in a printed booklet is found too late.

Fragments produce plain text; escaping for PDF or XML is the renderers' job. Blank lines separate
paragraphs, so a fragment can give several.

The sandbox keeps a fragment from reading or reaching anything; it does not keep one from running
forever or filling memory, so `_Bounded` adds what it lacks: `range` gives at most `MAX_RANGE`
numbers, `*` and `**` refuse results past `MAX_OUTPUT` characters or `MAX_POWER_BITS` bits, the
output stops at `MAX_OUTPUT` characters, and a render has `MAX_SECONDS` (a timer signal, in the main
thread). `include`, `import` and `extends` have no loader to find anything with. Whatever a fragment
does wrong (1/0, a filter given the wrong type, recursion) is the layout author's error, reported
at the fragment's file and line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import threading
from collections.abc import Iterator, Mapping
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


MAX_RANGE = 10_000  # numbers one `range()` may give
MAX_OUTPUT = 200_000  # characters of one fragment's text, or of a string or list it builds
MAX_POWER_BITS = 4_096  # an integer power larger than this is refused before it is computed
MAX_SECONDS = 2.0  # per render


class FragmentLimit(Exception):
    """A fragment went past one of the limits above."""


def _bounded_range(*args: int) -> range:
    values = range(*args)
    if len(values) > MAX_RANGE:
        raise FragmentLimit(f"range() of {len(values):,} numbers (at most {MAX_RANGE:,})")
    return values


class _Bounded(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > MAX_OUTPUT:
                    raise FragmentLimit(f"a text or list of {len(seq) * times:,} items (at most {MAX_OUTPUT:,})")
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise FragmentLimit(f"a power of {right:,} digits' size (at most {MAX_POWER_BITS:,} bits)")
        return super().call_binop(context, operator, left, right)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise `FragmentLimit` in this block after `seconds`; a no-op outside the main thread (a timer
    signal can only be handled there), where the other limits still hold."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise FragmentLimit(f"ran for more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Fragments:
    """Renders a layout's `text` entries by name."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.where: Mapping[str, Location] = layout.text_origins
        self.env = _Bounded(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
        self.env.filters.update(date=_date, date_range=_date_range, time=_time)
        self.env.globals["range"] = _bounded_range
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
            with _deadline(MAX_SECONDS):
                return _collect(template.generate(**context)).strip()
        except jinja2.UndefinedError as err:
            raise UserError(
                self._problem(name, _template_line(err), f"{err.message}", "check the spelling against the data")
            ) from None
        except jinja2.exceptions.SecurityError as err:
            raise UserError(
                self._problem(name, _template_line(err), f"not allowed in a layout fragment: {err}")
            ) from None
        except FragmentLimit as err:
            raise UserError(
                self._problem(name, _template_line(err), f"stopped: {err}", "a fragment is a label or a paragraph")
            ) from None
        except (TypeError, ValueError) as err:
            if "no loader for this environment" in str(err):
                raise UserError(
                    self._problem(
                        name,
                        _template_line(err),
                        "`include`, `import` and `extends` are not available in layout fragments",
                        "write the text into this fragment, or pass what it needs as data",
                    )
                ) from None
            raise UserError(self._problem(name, _template_line(err), f"{type(err).__name__}: {err}")) from None
        except (ArithmeticError, LookupError, AttributeError, RecursionError, jinja2.TemplateError) as err:
            raise UserError(self._problem(name, _template_line(err), f"{type(err).__name__}: {err}")) from None

    def paragraphs(self, name: str, /, **context: Any) -> list[str]:
        return [" ".join(p.split()) for p in self.render(name, **context).split("\n\n") if p.strip()]

    def _problem(self, name: str, line: int | None, message: str, hint: str | None = None) -> Problem:
        origin = self.where.get(name)
        location = None
        if origin is not None:
            line = line or 1
            location = Location(origin.file, origin.line + line - 1, origin.column if line == 1 else 1)
        return Problem(f"in text fragment `{name}`: {message}", location, hint=hint)


def _collect(pieces: Iterator[str]) -> str:
    out: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT:
            raise FragmentLimit(f"more than {MAX_OUTPUT:,} characters of text")
        out.append(piece)
    return "".join(out)


def _template_line(err: Exception) -> int | None:
    tb = err.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
