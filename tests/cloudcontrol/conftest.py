"""A local server for the Cloud Control tests, and boto3 clients pointed at it.

One server serves the whole package, on a free 127.0.0.1 port, with handler
calls pointed back at it. Each test gets its own domain and object type, so
tests never see each other's triggers.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import WaiterError

from localcloud.handler_request import TYPE_NAME
from localcloud.server import running_server

NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=30)


@pytest.fixture(scope="package")
def endpoint() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture
def cloudcontrol(endpoint: str) -> Any:
    return boto3.client(
        "cloudcontrol", endpoint_url=endpoint, region_name="us-east-1", config=NO_RETRIES
    )


@pytest.fixture
def customer_profiles(endpoint: str) -> Any:
    return boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")


@pytest.fixture
def domain(customer_profiles: Any) -> str:
    """A fresh domain holding the object type ``orders``."""
    name = f"dom-{uuid.uuid4().hex[:12]}"
    customer_profiles.create_domain(DomainName=name, DefaultExpirationDays=30)
    customer_profiles.put_profile_object_type(
        DomainName=name,
        ObjectTypeName="orders",
        Description="Orders",
        Fields={"amount": {"Source": "_source.amount", "Target": "_order.Amount"}},
        Keys={"id": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["amount"]}]},
    )
    return name


def desired(domain: str, name: str, **extra: Any) -> dict[str, Any]:
    """A valid EventTrigger model."""
    model = {
        "DomainName": domain,
        "EventTriggerName": name,
        "ObjectTypeName": "orders",
        "EventTriggerConditions": [
            {
                "EventTriggerDimensions": [
                    {
                        "ObjectAttributes": [
                            {
                                "FieldName": "amount",
                                "ComparisonOperator": "GREATER_THAN",
                                "Values": ["100"],
                            }
                        ]
                    }
                ],
                "LogicalOperator": "ANY",
            }
        ],
    }
    model.update(extra)
    return model


def settle(cloudcontrol: Any, token: str) -> dict[str, Any]:
    """The request's final ProgressEvent, polled with boto3's own waiter (short delay)."""
    waiter = cloudcontrol.get_waiter("resource_request_success")
    with contextlib.suppress(WaiterError):  # FAILED and CANCEL_COMPLETE end it as failures
        waiter.wait(RequestToken=token, WaiterConfig={"Delay": 0.05, "MaxAttempts": 400})
    event = cloudcontrol.get_resource_request_status(RequestToken=token)["ProgressEvent"]
    assert event["OperationStatus"] in ("SUCCESS", "FAILED", "CANCEL_COMPLETE"), event
    return dict(event)


def create(cloudcontrol: Any, model: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    started = cloudcontrol.create_resource(
        TypeName=TYPE_NAME, DesiredState=json.dumps(model), **kwargs
    )
    return settle(cloudcontrol, started["ProgressEvent"]["RequestToken"])


def properties(cloudcontrol: Any, identifier: str) -> dict[str, Any]:
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=identifier)
    return dict(json.loads(found["ResourceDescription"]["Properties"]))


def seed(customer_profiles: Any, model: dict[str, Any]) -> str:
    """Makes a trigger straight in the service (no handler run); its identifier."""
    request = dict(model)
    if "Tags" in request:  # a list of Key/Value in the model, a map in the API
        request["Tags"] = {tag["Key"]: tag["Value"] for tag in request["Tags"]}
    customer_profiles.create_event_trigger(**request)
    return f"{model['DomainName']}|{model['EventTriggerName']}"


def stored(customer_profiles: Any, identifier: str) -> dict[str, Any]:
    """The trigger as the service holds it, read without Cloud Control."""
    domain, name = identifier.split("|")
    found = dict(customer_profiles.get_event_trigger(DomainName=domain, EventTriggerName=name))
    found.pop("ResponseMetadata")
    return found
