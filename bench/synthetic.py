"""Synthetic events of any size, grown from the sample forum, for the benchmark.

The sample's programme, organisations and contacts are kept; delegations and people are
multiplied with made-up countries (codes `AA`, `AB`, ...) and names that mix the region's
scripts, so the fonts and shaping work scales like a real event's.
"""

from __future__ import annotations

import itertools
import string
from pathlib import Path
from typing import Any

import yaml

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "mekong-2007"
NATIVE = ["Nguyễn Thị Hà", "สมศรี ใจดี", "ສົມພອນ ແກ້ວ", "សុខ ចាន់ធា", "李秀英"]
LANGS = ["vi-VN", "th-TH", "lo-LA", "km-KH", "zh-CN"]


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((SAMPLE / name).read_text(encoding="utf-8"))


def _codes() -> list[str]:
    taken = {"KH", "CN", "LA", "TH", "VN", "MY"}
    pairs = ("".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2))
    return [code for code in pairs if code not in taken]


def write_event(folder: Path, delegations: int, participants: int) -> Path:
    """Write an event with `delegations` delegations and about `participants` people into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    event = _load("event.yaml")
    people = _load("people.yaml")["people"]
    orgs = _load("organisations.yaml")["organisations"]
    dels = _load("delegations.yaml")["delegations"]
    extra = max(0, delegations - len(dels))
    per = max(1, (participants - len(people)) // max(extra, 1)) if extra else 0
    for n, code in zip(range(extra), _codes(), strict=False):
        i = n % len(NATIVE)
        event["countries"].append(
            {"code": code, "name": f"Country {code}", "native_name": NATIVE[i], "language": LANGS[i]}
        )
        org_id = f"org-{code.lower()}"
        orgs.append({"id": org_id, "name": f"Women's Union of Country {code}", "kind": "womens-union", "country": code})
        ids = []
        for k in range(per):
            pid = f"p-{code.lower()}-{k}"
            ids.append(pid)
            people.append(
                {
                    "id": pid,
                    "honorific": "Ms.",
                    "name": f"Delegate {code} {k}",
                    "native_name": f"{NATIVE[(i + k) % len(NATIVE)]} {k}",
                    "title": "Programme Officer",
                    "organisation": org_id,
                    "country": code,
                    "roles": ["delegate"],
                    "email": f"{pid}@example.org",
                    "phone": f"+84 4 {k:07d}",
                }
            )
        dels.append({"id": f"d-{code.lower()}", "country": code, "head": ids[0], "members": ids[1:]})
    (folder / "event.yaml").write_text(yaml.safe_dump(event, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, key, value in (
        ("people.yaml", "people", people),
        ("organisations.yaml", "organisations", orgs),
        ("delegations.yaml", "delegations", dels),
    ):
        (folder / name).write_text(yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in ("programme.yaml", "contacts.yaml"):
        (folder / name).write_text((SAMPLE / name).read_text(encoding="utf-8"), encoding="utf-8")
    return folder
