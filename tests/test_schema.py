"""The schema mirrors the published one; permissions cover every call and nothing more."""

from __future__ import annotations

import copy

import yaml  # type: ignore[import-untyped]

from tests.support.constants import ROOT, SCHEMA
from tests.support.schema import published_schema


def test_schema_equals_the_published_one_but_for_added_permissions() -> None:
    published = published_schema()
    ours = copy.deepcopy(SCHEMA)
    for name, handler in ours["handlers"].items():
        theirs = set(published["handlers"][name]["permissions"])
        assert theirs <= set(handler["permissions"]), name
        handler["permissions"] = published["handlers"][name]["permissions"]
    assert ours == published


def test_added_permissions_are_only_the_create_probe() -> None:
    published = published_schema()
    added = {
        name: sorted(set(handler["permissions"]) - set(published["handlers"][name]["permissions"]))
        for name, handler in SCHEMA["handlers"].items()
    }
    # CreateEventTrigger models no conflict error: create probes GetEventTrigger.
    assert {name: extra for name, extra in added.items() if extra} == {
        "create": ["profile:GetEventTrigger"]
    }


def test_period_unit_includes_minutes() -> None:
    assert "MINUTES" in SCHEMA["definitions"]["Period"]["properties"]["Unit"]["enum"]


def test_execution_role_grants_exactly_the_handlers_permissions() -> None:
    role = yaml.safe_load((ROOT / "resource-role.yaml").read_text())
    statements = role["Resources"]["ExecutionRole"]["Properties"]["Policies"][0]["PolicyDocument"][
        "Statement"
    ]
    granted = {action for statement in statements for action in statement["Action"]}
    declared = {
        permission
        for handler in SCHEMA["handlers"].values()
        for permission in handler["permissions"]
    }
    assert granted == declared
