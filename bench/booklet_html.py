"""The booklet's composed content as HTML, for the WeasyPrint comparison in bench.py only.

Same document model, same fonts (as @font-face), A5 pages: the fairest HTML-to-PDF twin of the
booklet that does not need a second layout system.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from briefpack.compose.booklet import compose_booklet
from briefpack.document import model as m
from briefpack.fonts.resolver import FontSet
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.model.validate import load_event


def inline(content: m.Inline) -> str:
    return "".join(f"<b>{html.escape(r.text)}</b>" if r.style == "strong" else html.escape(r.text) for r in content)


def block(b: object) -> str:
    if isinstance(b, m.Heading):
        return f"<h{b.level}>{inline(b.content)}</h{b.level}>"
    if isinstance(b, m.Paragraph):
        return f"<p class='{b.style}'>{inline(b.content)}</p>"
    if isinstance(b, m.BulletList):
        return "<ul>" + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>"
    if isinstance(b, m.Table):
        rows = [
            f"<tr>{''.join('<td>' + ''.join(block(x) for x in c.content) + '</td>' for c in r.cells)}</tr>"
            for r in (*b.header, *b.rows)
        ]
        return "<table>" + "".join(rows) + "</table>"
    if isinstance(b, m.KeyValue):
        return (
            "<table>"
            + "".join(f"<tr><th>{html.escape(k)}</th><td>{inline(v)}</td></tr>" for k, v in b.pairs)
            + "</table>"
        )
    if isinstance(b, m.KeepTogether):
        return "<div style='break-inside: avoid'>" + "".join(block(x) for x in b.blocks) + "</div>"
    if isinstance(b, m.Index):
        return "<ul>" + "".join(f"<li>{inline(e.term)}</li>" for e in b.entries) + "</ul>"
    return ""


def main(data: Path, target: Path) -> None:
    layout = load_layout("booklet-a5")
    doc = compose_booklet(load_event(data).data, Fragments(layout))
    faces = FontSet.from_roles(layout.fonts, None).faces()
    css = "".join(
        f"@font-face {{ font-family: '{f.family}'; src: url('file://{f.path}'); font-weight: {f.weight}; }}"
        for f in faces
    )
    families = ", ".join(f"'{f}'" for f in dict.fromkeys(f.family for f in faces))
    body = "".join(
        f"<section style='break-before: page'>{''.join(block(b) for b in s.blocks)}</section>" for s in doc.sections
    )
    target.write_text(
        f"<html><head><meta charset='utf-8'><style>{css} @page {{ size: A5; margin: 15mm 13mm 16mm 17mm; "
        f"@bottom-center {{ content: counter(page) }} }} body {{ font-family: {families}; font-size: 9pt }} "
        f"table {{ border-collapse: collapse; width: 100% }} td {{ border-bottom: 0.5pt solid #ccc }}</style>"
        f"</head><body>{body}</body></html>",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
