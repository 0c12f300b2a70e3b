"""Session kinds: the words organisers use for what happens in a programme, and the few behaviours
the products give each. The printed word for each kind is the layout's (`session_kind` text); what a
kind does is decided here, once, for every product.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Part = Literal["always", "when-described", "own", "never"]


@dataclass(frozen=True)
class Kind:
    """What a kind of session does in the products.

    - `part`: whether the booklet's programme gives it a part of its own: `always`; only
      `when-described` (it has a description, presentations or chairs); `own` (the recommendations
      segment has a chapter of its own); `never` (a break).
    - `prefixed`: the kind's word prints before the title even without a label ("Opening: ...");
      a session with a label always gets the word and the label ("Session 4A: ...", "Panel 2: ...").
    - `pause`: a break: in a timetable of parallel rooms it spans the row.
    - `plenary`: everyone attends: it spans every room of a parallel timetable.
    - `counted`: a working session, counted on the press fact sheet (`topic`: its title is one of
      the forum's topics there).
    """

    part: Part = "always"
    prefixed: bool = False
    pause: bool = False
    plenary: bool = False
    counted: bool = True
    topic: bool = True


SOCIAL = Kind(part="when-described", counted=False, topic=False)

KINDS: dict[str, Kind] = {
    "opening": Kind(prefixed=True, plenary=True),
    "plenary": Kind(plenary=True),
    "session": Kind(),
    "panel": Kind(),
    "workshop": Kind(),
    "side-event": Kind(part="when-described", counted=False, topic=False),
    "field-visit": Kind(part="when-described", counted=False, topic=False),
    "recommendations": Kind(part="own", plenary=True, topic=False),
    "exhibit": Kind(counted=False, topic=False),
    "press-conference": SOCIAL,
    "ceremony": SOCIAL,
    "reception": SOCIAL,
    "dinner": SOCIAL,
    "break": Kind(part="never", pause=True, counted=False, topic=False),
}

SessionKind = Literal[
    "opening",
    "plenary",
    "session",
    "panel",
    "workshop",
    "side-event",
    "field-visit",
    "recommendations",
    "exhibit",
    "press-conference",
    "ceremony",
    "reception",
    "dinner",
    "break",
]
