"""Clients for a running local server (Customer Profiles and Cloud Control on one port)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import boto3

from tests.support.constants import NO_RETRIES, TYPE_NAME
from tests.support.polling import settle
from tests.support.samples import OBJECT_TYPE
from tests.support.services import session

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient


def any_client(service: str, **options: Any) -> Any:
    """A boto3 client for a service named at run time (boto3's stubs type literal names only)."""
    make: Callable[..., Any] = boto3.client
    return make(service, **options)


def cloudcontrol(endpoint: str, made_by: boto3.Session | None = None) -> Any:
    """A Cloud Control client for the local endpoint (make it on the main thread)."""
    return (made_by or session()).client("cloudcontrol", endpoint_url=endpoint, config=NO_RETRIES)


def cloudcontrols(endpoint: str, count: int) -> list[Any]:
    """``count`` Cloud Control clients, made here to be used on as many threads."""
    return [cloudcontrol(endpoint) for _ in range(count)]


def customer_profiles(endpoint: str) -> CustomerProfilesClient:
    return session().client("customer-profiles", endpoint_url=endpoint, config=NO_RETRIES)


def new_domain(client: CustomerProfilesClient, object_type: str = OBJECT_TYPE) -> str:
    """A fresh domain with the object type the models name, so tests never share triggers."""
    name = f"rel-{uuid.uuid4().hex[:12]}"
    client.create_domain(DomainName=name, DefaultExpirationDays=30)
    client.put_profile_object_type(
        DomainName=name, ObjectTypeName=object_type, Description="reliability"
    )
    return name


def create(client: Any, model: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """CreateResource, settled: its final ProgressEvent."""
    started = client.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(model), **kwargs)
    return settle(client, started["ProgressEvent"]["RequestToken"])


def properties(client: Any, identifier: str) -> dict[str, Any]:
    """GetResource's Properties, parsed."""
    found = client.get_resource(TypeName=TYPE_NAME, Identifier=identifier)
    return dict(json.loads(found["ResourceDescription"]["Properties"]))


def stored(client: Any, identifier: str) -> dict[str, Any]:
    """The trigger as GetEventTrigger returns it, read past Cloud Control."""
    domain, name = identifier.split("|")
    found = dict(client.get_event_trigger(DomainName=domain, EventTriggerName=name))
    found.pop("ResponseMetadata")
    return found
