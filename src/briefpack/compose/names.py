"""Names as people write them: which part is the family name, and where a name goes in an index.

The data may say it (`family_name`, `given_name`, `name_order`, `sort_as` on a person); where it
does not, a best-effort rule, kept simple, reads the printed Latin name:

- names from countries that write the family name first (`FAMILY_FIRST`: Viet Nam, China, Cambodia,
  Korea, ...) have it as their first word;
- Malay names with a patronymic (`bin`, `binti`, `a/l`, `a/p`) and names from countries without
  family names (`GIVEN_ONLY`: Myanmar) have none: the whole name is the given name;
- otherwise (Thai, Lao and Western names) the last word is the family name.

An index lists a given-name-first name under its family name ("Dow, Allan", under D), and any other
name as written ("Nguyen Thi Thanh Ha" under N, "Ahmad Faizal bin Abdul Rahman" under A).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefpack.document.collation import sort_key
from briefpack.model.event import Person

FAMILY_FIRST: frozenset[str] = frozenset({"VN", "CN", "KH", "TW", "HK", "MO", "KR", "KP", "JP"})
"""Countries whose names, as printed in Latin script here, start with the family name."""

GIVEN_ONLY: frozenset[str] = frozenset({"MM"})
"""Countries where names have no family name: the whole name is the given name."""

_PATRONYMIC = re.compile(r"\s(?:bin|binti|bt|a/l|a/p)\s", re.IGNORECASE)


@dataclass(frozen=True)
class NameParts:
    family: str
    given: str
    family_first: bool  # the printed name starts with the family name


def name_parts(person: Person) -> NameParts:
    """(family, given, order) of a person's printed name: from the data where given, else by rule."""
    family_first = person.name_order == "family-first" if person.name_order else (person.country in FAMILY_FIRST)
    if person.family_name or person.given_name:
        return NameParts(person.family_name or "", person.given_name or "", family_first)
    words = person.name.split()
    if len(words) <= 1 or person.country in GIVEN_ONLY or _PATRONYMIC.search(f" {person.name} "):
        return NameParts("", person.name, family_first)
    if family_first:
        return NameParts(words[0], " ".join(words[1:]), True)
    return NameParts(words[-1], " ".join(words[:-1]), False)


def index_name(person: Person) -> str:
    """How the person is listed in an index: "Family, Given" for a given-name-first name, else as written."""
    parts = name_parts(person)
    if parts.family and parts.given and not parts.family_first:
        return f"{parts.family}, {parts.given}"
    return person.name


def index_key(person: Person) -> str:
    return sort_key(person.sort_as or index_name(person))
