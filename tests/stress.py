"""A stress event: the sample forum pushed to what real events of the region contain, and past it.

Generated into a temporary folder (never shipped): descriptions of 700 and 2,000 words, unbroken
80-character tokens in titles, names, organisations, rooms and table cells, a session with 40
presentations, a delegation of 60 people, a 250-character organisation name, and native names in
every script the shipped layouts draw. The words are drawn from a fixed seed, so the event, and
the pages it makes, are the same on every run.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from eventdirs import SAMPLE

WORDS = [
    "women",
    "gender",
    "trafficking",
    "policy",
    "regional",
    "cooperation",
    "labour",
    "migration",
    "community",
    "protection",
    "rights",
    "network",
    "ministry",
    "provincial",
    "safe",
    "return",
    "reintegration",
    "livelihood",
    "training",
    "awareness",
]
TOKEN = "Transboundary" + "x" * 54 + "Cooperation"  # 78 characters, no break opportunity
NATIVE = {  # language tag -> a name in that script
    "vi": "Nguyễn Thị Phượng Hoàng",
    "th": "สมศรี ใจดีงามยิ่ง",
    "lo": "ສົມພອນ ແກ້ວມະນີວົງ",
    "km": "ស្រីមុំ សុវណ្ណារី",
    "zh": "欧阳秀英",
}
LONG_ORG = ("The Regional Coordinating Secretariat of the Network of " * 5).strip()[:250]


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((SAMPLE / name).read_text(encoding="utf-8"))


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count)) + "."


def write_stress_event(folder: Path) -> Path:
    """Write the stress event into `folder` (created) and return it."""
    rng = random.Random(2007)
    folder.mkdir(parents=True, exist_ok=True)
    event = _load("event.yaml")
    event["event"]["description"] = [_words(rng, 300), f"{TOKEN} {_words(rng, 60)}"]
    people = _load("people.yaml")["people"]
    orgs = _load("organisations.yaml")["organisations"]
    dels = _load("delegations.yaml")["delegations"]
    programme = _load("programme.yaml")
    contacts = _load("contacts.yaml")

    orgs.append({"id": "long-org", "name": LONG_ORG, "kind": "ngo", "country": "TH"})
    orgs.append({"id": "token-org", "name": f"Office {TOKEN}", "kind": "ngo", "country": "LA"})
    big = next(d for d in dels if d["country"] == "TH")
    tags = list(NATIVE)
    for k in range(60 - 1 - len(big["members"])):
        pid = f"th-stress-{k}"
        tag = tags[k % len(tags)]
        people.append(
            {
                "id": pid,
                "honorific": "Ms.",
                "name": f"{TOKEN} {k}" if k % 10 == 0 else f"Stress Delegate {k}",
                "native_name": f"{NATIVE[tag]} {k}",
                "title": f"{_words(rng, 6)} {TOKEN}" if k % 7 == 0 else "Programme Officer",
                "organisation": "long-org" if k % 2 else "token-org",
                "country": "TH",
                "roles": ["delegate"],
                "email": f"stress{k}@example.org",
                "phone": f"+66 2 {k:07d}",
            }
        )
        big["members"].append(pid)

    sessions = [s for day in programme["days"] for s in day["sessions"]]
    described = [s for s in sessions if s.get("description")]
    for i, session in enumerate(described):
        session["description"] = _words(rng, 2000 if i == 1 else 700)
    crowded = described[2]
    crowded["room"] = f"Room {TOKEN}"
    speakers = [p["id"] for p in people if p["id"].startswith("th-stress-")]
    crowded["presentations"] = [
        {
            "title": f"{TOKEN} {n}" if n % 9 == 0 else f"Presentation {n}: {_words(rng, 14)}",
            "presenters": [speakers[n % len(speakers)]],
            "organisation": "long-org",
            "country": "TH",
        }
        for n in range(40)
    ]
    for exhibit in contacts["exhibits"]:
        exhibit["description"] = f"{exhibit.get('description', '')} {TOKEN} {_words(rng, 80)}"

    files = {
        "event.yaml": event,
        "people.yaml": {"people": people},
        "organisations.yaml": {"organisations": orgs},
        "delegations.yaml": {"delegations": dels},
        "programme.yaml": programme,
        "contacts.yaml": contacts,
    }
    for name, content in files.items():
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / name).write_text(text, encoding="utf-8")
    return folder
