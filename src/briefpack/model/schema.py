"""The JSON Schema of a data file, so editors complete keys and flag mistakes while typing."""

from __future__ import annotations

from typing import Any

from briefpack.model.event import SourceFile


def data_schema() -> dict[str, Any]:
    schema = SourceFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefpack event data file",
        "description": "One YAML file of a briefpack event folder. Each top-level section "
        "(event, countries, days, organisations, people, delegations, contacts, exhibits) "
        "appears in exactly one file of the folder.",
        **{k: v for k, v in schema.items() if k not in {"title", "description"}},
    }
