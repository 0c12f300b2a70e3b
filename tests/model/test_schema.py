"""The JSON Schema that `briefpack schema` writes accepts real data files and rejects broken ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from briefpack.cli import main
from briefpack.model.schema import data_schema
from eventdirs import SAMPLE, starter_event


def _as_json(value: Any) -> Any:
    """YAML dates become the ISO strings the schema (and JSON editors) expect."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = data_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _files(tmp_path: Path) -> list[Path]:
    return sorted(SAMPLE.glob("*.yaml")) + sorted(starter_event(tmp_path / "starter").glob("*.yaml"))


def test_every_sample_and_starter_file_validates(validator, tmp_path: Path) -> None:
    files = _files(tmp_path)
    assert any(f.parent == SAMPLE for f in files), "the sample event is missing"
    for path in files:
        errors = list(validator.iter_errors(_as_json(yaml.safe_load(path.read_text(encoding="utf-8")))))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_schema_rejects_unknown_keys_and_bad_ids(validator) -> None:
    assert list(validator.iter_errors({"peeple": []}))
    assert list(validator.iter_errors({"people": [{"id": "Not A Slug", "name": "x"}]}))
    assert list(validator.iter_errors({"people": [{"id": "ok", "name": "x", "colour": "red"}]}))
    assert not list(validator.iter_errors({"people": [{"id": "ok", "name": "x"}]}))


def test_cli_writes_the_same_schema(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == data_schema()
