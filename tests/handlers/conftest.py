"""Fixtures for the handler tests: real boto3 clients under botocore's Stubber."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from cloudformation_cli_python_lib.boto3_proxy import SessionProxy

from tests.samples import CONDITIONS, LIMITS

DOMAIN = "retail"
NAME = "high-value-order"
CREATED = datetime(2026, 11, 1, 9, 30, 0, 123000, tzinfo=UTC)
UPDATED = datetime(2026, 11, 2, 10, 0, 0, tzinfo=UTC)


def model_properties(**overrides: Any) -> dict[str, Any]:
    """A full, valid resource model as CloudFormation passes it."""
    properties: dict[str, Any] = {
        "DomainName": DOMAIN,
        "EventTriggerName": NAME,
        "ObjectTypeName": "Orders",
        "Description": "Orders over 500",
        "EventTriggerConditions": CONDITIONS,
        "SegmentFilter": "vip-customers",
        "EventTriggerLimits": LIMITS,
        "Tags": [{"Key": "team", "Value": "crm"}],
    }
    properties.update(overrides)
    return {key: value for key, value in properties.items() if value is not None}


def api_trigger(**overrides: Any) -> dict[str, Any]:
    """A Get/Create/Update response for the model above."""
    response: dict[str, Any] = {
        "EventTriggerName": NAME,
        "ObjectTypeName": "Orders",
        "Description": "Orders over 500",
        "EventTriggerConditions": CONDITIONS,
        "SegmentFilter": "vip-customers",
        "EventTriggerLimits": LIMITS,
        "CreatedAt": CREATED,
        "LastUpdatedAt": UPDATED,
        "Tags": {"team": "crm"},
    }
    response.update(overrides)
    return {key: value for key, value in response.items() if value is not None}


class RecordingBotoSession:
    """Stands in for boto3.Session: hands out one stubbed client, recording how."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.client_kwargs: list[tuple[str, dict[str, Any]]] = []

    def client(self, service_name: str, **kwargs: Any) -> Any:
        self.client_kwargs.append((service_name, kwargs))
        return self._client

    def resource(self, *_: Any, **__: Any) -> Any:  # pragma: no cover - SessionProxy needs it
        raise NotImplementedError


class Stubbed:
    def __init__(self, region: str = "us-east-1") -> None:
        self.client = boto3.client(
            "customer-profiles",
            region_name=region,
            aws_access_key_id="AKIAEXAMPLE",
            aws_secret_access_key="secret",
            aws_session_token="token",
        )
        self.stubber = Stubber(self.client)
        self.boto_session = RecordingBotoSession(self.client)
        self.session = SessionProxy(self.boto_session)  # type: ignore[arg-type]

    def expect(self, operation: str, params: dict[str, Any], response: Any = None) -> None:
        self.stubber.add_response(operation, response or {}, params)

    def fail(self, operation: str, code: str, message: str = "failed", params: Any = None) -> None:
        status = {"ResourceNotFoundException": 404, "AccessDeniedException": 403}.get(code, 400)
        self.stubber.add_client_error(
            operation, code, message, http_status_code=status, expected_params=params
        )


@pytest.fixture
def stubbed() -> Iterator[Stubbed]:
    stub = Stubbed()
    with stub.stubber:
        yield stub
        stub.stubber.assert_no_pending_responses()


def make_request(
    properties: dict[str, Any] | None,
    *,
    previous: dict[str, Any] | None = None,
    stack_tags: dict[str, str] | None = None,
    next_token: str | None = None,
    region: str = "us-east-1",
) -> Any:
    """A modelled handler request, as the lib builds it from a HandlerRequest."""
    from cloudformation_cli_python_lib.utils import UnmodelledRequest

    from aws_customerprofiles_eventtrigger.models import ResourceModel

    return UnmodelledRequest(
        clientRequestToken="token",
        desiredResourceState=properties,
        previousResourceState=previous,
        desiredResourceTags=stack_tags or {},
        systemTags={"aws:cloudformation:stack-name": "stack"},
        awsAccountId="123456789012",
        logicalResourceIdentifier="Trigger",
        region=region,
        nextToken=next_token,
    ).to_modelled(ResourceModel, None)
