"""Unit tests of the plain rules: error statuses, schema, identifiers, JSON patch."""

from __future__ import annotations

import json
from typing import Any, cast

import pytest
from botocore.model import StringShape

from localcloud.cloudcontrol import identifiers, patch
from localcloud.cloudcontrol.exceptions import (
    COMMON_ERRORS,
    CloudControlError,
    exception_for_handler_code,
    http_status,
    modelled_statuses,
    service_model,
)
from localcloud.core.resource_schema import ResourceSchema, ecma_pattern

SCHEMA = ResourceSchema.load()


# -- errors ----------------------------------------------------------------------------


def test_every_modelled_exception_has_a_status_from_the_model() -> None:
    model = service_model()
    declared = {
        error.name
        for op in model.operation_names
        for error in model.operation_model(op).error_shapes
    }
    assert declared <= set(modelled_statuses())
    assert http_status("ConcurrentModificationException") == 500  # "fault": true
    assert http_status("HandlerInternalFailureException") == 500
    assert http_status("ResourceNotFoundException") == 400
    assert http_status("ValidationException") == COMMON_ERRORS["ValidationException"] == 400


def test_an_unknown_code_cannot_be_raised() -> None:
    with pytest.raises(KeyError):
        CloudControlError("NoSuchException", "never sent")


@pytest.mark.parametrize(
    "code", cast(StringShape, service_model().shape_for("HandlerErrorCode")).enum
)
def test_every_handler_error_code_maps_to_a_modelled_exception(code: str) -> None:
    assert exception_for_handler_code(code) in modelled_statuses()


@pytest.mark.parametrize(
    ("code", "exception"),
    [
        ("NotFound", "ResourceNotFoundException"),
        ("InternalFailure", "HandlerInternalFailureException"),
        ("AlreadyExists", "AlreadyExistsException"),
        ("InvalidRequest", "InvalidRequestException"),
        ("Throttling", "ThrottlingException"),
        ("GeneralServiceException", "GeneralServiceException"),
        ("AccessDenied", "GeneralServiceException"),
    ],
)
def test_handler_error_code_names(code: str, exception: str) -> None:
    assert exception_for_handler_code(code) == exception


# -- schema ----------------------------------------------------------------------------


def test_schema_semantics_come_from_the_file() -> None:
    assert SCHEMA.type_name == "AWS::CustomerProfiles::EventTrigger"
    assert SCHEMA.primary_identifier == ("DomainName", "EventTriggerName")
    assert SCHEMA.create_only == (("DomainName",), ("EventTriggerName",))
    assert SCHEMA.read_only == (("CreatedAt",), ("LastUpdatedAt",))


def test_dollar_means_end_of_input() -> None:
    assert ecma_pattern("^[a-z]+$") == r"^[a-z]+\Z"
    assert ecma_pattern(r"^a\$[$]$") == r"^a\$[$]\Z"
    assert SCHEMA.validate_property("DomainName", "name\n")
    assert not SCHEMA.validate_property("DomainName", "name")


def test_messages_read_like_cloudformations() -> None:
    assert SCHEMA.validate({"DomainName": "d", "EventTriggerName": "n"}) == [
        "#: required key [ObjectTypeName] not found",
        "#: required key [EventTriggerConditions] not found",
    ]
    assert SCHEMA.validate_list_model({}) == ["#: required key [DomainName] not found"]
    assert SCHEMA.validate_list_model({"DomainName": "a/b"}) == [
        "#/DomainName: string [a/b] does not match pattern ^[a-zA-Z0-9_-]+$"
    ]


def test_read_only_properties_are_stripped() -> None:
    model = {"DomainName": "d", "CreatedAt": "x", "LastUpdatedAt": "y"}
    assert SCHEMA.without_read_only(model) == {"DomainName": "d"}


# -- identifiers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "dom|name",
        '{"DomainName": "dom", "EventTriggerName": "name"}',
        ' {"EventTriggerName": "name", "DomainName": "dom"}',
    ],
)
def test_identifier_forms(raw: str) -> None:
    assert identifiers.parse(raw, SCHEMA) == {"DomainName": "dom", "EventTriggerName": "name"}


@pytest.mark.parametrize(
    "raw",
    [
        "dom",
        "dom|name|extra",
        "|name",
        "dom|",
        "dom/x|name",
        "..|name",
        "dom|a%2Fb",
        "dom|ñame",
        "dom|name\n",
        "dom|" + "n" * 65,
        "{",
        '{"DomainName": "dom"}',
        '{"DomainName": "dom", "EventTriggerName": "n", "Other": "x"}',
        '{"DomainName": "dom", "EventTriggerName": ["n"]}',
    ],
)
def test_bad_identifiers(raw: str) -> None:
    with pytest.raises(CloudControlError) as excinfo:
        identifiers.parse(raw, SCHEMA)
    assert excinfo.value.code == "ValidationException"


# -- patch -----------------------------------------------------------------------------

DOCUMENT: dict[str, Any] = {
    "DomainName": "d",
    "EventTriggerName": "n",
    "Description": "a",
    "Tags": [{"Key": "k", "Value": "v"}],
    "CreatedAt": "t",
}


def _apply(operations: list[dict[str, Any]]) -> dict[str, Any]:
    parsed = patch.parse(json.dumps(operations))
    patch.check_paths(parsed, SCHEMA)
    return patch.apply(DOCUMENT, parsed)


def test_patch_applies_every_op_without_touching_the_original() -> None:
    result = _apply(
        [
            {"op": "test", "path": "/Description", "value": "a"},
            {"op": "add", "path": "/Tags/-", "value": {"Key": "x", "Value": "y"}},
            {"op": "copy", "from": "/Description", "path": "/SegmentFilter"},
            {"op": "move", "from": "/SegmentFilter", "path": "/ObjectTypeName"},
            {"op": "replace", "path": "Description", "value": "b"},
            {"op": "remove", "path": "/Tags/0"},
        ]
    )
    assert result["Description"] == "b"
    assert result["ObjectTypeName"] == "a"
    assert result["Tags"] == [{"Key": "x", "Value": "y"}]
    assert "SegmentFilter" not in result
    assert DOCUMENT["Description"] == "a"


@pytest.mark.parametrize(
    ("operations", "code"),
    [
        ([{"op": "replace", "path": "/DomainName", "value": "e"}], "NotUpdatableException"),
        ([{"op": "move", "from": "/EventTriggerName", "path": "/X"}], "NotUpdatableException"),
        ([{"op": "remove", "path": ""}], "NotUpdatableException"),
        ([{"op": "remove", "path": "/CreatedAt"}], "ValidationException"),
        ([{"op": "add", "path": "/LastUpdatedAt", "value": "t"}], "ValidationException"),
        ([{"op": "test", "path": "/Description", "value": "z"}], "ValidationException"),
        ([{"op": "remove", "path": "/Missing"}], "ValidationException"),
        ([{"op": "replace", "path": "/Tags/9", "value": {}}], "ValidationException"),
    ],
)
def test_patch_refusals(operations: list[dict[str, Any]], code: str) -> None:
    with pytest.raises(CloudControlError) as excinfo:
        _apply(operations)
    assert excinfo.value.code == code


def test_reading_protected_paths_is_allowed() -> None:
    result = _apply(
        [
            {"op": "test", "path": "/DomainName", "value": "d"},
            {"op": "copy", "from": "/CreatedAt", "path": "/Description"},
        ]
    )
    assert result["Description"] == "t"


def test_a_patch_must_leave_an_object() -> None:
    parsed = patch.parse('[{"op": "test", "path": "", "value": {}}]')
    with pytest.raises(CloudControlError):
        patch.apply({}, [{"op": "replace", "path": "", "value": [1]}])
    assert patch.apply({}, parsed) == {}
