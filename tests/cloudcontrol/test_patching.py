"""UpdateResource's patch document, end to end: every RFC 6902 op, and every way to get it wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from tests.support import cloud
from tests.support.cloud import properties, stored
from tests.support.polling import settle
from tests.support.samples import attribute, condition, desired
from tests.support.services import seed

CONDITION = condition(attribute("EQUAL", "gold"), logical="ALL")


@pytest.fixture
def trigger(customer_profiles: Any, domain: str) -> str:
    return seed(customer_profiles, desired(domain, "patched", Description="before"))


def _update(cloudcontrol: Any, identifier: str, patch: Any) -> dict[str, Any]:
    document = patch if isinstance(patch, str) else json.dumps(patch)
    started = cloudcontrol.update_resource(
        TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=document
    )
    return settle(cloudcontrol, started["ProgressEvent"]["RequestToken"])


def _refused(cloudcontrol: Any, identifier: str, patch: Any) -> tuple[str, str]:
    customer_profiles = cloud.customer_profiles(cloudcontrol.meta.endpoint_url)
    before = stored(customer_profiles, identifier)
    document = patch if isinstance(patch, str) else json.dumps(patch)
    with pytest.raises(ClientError) as excinfo:
        cloudcontrol.update_resource(
            TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=document
        )
    assert stored(customer_profiles, identifier) == before  # nothing changed
    error = excinfo.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    return error["Error"]["Code"], error["Error"]["Message"]


def test_all_six_operations(cloudcontrol: Any, trigger: str) -> None:
    patch = [
        {"op": "test", "path": "/Description", "value": "before"},
        {"op": "add", "path": "/EventTriggerConditions/-", "value": CONDITION},
        {"op": "copy", "from": "/Description", "path": "/SegmentFilter"},
        {"op": "replace", "path": "/SegmentFilter", "value": "vip"},
        {"op": "move", "from": "/Description", "path": "/Description"},
        {"op": "add", "path": "/EventTriggerLimits", "value": {"EventExpiration": 5}},
        {"op": "remove", "path": "/EventTriggerLimits"},
        {"op": "replace", "path": "Description", "value": "after"},  # no leading slash
    ]
    assert _update(cloudcontrol, trigger, patch)["OperationStatus"] == "SUCCESS"
    current = properties(cloudcontrol, trigger)
    assert current["Description"] == "after"
    assert current["SegmentFilter"] == "vip"
    assert "EventTriggerLimits" not in current
    assert current["EventTriggerConditions"][1] == CONDITION


def test_move_between_properties(cloudcontrol: Any, trigger: str) -> None:
    patch = [{"op": "move", "from": "/Description", "path": "/SegmentFilter"}]
    assert _update(cloudcontrol, trigger, patch)["OperationStatus"] == "SUCCESS"
    current = properties(cloudcontrol, trigger)
    assert current["SegmentFilter"] == "before"
    assert "Description" not in current


def test_failed_test_changes_nothing(cloudcontrol: Any, trigger: str) -> None:
    patch = [
        {"op": "replace", "path": "/Description", "value": "never"},
        {"op": "test", "path": "/Description", "value": "something else"},
    ]
    code, message = _refused(cloudcontrol, trigger, patch)
    assert code == "ValidationException"
    assert "operation 1: test at /Description failed" in message


@pytest.mark.parametrize(
    "document",
    [
        "not json",
        "{}",
        "[]",
        '[{"op": "frobnicate", "path": "/Description"}]',
        '[{"op": "add", "path": "/Description"}]',
        '[{"op": "move", "path": "/Description"}]',
        '[{"path": "/Description", "value": "x"}]',
        '[{"op": "add", "path": 5, "value": "x"}]',
        '[{"op": "add", "path": "/a~9", "value": "x"}]',
        '[{"op": "remove", "path": "/SegmentFilter"}]',
        '["add /Description"]',
    ],
)
def test_malformed_patches_are_refused(cloudcontrol: Any, trigger: str, document: str) -> None:
    code, message = _refused(cloudcontrol, trigger, document)
    assert code == "ValidationException"
    assert message.startswith("Invalid patch document")


@pytest.mark.parametrize(
    ("patch", "paths"),
    [
        ([{"op": "replace", "path": "/EventTriggerName", "value": "other"}], "EventTriggerName"),
        ([{"op": "remove", "path": "/DomainName"}], "DomainName"),
        ([{"op": "move", "from": "/EventTriggerName", "path": "/Description"}], "EventTriggerName"),
        (
            [{"op": "replace", "path": "", "value": {}}],
            "DomainName, /properties/EventTriggerName",
        ),
    ],
)
def test_create_only_paths_are_not_updatable(
    cloudcontrol: Any, trigger: str, patch: Any, paths: str
) -> None:
    code, message = _refused(cloudcontrol, trigger, patch)
    assert code == "NotUpdatableException"
    assert message == (
        f"Invalid patch update: createOnlyProperties [/properties/{paths}] cannot be updated"
    )


def test_create_only_paths_may_be_tested(cloudcontrol: Any, trigger: str) -> None:
    domain = trigger.split("|")[0]
    patch = [
        {"op": "test", "path": "/DomainName", "value": domain},
        {"op": "copy", "from": "/EventTriggerName", "path": "/Description"},
    ]
    assert _update(cloudcontrol, trigger, patch)["OperationStatus"] == "SUCCESS"
    assert properties(cloudcontrol, trigger)["Description"] == "patched"


@pytest.mark.parametrize("op", ["add", "replace", "remove"])
def test_read_only_paths_are_refused(cloudcontrol: Any, trigger: str, op: str) -> None:
    operation: dict[str, Any] = {"op": op, "path": "/CreatedAt"}
    if op != "remove":
        operation["value"] = "2020-01-01T00:00:00Z"
    code, message = _refused(cloudcontrol, trigger, [operation])
    assert code == "ValidationException"
    assert message == (
        "Invalid patch update: readOnlyProperties [/properties/CreatedAt] cannot be updated"
    )


@pytest.mark.parametrize(
    ("patch", "problem"),
    [
        ([{"op": "remove", "path": "/ObjectTypeName"}], "#: required key [ObjectTypeName]"),
        ([{"op": "add", "path": "/Colour", "value": "red"}], "#: extraneous key [Colour]"),
        (
            [{"op": "replace", "path": "/EventTriggerConditions/0/LogicalOperator", "value": "X"}],
            "#/EventTriggerConditions/0/LogicalOperator: X is not a valid enum value",
        ),
        ([{"op": "add", "path": "/SegmentFilter", "value": "a b"}], "#/SegmentFilter"),
    ],
)
def test_patched_model_is_validated(
    cloudcontrol: Any, trigger: str, patch: Any, problem: str
) -> None:
    code, message = _refused(cloudcontrol, trigger, patch)
    assert code == "ValidationException"
    assert message.startswith("Model validation failed (")
    assert problem in message


def test_update_of_a_missing_resource(cloudcontrol: Any, domain: str) -> None:
    patch = json.dumps([{"op": "add", "path": "/Description", "value": "x"}])
    with pytest.raises(cloudcontrol.exceptions.ResourceNotFoundException):
        cloudcontrol.update_resource(
            TypeName=TYPE_NAME, Identifier=f"{domain}|absent", PatchDocument=patch
        )
