"""The JSON 1.0 wire, through the moto adapter as a request arrives, and its request reading."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.cloudcontrol import CloudControl
from localcloud.cloudcontrol.responses import CloudControlResponse, scope_region
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.moto_adapter.core import Request
from tests.support.constants import FAKE_ACCESS_KEY

URL = "https://cloudcontrolapi.us-east-1.amazonaws.com/"


@pytest.fixture
def service() -> Iterator[None]:
    from localcloud.cloudcontrol import register

    with mock_customer_profiles():
        register()
        yield


def _call(service: None, target: str | None, body: Any) -> tuple[int, dict[str, Any]]:
    raw = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
    headers = {"Content-Type": "application/x-amz-json-1.0"}
    if target is not None:
        headers["X-Amz-Target"] = target
    request = Request.from_primitives("POST", URL, headers, raw or b"")
    status, answer_headers, answer = CloudControlResponse.dispatch(request, URL, headers)
    assert answer_headers["Content-Type"] == "application/x-amz-json-1.0"
    document = json.loads(answer)
    if "__type" in document:  # an absolute shape id and either spelling, as botocore reads
        namespace, _, code = document["__type"].rpartition("#")
        assert namespace in ("", "CloudApiService"), document
        document["__type"] = code
        document["Message"] = document.pop("message", document.get("Message"))
    return int(status), document


@pytest.mark.parametrize(
    "target", [None, "", "GetResource", "CloudApiService.Nope", "Other.GetResource"]
)
def test_unknown_targets(service: None, target: str | None) -> None:
    assert _call(service, target, {}) == (
        400,
        {"__type": "UnknownOperationException", "Message": f"Unknown operation {target!r}"},
    )


@pytest.mark.parametrize("body", [b"{", b"[]", b'"text"', b"\xff\xfe"])
def test_bodies_that_are_not_json_objects(service: None, body: bytes) -> None:
    status, error = _call(service, "CloudApiService.ListResourceRequests", body)
    assert (status, error["__type"]) == (400, "SerializationException")


def test_input_is_checked_against_the_model(service: None) -> None:
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


def test_sensitive_values_are_not_echoed(service: None) -> None:
    _, error = _call(
        service, "CloudApiService.CreateResource", {"TypeName": TYPE_NAME, "DesiredState": ""}
    )
    assert "Value *** at 'desiredState'" in error["Message"]


def test_a_bug_is_a_500_without_details(service: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(CloudControl, "get_resource", explode)
    status, error = _call(
        service, "CloudApiService.GetResource", {"TypeName": TYPE_NAME, "Identifier": "d|n"}
    )
    assert (status, error) == (
        500,
        {"__type": "InternalFailure", "Message": "The emulator failed; see its log"},
    )


def test_output_keeps_modelled_members_and_epoch_times(
    service: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)

    def status(self: CloudControl, request_token: str) -> dict[str, Any]:
        return {"ProgressEvent": {"EventTime": when, "Secret": "x", "ErrorCode": None}, "Other": 1}

    monkeypatch.setattr(CloudControl, "get_resource_request_status", status)
    answer = _call(service, "CloudApiService.GetResourceRequestStatus", {"RequestToken": "t"})
    assert answer == (200, {"ProgressEvent": {"EventTime": when.timestamp()}})


def test_region_comes_from_the_credential_scope() -> None:
    header = (
        f"AWS4-HMAC-SHA256 Credential={FAKE_ACCESS_KEY}/20240101/ap-south-1/cloudcontrolapi/"
        "aws4_request, SignedHeaders=host, Signature=abc"
    )
    assert scope_region(header) == "ap-south-1"
    assert scope_region("") is None
    assert scope_region(None) is None
