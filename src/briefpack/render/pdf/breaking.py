"""How tables and headed blocks break across pages, where reportlab's defaults go wrong.

Both classes keep reportlab's constructor and are created by reportlab itself when it splits or
groups flowables (`self.__class__`, `keepTogetherClass`), so the behaviour holds for every piece.
"""

from __future__ import annotations

from typing import Any

from reportlab import rl_config
from reportlab.platypus import KeepTogether as RLKeepTogether
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import Flowable, _listWrapOn
from reportlab.platypus.tables import _calc_pc


class PageTable(RLTable):
    """A table that splits between rows, and inside a row only when that row is taller than a page.

    reportlab's `splitInRow` cuts a row wherever the page ends, so an ordinary two-line row at the
    foot of a page would be cut in half; worse, with a sliver of space left the "first part" can be
    empty and the layout loops forever on the same remainder. So a row is cut only on an empty
    frame, and only when it could not fit on any page; each piece is at least `MIN_PIECE` high.
    """

    MIN_PIECE = 24.0  # points; reportlab reads `splitInRow` as the smallest piece it may cut

    def _calc_height(self, availHeight: float, availWidth: float, H: Any = None, W: Any = None) -> None:
        """Measure rows only until the page is full, as reportlab's long-table optimisation means to.

        In reportlab 5.1.0 that optimisation stops early only for tables with row spans; any other
        table measured every row on every wrap and split, scanning the row list from the start for
        each row (`while None in H: i = H.index(None)`, `sum(H[:i])`). A 5,000-row index split over
        sixty pages cost a third of a 500-page booklet's layout. Tables with spans, or with all rows
        of fixed height, go to reportlab as before. The rows left unmeasured stay None, exactly as
        reportlab's own early stop leaves them for the split to pass on.
        """
        if self._spanCmds or not self._longTableOptimize or None not in self._argH:
            return super()._calc_height(availHeight, availWidth, H, W)
        widths = W or _calc_pc(self._argW, availWidth)
        heights = list(self._argH)
        self._rowHeights = heights
        canv = getattr(self, "canv", None)
        total, hmax = 0.0, len(heights)
        for i, fixed in enumerate(heights):
            heights[i] = self._row_height(i, widths, canv) if fixed is None else fixed
            total += heights[i]
            if total > availHeight:
                hmax = i + 1
                break
        positions = [0.0]
        for height in reversed(heights[:hmax]):
            positions.append(positions[-1] + height)
        self._rowpositions = positions[::-1]
        self._height = positions[-1]
        self._hmax = hmax
        return None

    def _row_height(self, i: int, widths: list[Any], canv: Any) -> float:
        """Row `i`'s height as reportlab's `_calc_height` measures a row without spans."""
        values, styles, tallest = self._cellvalues[i], self._cellStyles[i], 0.0
        for j, (value, style, width) in enumerate(zip(values, styles, widths, strict=False)):
            if isinstance(value, tuple | list | Flowable):
                value = values[j] = self._cellListProcess(value, width, None)
                saved = (canv._fontname, canv._fontsize, canv._leading) if canv else None
                if canv:
                    canv._fontname, canv._fontsize = style.fontname, style.fontsize
                    canv._leading = style.leading or 1.2 * style.fontsize
                used, height = self._listCellGeom(value, width or self._listValueWidth(value), style)
                if saved:
                    canv._fontname, canv._fontsize, canv._leading = saved
                if used + style.leftPadding + style.rightPadding > (width or 0) and not (
                    rl_config.allowTableBoundsErrors & 1
                ):
                    raise LayoutError(f"a flowable is too wide for cell ({i}, {j}) of {self.identity(30)}")
            else:
                lines = (str(value) if value is not None else "").split("\n")
                height = (style.leading or 1.2 * style.fontsize) * len(lines)
            tallest = max(tallest, height + style.bottomPadding + style.topPadding)
        return max(self._minRowHeights[i], tallest) if self._minRowHeights else tallest

    def _culprit(self) -> str:
        """reportlab's description of the tallest row, for its "too large" error; rows this table left
        unmeasured (None, see `_calc_height`) made reportlab's own version raise a TypeError instead."""
        heights = [h for h in self._rowHeights if h is not None]
        return f"tallest cell {max(heights, default=0.0):0.1f} points"

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Between rows, never leaving one body row alone on either page; in a row only as a last resort."""
        parts = self._between_rows(availWidth, availHeight)
        if len(parts) == 2:
            return self._no_lone_rows(parts, availWidth, availHeight)
        if parts or not self.splitInRow:
            return parts
        frame = getattr(self, "_frame", None)
        full = frame._height if frame is not None else availHeight
        header = sum(self._rowHeights[: self.repeatRows])
        tallest = max((h for h in self._rowHeights[self.repeatRows :] if h is not None), default=0.0)
        if header + tallest <= full or availHeight < header + 2 * self.MIN_PIECE:
            return []  # the row fits on a fresh page, or too little room is left here: move on, do not cut
        return super().split(availWidth, availHeight)  # no page holds the row: cut it, starting here

    def _between_rows(self, availWidth: float, availHeight: float) -> list[Any]:
        in_row = self.splitInRow
        self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row
        for part in parts:  # reportlab copies the setting into the parts: the zero was only for this split
            if isinstance(part, PageTable):
                part.splitInRow = in_row
        return parts

    def _no_lone_rows(self, parts: list[Any], availWidth: float, availHeight: float) -> list[Any]:
        """A split that leaves a single body row on a page is moved one row up, or not made at all.

        One row alone on the next page: the split moves up a row, when this page keeps two. One row
        alone on either page after that: the whole table moves on (unless the page is fresh, where
        nothing better can happen).
        """
        first, rest = parts
        here, there = first._nrows - self.repeatRows, rest._nrows - self.repeatRows
        frame = getattr(self, "_frame", None)
        fresh = frame is None or availHeight >= frame._height - 1
        if there < 2 and here > 2 and self._rowHeights[first._nrows - 1] is not None:
            parts = self._between_rows(availWidth, availHeight - self._rowHeights[first._nrows - 1] - 0.01) or parts
            here, there = parts[0]._nrows - self.repeatRows, parts[-1]._nrows - self.repeatRows
        if (here < 2 or there < 2) and not fresh:
            return []  # too few rows to share between two pages: the table moves on whole
        return parts


class KeptTable(PageTable):
    """A table kept on one page (label/value pairs): it moves to the next page rather than split.

    Used instead of wrapping the table in a KeepTogether, because reportlab's KeepTogether reports an
    endless height when asked its size (to force itself to be split), so a KeepTogether nested in
    another one always looks too tall and pushes its group to a new page. Only a table taller than
    a whole page splits, as a PageTable.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        frame = getattr(self, "_frame", None)
        if frame is not None and availHeight < frame._height - 1:
            return []
        return super().split(availWidth, availHeight)


def splits_under_a_heading(flowable: Any) -> bool:
    """Flowables that can start under a heading and continue on the next page."""
    return isinstance(flowable, RLTable | RLParagraph) or getattr(flowable, "splits_like_a_table", False)


class HeadingKeep(RLKeepTogether):
    """What reportlab wraps a keep-with-next heading and the flowable after it in.

    reportlab's KeepTogether moves the whole group to the next page whenever it does not fit, even
    when the follower is a long table that would split anyway, leaving half a page empty. Here the
    group stays where it is when the follower is a table or paragraph (or a contents or index list)
    whose first part, at least `MIN_FOLLOWER` high, fits under the heading; the follower then splits
    as usual. Otherwise (a list, an image, too little room) it behaves as KeepTogether: a heading
    never ends a page on its own.
    (reportlab never groups a heading with a following KeepTogether; `flowables.fold_keeps` does.)
    """

    MIN_FOLLOWER = 24.0  # points: a table row or two lines of text

    def split(self, aW: float, aH: float) -> list[Any]:
        content = self._content
        last = content[-1]
        self.wrap(aW, aH)
        if aH < self._H and len(content) > 1 and splits_under_a_heading(last):
            _, above = _listWrapOn(content[:-1], aW, self.canv)
            room = aH - above - content[-2].getSpaceAfter() - last.getSpaceBefore()
            if room >= self.MIN_FOLLOWER:
                last._frame = getattr(self, "_frame", None)  # the follower decides as it will in this frame
                parts = last.splitOn(self.canv, aW, room)
                if len(parts) > 1 and self.MIN_FOLLOWER <= parts[0].wrapOn(self.canv, aW, room)[1] <= room:
                    return list(content)
        return super().split(aW, aH)
