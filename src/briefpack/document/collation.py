"""Alphabetical order for names and index terms, the same wherever a list is sorted."""

from __future__ import annotations

import unicodedata


def sort_key(text: str) -> str:
    """Alphabetical order that ignores diacritics and case, so Đặng sorts with D and Ương with U."""
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
