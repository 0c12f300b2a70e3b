"""The CSV renderer: `Records` as a file a mail merge or a spreadsheet reads.

UTF-8 without a byte-order mark and RFC 4180 line ends (CRLF), written by the csv module so commas,
quotes and newlines in names survive. A cell a spreadsheet would run as a formula gets a leading
apostrophe (see `_inert`).
"""

from __future__ import annotations

import csv
import io

from briefpack.document.contacts import Records


def render_csv(records: Records) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(records.header)
    for row in records.rows:
        writer.writerow(tuple(_inert(cell) for cell in row))
    return buffer.getvalue().encode("utf-8")


def _inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@` or a tab would be run
    as a formula by Excel or LibreOffice when the organiser opens the mail-merge file (a name such as
    `=HYPERLINK(...)` in the data), so it gets a leading apostrophe, as spreadsheets do themselves."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
