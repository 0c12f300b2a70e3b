"""The one time every output carries: never the clock, so the same input gives the same bytes.

It is `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention, which reportlab honours for
PDF dates by itself), else 1 January 2000 UTC (reportlab's own fixed date). PDF, DOCX and zip all
take it from here, so either every format follows the variable or none would.
"""

from __future__ import annotations

import datetime as dt
import os

from briefpack.errors import Problem, UserError

DEFAULT_EPOCH = 946_684_800  # 2000-01-01T00:00:00Z
ZIP_EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # zip stores no earlier date


def build_time() -> dt.datetime:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return dt.datetime.fromtimestamp(DEFAULT_EPOCH, dt.UTC)
    if not raw.isdigit() or len(raw) > 11:
        raise UserError(
            Problem(
                f"SOURCE_DATE_EPOCH is `{raw[:20]}`, not a time in whole seconds since 1970",
                hint="set it to e.g. `$(git log -1 --format=%ct)`, or unset it",
            )
        )
    return dt.datetime.fromtimestamp(int(raw), dt.UTC)


def zip_time() -> tuple[int, int, int, int, int, int]:
    """`build_time()` as a zip member's date (zip has no time zone and starts in 1980)."""
    when = max(build_time(), ZIP_EARLIEST)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)
