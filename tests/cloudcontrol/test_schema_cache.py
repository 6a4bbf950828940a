"""The schema's validators are built once and reused: identifiers are checked on every request."""

from __future__ import annotations

from typing import Any

import pytest

from localcloud.cloudcontrol import identifiers
from localcloud.core import resource_schema as schema_module
from localcloud.core.resource_schema import ResourceSchema


@pytest.fixture
def constructions(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every validator the schema module builds from now on."""
    built: list[Any] = []
    real = schema_module.EcmaValidator

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(schema_module, "EcmaValidator", counting)
    return built


def test_identifier_checks_build_one_validator_per_property(constructions: list[Any]) -> None:
    schema = ResourceSchema.load()
    for index in range(20):
        assert identifiers.parse(f"domain-{index}|trigger-{index}", schema) == {
            "DomainName": f"domain-{index}",
            "EventTriggerName": f"trigger-{index}",
        }
    assert len(constructions) == len(schema.primary_identifier) == 2


def test_a_cached_validator_still_refuses_bad_values(constructions: list[Any]) -> None:
    schema = ResourceSchema.load()
    assert schema.validate_property("DomainName", "good-name") == []
    for _ in range(3):
        (problem,) = schema.validate_property("DomainName", "bad/name")
        assert problem.startswith("#/DomainName: string [bad/name] does not match pattern")
    assert len(constructions) == 1


def test_model_validators_are_built_once(constructions: list[Any]) -> None:
    schema = ResourceSchema.load()
    for _ in range(5):
        schema.validate({"DomainName": "d"})
        schema.validate_list_model({"DomainName": "d"})
    assert len(constructions) == 2
