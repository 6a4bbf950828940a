"""Unit tests of the JSON 1.0 layer, and of the moto adapter's request reading."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from localcloud.cloudcontrol import CloudControl, protocol
from localcloud.cloudcontrol.exceptions import service_model
from localcloud.cloudcontrol.responses import scope_region
from localcloud.handler_request import TYPE_NAME
from tests.support.constants import FAKE_ACCESS_KEY


class Exploding(CloudControl):
    def get_resource(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RuntimeError("a bug")


@pytest.fixture
def service() -> Any:
    made = Exploding(entrypoint=lambda event, context: {"status": "SUCCESS"})
    yield made
    made.close()


def _call(service: CloudControl, target: str | None, body: Any) -> tuple[int, dict[str, Any]]:
    raw = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
    status, headers, answer = protocol.handle(service, target, raw)
    assert headers["Content-Type"] == "application/x-amz-json-1.0"
    return status, json.loads(answer)


@pytest.mark.parametrize(
    "target", [None, "", "GetResource", "CloudApiService.Nope", "Other.GetResource"]
)
def test_unknown_targets(service: CloudControl, target: str | None) -> None:
    assert _call(service, target, {}) == (
        400,
        {"__type": "UnknownOperationException", "Message": f"Unknown operation {target!r}"},
    )


@pytest.mark.parametrize("body", [b"{", b"[]", b'"text"', b"\xff\xfe"])
def test_bodies_that_are_not_json_objects(service: CloudControl, body: bytes) -> None:
    status, error = _call(service, "CloudApiService.ListResourceRequests", body)
    assert (status, error["__type"]) == (400, "SerializationException")


def test_input_is_checked_against_the_model(service: CloudControl) -> None:
    status, error = _call(
        service,
        "CloudApiService.CreateResource",
        {"TypeName": TYPE_NAME, "ClientToken": "bad token!"},
    )
    assert (status, error["__type"]) == (400, "ValidationException")
    assert error["Message"] == (
        "2 validation errors detected: Value null at 'desiredState' failed to satisfy "
        "constraint: Member must not be null; Value 'bad token!' at 'clientToken' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: [-A-Za-z0-9+/=]+"
    )
    status, error = _call(
        service,
        "CloudApiService.ListResourceRequests",
        {"MaxResults": 101, "ResourceRequestStatusFilter": {"OperationStatuses": ["DONE"]}},
    )
    assert status == 400
    assert (
        "at 'maxResults' failed to satisfy constraint: Member must have value less"
        in (error["Message"])
    )
    assert "Member must satisfy enum value set" in error["Message"]


def test_sensitive_values_are_not_echoed(service: CloudControl) -> None:
    _, error = _call(
        service, "CloudApiService.CreateResource", {"TypeName": TYPE_NAME, "DesiredState": ""}
    )
    assert "Value *** at 'desiredState'" in error["Message"]


def test_a_bug_is_a_500_without_details(service: CloudControl) -> None:
    status, error = _call(
        service, "CloudApiService.GetResource", {"TypeName": TYPE_NAME, "Identifier": "d|n"}
    )
    assert (status, error) == (
        500,
        {"__type": "InternalFailure", "Message": "An internal error occurred"},
    )


def test_output_keeps_modelled_members_and_epoch_times() -> None:
    shape = service_model().operation_model("GetResourceRequestStatus").output_shape
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    value = {"ProgressEvent": {"EventTime": when, "Secret": "x", "ErrorCode": None}, "Other": 1}
    assert protocol.serialize(shape, value) == {"ProgressEvent": {"EventTime": when.timestamp()}}


def test_region_comes_from_the_credential_scope() -> None:
    header = (
        f"AWS4-HMAC-SHA256 Credential={FAKE_ACCESS_KEY}/20240101/ap-south-1/cloudcontrolapi/"
        "aws4_request, SignedHeaders=host, Signature=abc"
    )
    assert scope_region(header) == "ap-south-1"
    assert scope_region("") is None
    assert scope_region(None) is None
