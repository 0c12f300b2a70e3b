"""Which writing system each character belongs to, and splitting mixed text into single-script runs.

Fonts are chosen per script, so a line such as ``Dương Thị Xuân (云南) สตรี/ສະຫະພັນ/ស្ត្រី`` must be cut
into pieces that one font can draw. Only the scripts the project prints are told apart; everything else
is OTHER (a letter) or COMMON (punctuation, digits, symbols, spaces), which is all the fallback needs.
"""

from __future__ import annotations

import bisect
import enum
import unicodedata


class Script(enum.Enum):
    """A writing system that may need its own font; the value is the key used in font role chains."""

    LATIN = "latin"
    GREEK = "greek"
    CYRILLIC = "cyrillic"
    THAI = "thai"
    LAO = "lao"
    MYANMAR = "myanmar"
    KHMER = "khmer"
    HAN = "han"
    KANA = "kana"  # Japanese hiragana and katakana
    HANGUL = "hangul"
    OTHER = "other"
    COMMON = "common"
    INHERITED = "inherited"


# (first, last, script), sorted and non-overlapping. Anything not listed is classified by its Unicode
# category in `script_of`. A few letter-like symbols are listed as COMMON so they do not break runs.
_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x005A, Script.LATIN),
    (0x0061, 0x007A, Script.LATIN),
    (0x00AA, 0x00AA, Script.LATIN),
    (0x00B5, 0x00B5, Script.COMMON),
    (0x00BA, 0x00BA, Script.LATIN),
    (0x00C0, 0x00D6, Script.LATIN),
    (0x00D8, 0x00F6, Script.LATIN),
    (0x00F8, 0x02AF, Script.LATIN),  # Latin-1 letters, Extended-A and -B, IPA
    (0x02B0, 0x02FF, Script.COMMON),  # spacing modifier letters
    (0x0300, 0x036F, Script.INHERITED),  # combining diacritics (NFD Vietnamese)
    (0x0370, 0x03FF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0E00, 0x0E7F, Script.THAI),
    (0x0E80, 0x0EFF, Script.LAO),
    (0x1000, 0x109F, Script.MYANMAR),
    (0x1100, 0x11FF, Script.HANGUL),  # Hangul jamo
    (0x1780, 0x17FF, Script.KHMER),
    (0x19E0, 0x19FF, Script.KHMER),  # Khmer symbols
    (0x1AB0, 0x1AFF, Script.INHERITED),
    (0x1C80, 0x1C8F, Script.CYRILLIC),
    (0x1D00, 0x1DBF, Script.LATIN),  # phonetic extensions
    (0x1DC0, 0x1DFF, Script.INHERITED),
    (0x1E00, 0x1EFF, Script.LATIN),  # Latin Extended Additional: precomposed Vietnamese
    (0x1F00, 0x1FFF, Script.GREEK),
    (0x200C, 0x200D, Script.INHERITED),  # ZWNJ, ZWJ
    (0x2070, 0x209F, Script.COMMON),
    (0x20D0, 0x20FF, Script.INHERITED),
    (0x2100, 0x214F, Script.COMMON),
    (0x2C60, 0x2C7F, Script.LATIN),
    (0x2DE0, 0x2DFF, Script.CYRILLIC),
    (0x2E80, 0x2FDF, Script.HAN),  # CJK and Kangxi radicals
    (0x3000, 0x303F, Script.HAN),  # CJK symbols and punctuation
    (0x3040, 0x30FF, Script.KANA),  # hiragana, katakana
    (0x3130, 0x318F, Script.HANGUL),  # compatibility jamo
    (0x31C0, 0x31EF, Script.HAN),  # CJK strokes
    (0x31F0, 0x31FF, Script.KANA),  # katakana phonetic extensions
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xA640, 0xA69F, Script.CYRILLIC),
    (0xA720, 0xA7FF, Script.LATIN),
    (0xA960, 0xA97F, Script.HANGUL),
    (0xA9E0, 0xA9FF, Script.MYANMAR),
    (0xAA60, 0xAA7F, Script.MYANMAR),
    (0xAB30, 0xAB6F, Script.LATIN),
    (0xAC00, 0xD7FF, Script.HANGUL),  # syllables, jamo extended-B
    (0xF900, 0xFAFF, Script.HAN),
    (0xFB00, 0xFB06, Script.LATIN),
    (0xFE00, 0xFE0F, Script.INHERITED),  # variation selectors
    (0xFE20, 0xFE2F, Script.INHERITED),
    (0xFE30, 0xFE4F, Script.HAN),  # CJK compatibility forms
    (0xFF00, 0xFFEF, Script.HAN),  # fullwidth and halfwidth forms
    (0x20000, 0x323AF, Script.HAN),  # CJK extensions B onwards
    (0xE0100, 0xE01EF, Script.INHERITED),
)
_STARTS = [first for first, _, _ in _RANGES]

# Scripts that never start a run of their own: they take the script of the text around them.
_WEAK = frozenset({Script.COMMON, Script.INHERITED})


def script_of(ch: str) -> Script:
    """The script of one character: by block for the scripts the project prints, else by category."""
    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _RANGES[i][1]:
        return _RANGES[i][2]
    # A letter or mark of an unlisted script (Tibetan, Hangul, ...) needs a font we do not choose
    # per script; punctuation, symbols, digits and spaces are drawn by whatever font surrounds them.
    return Script.OTHER if unicodedata.category(ch)[0] in "LM" else Script.COMMON


def is_mark(ch: str) -> bool:
    """Combining marks draw onto the character before them, so no font or run may separate them."""
    return unicodedata.category(ch)[0] == "M" or script_of(ch) is Script.INHERITED


def split_by_script(text: str) -> list[tuple[Script, str]]:
    """Cut `text` into maximal runs of one script; joining the runs gives back `text` exactly.

    COMMON characters (spaces, digits, punctuation) join the run before them, or the first run when the
    text starts with them, so punctuation is drawn by the font of the words it belongs to. Combining marks
    always stay with their base character, even a mark whose block belongs to another script, because a
    mark split from its base cannot be positioned. Text with no script-specific letter is one COMMON run.
    """
    runs: list[tuple[Script, list[str]]] = []
    leading: list[str] = []
    for ch in text:
        script = script_of(ch)
        if script in _WEAK or is_mark(ch):
            (runs[-1][1] if runs else leading).append(ch)
        elif runs and runs[-1][0] is script:
            runs[-1][1].append(ch)
        else:
            runs.append((script, [*leading, ch]))
            leading = []
    if leading:
        runs.append((Script.COMMON, leading))
    return [(script, "".join(chars)) for script, chars in runs]
