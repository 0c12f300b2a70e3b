"""Runtime fixes for reportlab 5.1.0's complex-script shaping, plus `/ActualText` for shaped text.

briefpack draws all text as reportlab Paragraphs with ``ParagraphStyle(shaping=1)``, so uharfbuzz
shapes Thai, Lao, Khmer and Vietnamese. reportlab 5.1.0 gets three things wrong there, and shaped
text does not extract; `apply()` patches exactly these places and nothing else:

(a) ``PDFTextObject.setRise`` (reportlab/pdfgen/textobject.py) "optimises" two consecutive rises
    ``r0 Ts r1 Ts`` into ``r1 Ts`` but then forgets to store ``r1`` in ``self._rise``. The shaped
    branch of ``_formatText`` returns every mark to the base rise with ``if self._rise != r0:
    self.setRise(r0)``; a Khmer coeng subscript followed by a vowel sign (two differently offset
    glyphs in a row) leaves the stream at the vowel's rise while ``_rise`` claims the base rise, so
    the reset is skipped and the rest of the line is drawn lower. Fix: `_set_rise`.

(b) ``shapeFragWord`` (reportlab/pdfbase/ttfonts.py) shapes a whole space-delimited word with the
    font of its *first* fragment (``ttfn = F[0].fontName`` ... ``hbf = ttf.hbFont(ttfs)``) and then
    looks the resulting glyph ids up in each fragment's own font. A word such as
    ``สตรี/ສະຫະພັນ/ស្ត្រី`` written with one ``<font face=...>`` per script run is therefore all
    Thai-font glyph ids, and the Lao and Khmer parts come out as boxes or wrong glyphs. Fix:
    `_shape_frag_word` shapes each font run of the word separately with the upstream function.

(c) Shaped glyphs are written with the codes of whatever character the glyph is first mapped to
    (or a private-use code for glyphs no character maps to), so ``pdftotext`` drops Khmer coeng
    forms, splits Lao marks and even turns 女 into the Kangxi radical ⼥. `_format_text` wraps the
    glyphs of every shaped run in ``/Span <</ActualText <FEFF...>>> BDC ... EMC`` carrying the
    original text; spaces between words stay outside the spans as real space characters, so word
    spacing (``Tw``, justification) and word separation in extracted text keep working. Text in
    another language than the document's is also wrapped in ``/Span <</Lang ...>>``.

(d) Glyphs no character maps to (Khmer subscript forms, ligatures) get a private-use code from
    ``TTFont.__addPrivate``, handed out in the order the process first meets them (0xE000, 0xE001,
    ...). The codes reach the PDF (the ToUnicode map), so the same document came out with different
    bytes depending on which documents the process had rendered before it (a packet built alone vs.
    after another). Fix: `_add_private` derives the code from the glyph id.

(e) ``Paragraph.drawPara`` sets a paragraph's first baseline its font size below the top
    (``paraFontSizeHeightOffset``, read into paragraph.py's globals at import, so setting
    ``rl_config`` later changes nothing), not its first line's ascent: a first line of a tall
    script (Khmer, Myanmar, Lao with marks) then pokes out above the box it was measured with,
    and the page numbers of contents and index cannot be put on an entry's baseline. `apply`
    sets the module's flag to 0: the first baseline is the line's ascent below the top.

Shaping is also memoised (`_shape_run`): reportlab shapes every word again each time a paragraph
is wrapped, and tables and page splits wrap the same paragraph many times, so the same word was
shaped over and over (the largest single cost of a booklet). Shaping depends only on the text, the
font, the size and the fragment boundaries, so the result is kept per process under those and
rebuilt around the word's own fragments.

The patches are tied to the exact upstream code: `apply()` refuses any other reportlab version.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import reportlab
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen import textobject
from reportlab.platypus import paragraph

from briefpack.render.pdf.styles import LANGUAGE_MARK

__all__ = ["REPORTLAB_VERSION", "actual_text_operand", "apply", "is_applied"]

#: The only reportlab release these patches were verified against.
REPORTLAB_VERSION = "5.1.0"

#: Attribute set on every `ShapeData` that shapeFragWord produced: the `_Run` the glyph belongs to.
_RUN_ATTR = "_briefpack_run"

_originals: dict[str, Any] = {}

_LANG_UNSAFE = re.compile(r"[^A-Za-z0-9-]")

#: Shaped runs by `_run_key`: (width, [(index of the source pair, text)] or a special's indices); None: unchanged.
_shaped_runs: dict[tuple[Any, ...], tuple[float, list[Any]] | None] = {}


def apply() -> None:
    """Install the fixes (a), (b), (d), (e) and the ``/ActualText`` spans (c); calling it again is a no-op.

    Must run before any Paragraph is wrapped (shaping happens in ``Paragraph.breakLines``).
    Raises RuntimeError on any reportlab other than 5.1.0: the patches replace or wrap private
    functions, so a new release needs the bugs re-checked (they may be fixed, or the code moved).
    """
    if reportlab.Version != REPORTLAB_VERSION:
        raise RuntimeError(
            f"briefpack.render.pdf.rl_fixes was written for reportlab {REPORTLAB_VERSION}, "
            f"but reportlab {reportlab.Version} is installed. Re-verify the setRise rise-tracking bug, "
            "the per-font shaping bug in shapeFragWord and the /ActualText hook in "
            "PDFTextObject._formatText against the new source, then update rl_fixes.py "
            "(and the reportlab pin in pyproject.toml)."
        )
    if is_applied():
        return
    paragraph.paraFontSizeHeightOffset = 0  # (e)
    _originals["setRise"] = textobject.PDFTextObject.setRise
    _originals["_formatText"] = textobject.PDFTextObject._formatText
    _originals["shapeFragWord"] = ttfonts.shapeFragWord
    _originals["addPrivate"] = ttfonts.TTFont._TTFont__addPrivate  # type: ignore[attr-defined]
    ttfonts.TTFont._TTFont__addPrivate = _add_private  # type: ignore[attr-defined]
    textobject.PDFTextObject.setRise = _set_rise  # type: ignore[method-assign]
    textobject.PDFTextObject._formatText = _format_text  # type: ignore[method-assign]
    # Modules that did `from reportlab.pdfbase.ttfonts import shapeFragWord` hold their own reference;
    # ttfonts.shapeStr (used by textobject) looks the name up in ttfonts at call time.
    for module in (ttfonts, paragraph, rl_canvas):
        module.shapeFragWord = _shape_frag_word  # type: ignore[attr-defined]


def is_applied() -> bool:
    """True once `apply()` has installed the patches in this process."""
    return textobject.PDFTextObject.setRise is _set_rise


def actual_text_operand(text: str) -> str:
    """The PDF text string for an ``/ActualText`` value: UTF-16BE with a BOM, as a hex string.

    A hex string needs no escaping of parentheses or backslashes and keeps the content stream ASCII.
    """
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


# --- (a) rise tracking -------------------------------------------------------------------------


def _set_rise(self: textobject.PDFTextObject, rise: float) -> None:
    """Move the baseline for the following text; fixes reportlab 5.1.0's ``PDFTextObject.setRise``.

    Upstream, when the previous operator is also ``Ts`` it replaces that operator but skips
    ``self._rise = rise`` (and the matching ``_y`` update), so the object believes the previous rise
    is still in force. The shaped-text writer relies on ``_rise`` to return to the base line after
    each offset glyph, so after two offset glyphs in a row (Khmer coeng + vowel sign) the rest of
    the line stays at the second glyph's rise. Upstream also indexes ``self._code[-1]`` without
    checking that the list is non-empty, which fails when a shaped text chunk starts with an
    offset glyph (``_formatText`` collects each chunk in a fresh, empty list).
    """
    operator = f"{textobject.fp_str(rise)} Ts"
    if self._code and self._code[-1].endswith(" Ts"):  # optimise out "r0 Ts r1 Ts"
        self._y += self._rise  # undo the replaced rise
        self._code[-1] = operator
    else:
        self._code.append(operator)
    self._rise = rise
    self._y -= rise


# --- (d) private-use codes that do not depend on history ------------------------------------------

_PRIVATE_FIRST, _PRIVATE_LAST = 0xE000, 0xF8FF  # the BMP private use area, as upstream uses


def _add_private(self: ttfonts.TTFont, name: str, gid: int, advance: float) -> int:
    """The private-use code for glyph `gid`, the same in every process: U+E000 + gid, wrapped into the
    private use area for fonts with more glyphs than it has codes, and moved on past codes the font
    itself maps (both rare, and still independent of the order glyphs are met)."""
    face = self.face
    known: dict[str, int] = self._TTFont__hbUnis  # type: ignore[attr-defined]
    if name in known:
        return known[name]
    span = _PRIVATE_LAST - _PRIVATE_FIRST + 1
    code = _PRIVATE_FIRST + gid % span
    while code in face.charToGlyph:
        code = _PRIVATE_FIRST + (code - _PRIVATE_FIRST + 1) % span
    known[name] = code
    face.charToGlyph[code] = gid
    face.glyphToChar.setdefault(gid, []).append(code)
    face.charWidths[code] = advance
    return code


# --- (b) one shaping call per font run -----------------------------------------------------------


@dataclass(eq=False)
class _Run:
    """The original text of one shaped font run, and the harfbuzz clusters (offsets into it) of its glyphs."""

    text: str
    clusters: list[int] = field(default_factory=list)

    def text_of(self, clusters: Sequence[int]) -> str:
        """The source text of a contiguous piece of the run made of glyphs with these clusters."""
        start = min(clusters)
        after = bisect.bisect_right(self.clusters, max(clusters))
        end = self.clusters[after] if after < len(self.clusters) else len(self.text)
        return self.text[start:end]


def _is_special(frag: Any) -> bool:
    return hasattr(frag, "cbDefn")


def _font_runs(word: Sequence[Any]) -> list[list[tuple[Any, str]]]:
    """Split a frag word's ``(frag, text)`` pairs into runs of one font; specials join the current run."""
    runs: list[list[tuple[Any, str]]] = []
    font = None
    for pair in word[1:]:
        frag = pair[0]
        if not runs or (not _is_special(frag) and font is not None and frag.fontName != font):
            runs.append([])
        if not _is_special(frag):
            font = frag.fontName
        runs[-1].append(pair)
    return runs


def _shape_frag_word(w: Any, features: Any = None, force: bool = False) -> Any:
    """Shape a frag word one font run at a time; replaces reportlab 5.1.0's ``ttfonts.shapeFragWord``.

    Upstream shapes the concatenated text of all fragments with the first fragment's font, so in a
    word that mixes fonts every run after the first gets glyph ids of the wrong font. Here the word is
    cut into runs of one font and each run is shaped on its own (`_shape_run`); the results are
    joined again (widths added). Each glyph is also tagged with its `_Run` so that `_format_text` can
    emit the run's ``/ActualText``.
    """
    if isinstance(w, ttfonts.ShapedFragWord):
        return w
    runs = _font_runs(w)
    if len(runs) <= 1:
        return _shape_run(w, runs[0] if runs else [], features, force)
    width = 0.0
    items: list[Any] = []
    changed = False
    for run in runs:
        part = [sum(pdfmetrics.stringWidth(s, f.fontName, f.fontSize) for f, s in run if not _is_special(f))]
        part.extend(run)
        shaped = _shape_run(part, run, features, force)
        changed = changed or shaped is not part
        width += shaped[0]
        items.extend(shaped[1:])
    if not changed:
        return w
    return ttfonts.makeShapedFragWord(w)([width, *items])


def _shape_run(w: Any, run: Sequence[tuple[Any, str]], features: Any, force: bool) -> Any:
    """The upstream shaping of a one-font frag word `w` (whose pairs are `run`), memoised.

    The memo holds the result with each fragment replaced by its index in the word, so a hit is
    rebuilt around this word's own fragments (their colours, links and styles may differ). The
    glyph strings and their shape data are shared between hits; nothing downstream mutates them.
    """
    key = _run_key(run, features, force)
    if key not in _shaped_runs:
        shaped = _upstream_shape(w, features, force)
        _tag_runs(shaped[1:], run)
        _shaped_runs[key] = None if shaped is w else (shaped[0], [_indexed(item, run) for item in shaped[1:]])
    memo = _shaped_runs[key]
    if memo is None:
        return w
    width, items = memo
    pairs = w[1:]
    rebuilt = [
        [pairs[i][0] for i in item] if isinstance(item, list) else (pairs[item[0]][0], item[1]) for item in items
    ]
    return ttfonts.makeShapedFragWord(w)([width, *rebuilt])


def _run_key(run: Sequence[tuple[Any, str]], features: Any, force: bool) -> tuple[Any, ...]:
    parts = tuple(None if _is_special(f) else (f.fontName, f.fontSize, s) for f, s in run)
    return (parts, force, None if features is None else tuple(sorted(features.items())))


def _indexed(item: Any, run: Sequence[tuple[Any, str]]) -> Any:
    """A shaped item with its fragment(s) replaced by their index in `run` (specials come back as lists)."""

    def index(frag: Any) -> int:
        return next(i for i, (f, _) in enumerate(run) if f is frag)

    if isinstance(item, list):
        return [index(frag) for frag in item]
    return (index(item[0]), item[1])


def _upstream_shape(w: Any, features: Any, force: bool) -> Any:
    kwargs: dict[str, Any] = {"force": force}
    if features is not None:
        kwargs["features"] = features
    return _originals["shapeFragWord"](w, **kwargs)


def _tag_runs(items: Sequence[Any], run: Sequence[tuple[Any, str]]) -> None:
    """Attach one `_Run` (the run's source text) to every glyph that shaping produced for the run."""
    # zero-width elements (`<a name>` anchors, images) come back from shaping as 1-item lists, not pairs
    texts = [item[1] for item in items if len(item) == 2]
    shape_data = [sd for s in texts for sd in getattr(s, "__shapeData__", None) or ()]
    if not shape_data:
        return
    info = _Run("".join(s for f, s in run if not _is_special(f)))
    info.clusters = sorted({sd.cluster for sd in shape_data})
    for sd in shape_data:
        setattr(sd, _RUN_ATTR, info)


# --- (c) /ActualText around shaped runs ------------------------------------------------------------


def _format_text(self: textobject.PDFTextObject, text: str) -> str:
    """Write text like upstream ``_formatText``, with ``/ActualText`` for shaped runs (`_actual_text`)
    and, for text set under a language alias of its face (`styles.language_face`), inside a
    ``/Span <</Lang ...>>``: a name in its own script is read in its own language."""
    code = _actual_text(self, text)
    _, mark, lang = (self._fontname or "").partition(LANGUAGE_MARK)
    if mark and code:
        return f"/Span <</Lang ({_LANG_UNSAFE.sub('', lang)})>> BDC {code} EMC"
    return code


def _actual_text(self: textobject.PDFTextObject, text: str) -> str:
    """Write text like upstream ``_formatText``, each shaped run inside an ``/ActualText`` span.

    The glyphs of a shaped run carry the codes of arbitrary characters that map to those glyphs (or
    private-use codes), so text extraction cannot recover the source text from them. The text is
    cut where the tagged run changes; every piece is written by the upstream method (which keeps
    the font, subset and rise state in the text object, so cutting changes nothing visible) and
    pieces belonging to a run are bracketed by ``/Span <</ActualText ...>> BDC ... EMC``. Untagged
    characters (the spaces between words, unshaped words) are written plainly.
    """
    upstream: Callable[[textobject.PDFTextObject, str], str] = _originals["_formatText"]
    shape_data = getattr(text, "__shapeData__", None)
    if not shape_data or not any(hasattr(sd, _RUN_ATTR) for sd in shape_data):
        return upstream(self, text)
    code: list[str] = []
    start = 0
    for run, group in itertools.groupby(shape_data, key=lambda sd: getattr(sd, _RUN_ATTR, None)):
        glyphs = list(group)
        piece = upstream(self, text[start : start + len(glyphs)])
        start += len(glyphs)
        if run is None:
            code.append(piece)
        else:
            operand = actual_text_operand(run.text_of([sd.cluster for sd in glyphs]))
            code.append(f"/Span <</ActualText {operand}>> BDC {piece} EMC")
    return " ".join(code)
