"""Alphabetical order for names and index terms, the same wherever a list is sorted, and the slugs made
from names the same way (folder names, ids made from a spreadsheet row)."""

from __future__ import annotations

import re
import unicodedata

from briefpack.model.event import RESERVED_FILE_NAMES


def sort_key(text: str) -> str:
    """Alphabetical order that ignores diacritics and case, so Đặng sorts with D and Ương with U."""
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def safe_slug(text: str, max_length: int = 60) -> str:
    """A file-name-safe slug: 'Viet Nam' -> 'viet-nam', 'Lao PDR' -> 'lao-pdr', '../../etc' -> 'etc'.

    Only `a-z`, `0-9` and single inner hyphens survive, so the result can never hold a path separator,
    a dot segment or a character a mail client or Windows would mangle; diacritics fold to their base
    letters first (Đà Nẵng -> da-nang). The result may be empty (text in a non-Latin script only):
    callers decide the fallback, because only they know what else identifies the thing.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", sort_key(text)).strip("-")
    slug = slug[:max_length].rstrip("-")
    if slug in RESERVED_FILE_NAMES:
        slug = f"{slug}-x"
    return slug
