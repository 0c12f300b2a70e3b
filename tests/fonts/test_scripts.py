"""Specification of script detection and script runs."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefpack.fonts.scripts import Script, is_mark, script_of, split_by_script

MIXED_LINE = "Dương Thị Xuân (云南) สตรี/ສະຫະພັນ/ស្ត្រី"

# Characters from every script the project prints plus the awkward cases: combining marks (NFD
# Vietnamese, Thai vowels, Khmer coeng), digits of each script, punctuation, spaces, emoji, Tibetan.
REGION_CHARS = list(
    "AaZzĐđƯưỆệ\u0301\u0323\u0309"
    "กสตรี\u0e34\u0e48๑๒"
    "ສະຫພັນ\u0eb1\u0ec8໑໒"
    "ស្ត្រី\u17d2\u17b6១២។"
    "云南、。（）"
    "0123456789 \t\n()/-.,:;!?\u00a0\u200b\u200c\u200d😀ཀΑя→"
)
region_text = st.text(alphabet=st.sampled_from(REGION_CHARS))
any_text = st.one_of(st.text(), region_text)

WEAK = (Script.COMMON, Script.INHERITED)


def _strong(ch: str) -> bool:
    return script_of(ch) not in WEAK and not is_mark(ch)


@pytest.mark.parametrize(
    ("ch", "script"),
    [
        ("a", Script.LATIN),
        ("Đ", Script.LATIN),
        ("ư", Script.LATIN),  # Latin Extended-B
        ("ệ", Script.LATIN),  # Latin Extended Additional
        ("\u0301", Script.INHERITED),
        ("ก", Script.THAI),
        ("๑", Script.THAI),
        ("ສ", Script.LAO),
        ("໑", Script.LAO),
        ("ស", Script.KHMER),
        ("១", Script.KHMER),
        ("។", Script.KHMER),
        ("᧠", Script.KHMER),  # Khmer symbols block
        ("云", Script.HAN),
        ("㐀", Script.HAN),  # extension A
        ("。", Script.HAN),
        ("（", Script.HAN),  # fullwidth form
        ("豈", Script.HAN),  # compatibility ideograph
        ("Α", Script.GREEK),
        ("я", Script.CYRILLIC),
        ("ཀ", Script.OTHER),
        ("7", Script.COMMON),
        (" ", Script.COMMON),
        ("(", Script.COMMON),
        ("/", Script.COMMON),
        ("×", Script.COMMON),
        ("😀", Script.COMMON),
    ],
)
def test_script_of_classifies_by_unicode_block(ch: str, script: Script) -> None:
    assert script_of(ch) is script


def test_mixed_line_splits_into_its_five_scripts() -> None:
    assert split_by_script(MIXED_LINE) == [
        (Script.LATIN, "Dương Thị Xuân ("),
        (Script.HAN, "云南) "),
        (Script.THAI, "สตรี/"),
        (Script.LAO, "ສະຫະພັນ/"),
        (Script.KHMER, "ស្ត្រី"),
    ]


def test_vietnamese_with_combining_marks_is_one_latin_run() -> None:
    decomposed = unicodedata.normalize("NFD", "Dương Thị Xuân")
    assert decomposed != "Dương Thị Xuân"
    assert split_by_script(decomposed) == [(Script.LATIN, decomposed)]


def test_leading_punctuation_joins_the_first_run() -> None:
    assert split_by_script("(2007) สตรี") == [(Script.THAI, "(2007) สตรี")]


def test_text_without_letters_is_one_common_run() -> None:
    assert split_by_script("12/05 - 14:30") == [(Script.COMMON, "12/05 - 14:30")]
    assert split_by_script("") == []


def test_khmer_and_lao_digits_and_punctuation_stay_in_their_script() -> None:
    assert split_by_script("ឆ្នាំ ២០០៧។") == [(Script.KHMER, "ឆ្នាំ ២០០៧។")]
    assert split_by_script("ປີ ໒໐໐໗") == [(Script.LAO, "ປີ ໒໐໐໗")]


@given(any_text)
def test_runs_concatenate_to_the_input(text: str) -> None:
    assert "".join(run for _, run in split_by_script(text)) == text


@given(any_text)
def test_runs_are_maximal_and_non_empty(text: str) -> None:
    runs = split_by_script(text)
    assert all(run for _, run in runs)
    assert all(a != b for (a, _), (b, _) in itertools.pairwise(runs))


@given(any_text)
def test_only_the_first_run_may_start_with_punctuation_or_a_mark(text: str) -> None:
    for script, run in split_by_script(text)[1:]:
        assert _strong(run[0])
        assert script_of(run[0]) is script


@given(any_text)
def test_every_letter_of_a_run_belongs_to_its_script(text: str) -> None:
    runs = split_by_script(text)
    for script, run in runs:
        assert all(script_of(ch) is script for ch in run if _strong(ch))
        if script is Script.COMMON:
            assert runs == [(script, run)]
            assert not any(_strong(ch) for ch in run)
