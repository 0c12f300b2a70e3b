"""A build is a list of independent jobs: one output file each, a pure function of its inputs.

A job names what it makes (product, format, recipient, path) and carries the *slice* of the event
data it may read. The composer is handed exactly that slice, so the cache key computed from it is
complete by construction: a job cannot depend on data its key does not cover.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic_core import to_jsonable_python

from briefpack.model.event import EventData


@dataclass(frozen=True)
class Job:
    product: str
    format: str
    paths: tuple[str, ...]  # relative to the event's output folder, one per file the job makes
    recipient: str | None = None  # e.g. a delegation id
    variant: str = ""  # e.g. "recipients" (the CSV beside the packets), "all" (cards for everyone)
    data: EventData | None = field(default=None, compare=False, repr=False)

    @property
    def formats(self) -> tuple[str, ...]:
        """The format of each file the job makes, in path order, as far as the job names them
        (`pdf+docx+ics`: a packet's two briefings and its calendar; its zip follows them)."""
        return tuple(self.format.split("+"))

    @property
    def name(self) -> str:
        parts = [self.product, self.recipient, self.variant, self.format]
        return ":".join(p for p in parts if p)


class SliceDigests:
    """Digests of data slices for one build. Slices share most sections (every packet's slice holds the
    same people list), so each section object is digested once, not once per job."""

    def __init__(self) -> None:
        self._sections: dict[int, tuple[Any, str]] = {}  # id -> (the section, kept alive; its digest)

    def of(self, data: EventData) -> str:
        """A stable digest of a slice (JSON with sorted keys; dates as ISO strings), section by section."""
        return digest({name: self._section(getattr(data, name)) for name in EventData.model_fields})

    def _section(self, value: Any) -> str:
        known = self._sections.get(id(value))
        if known is None or known[0] is not value:
            payload = json.dumps(to_jsonable_python(value), sort_keys=True, ensure_ascii=False)
            known = (value, hashlib.sha256(payload.encode("utf-8")).hexdigest())
            self._sections[id(value)] = known
        return known[1]


def digest(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, sort_keys=True, default=str).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()
