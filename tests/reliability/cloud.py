"""Clients for the local server's Cloud Control and Customer Profiles, and bounded polling."""

from __future__ import annotations

import json
import time
import uuid
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config

from localcloud.handler_request import TYPE_NAME
from tests.reliability.harness import OBJECT_TYPE, REGION

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient

# One attempt per call: a race's loser must show, not be retried away; no client checks,
# so malformed input reaches the server as a hostile caller would send it.
NO_RETRIES = Config(
    retries={"mode": "standard", "total_max_attempts": 1},
    read_timeout=30,
    parameter_validation=False,
)
FINAL = ("SUCCESS", "FAILED", "CANCEL_COMPLETE")
SETTLE_SECONDS = 60.0
POLL_SECONDS = 0.02


def _session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )


def cloudcontrol(endpoint: str, session: boto3.Session | None = None) -> Any:
    """A Cloud Control client for the local endpoint (make it on the main thread)."""
    return (session or _session()).client("cloudcontrol", endpoint_url=endpoint, config=NO_RETRIES)


def customer_profiles(endpoint: str) -> CustomerProfilesClient:
    return _session().client("customer-profiles", endpoint_url=endpoint, config=NO_RETRIES)


def new_domain(client: CustomerProfilesClient) -> str:
    """A fresh domain with the object type the models name, so tests never share triggers."""
    name = f"rel-{uuid.uuid4().hex[:12]}"
    client.create_domain(DomainName=name, DefaultExpirationDays=30)
    client.put_profile_object_type(
        DomainName=name, ObjectTypeName=OBJECT_TYPE, Description="reliability"
    )
    return name


def settle(client: Any, token: str, timeout: float = SETTLE_SECONDS) -> dict[str, Any]:
    """The request's final ProgressEvent; fails if it has not settled within ``timeout``."""
    deadline = time.monotonic() + timeout
    for _ in range(int(timeout / POLL_SECONDS) + 1):
        event = client.get_resource_request_status(RequestToken=token)["ProgressEvent"]
        if event["OperationStatus"] in FINAL:
            return dict(event)
        if time.monotonic() > deadline:
            break
        time.sleep(POLL_SECONDS)
    raise AssertionError(f"request {token} did not settle within {timeout}s")


def create(client: Any, model: dict[str, Any]) -> dict[str, Any]:
    started = client.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(model))
    return settle(client, started["ProgressEvent"]["RequestToken"])
