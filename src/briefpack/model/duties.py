"""Which sessions are a delegation's own, and what it does in each: one rule for every product.

The packet's highlighted slots, the press kit's speaking slots, the build summary's notes and the
tests' independent reading of the data all ask `delegation_duties`, so they all talk about the same
thing: a session is the delegation's when one of its people (head or member) chairs it or presents
in it, when its recommendations brief is presented in it, or when it is a recommendations segment
(every delegation is expected to attend those in full).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefpack.model.catalogue import Catalogue, delegation_people
from briefpack.model.event import Delegation


@dataclass(frozen=True)
class Duty:
    """What the delegation does in one session: `kind` is chair, present, brief or attend."""

    kind: str
    people: tuple[str, ...] = ()  # person ids
    title: str = ""  # the presentation's title, for `present`


def delegation_duties(cat: Catalogue, delegation: Delegation) -> dict[str, list[Duty]]:
    """Session id -> what the delegation does there, in programme order; only its own sessions appear."""
    people = set(delegation_people(delegation))
    brief = delegation.brief
    out: dict[str, list[Duty]] = {}
    for placed in cat.placed_sessions():
        session = placed.session
        duties: list[Duty] = []
        chairs = tuple(p for p in session.chairs if p in people)
        if chairs:
            duties.append(Duty("chair", chairs))
        for pres in session.presentations:
            presenters = tuple(p for p in pres.presenters if p in people)
            if presenters:
                duties.append(Duty("present", presenters, pres.title))
        if brief and brief.session == session.id:
            duties.append(Duty("brief", tuple(brief.presenters)))
        if session.kind == "recommendations":
            duties.append(Duty("attend"))
        if duties:
            out[session.id] = duties
    return out
