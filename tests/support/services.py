"""The offline Customer Profiles service as the tests reach it.

``Env`` is what the service's own tests get (in-process, over HTTP, or real
AWS); ``LocalService`` is the in-process service the reliability tests run
handlers against; ``seed`` and ``stored_model`` go straight to the service,
past the handlers.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from localcloud.core.tags import tag_list, tag_map
from localcloud.customer_profiles import calls, faults, mock_customer_profiles, reset_calls
from localcloud.server import ServerControl
from tests.support.constants import NO_RETRIES, REGION, TEST_KEYS
from tests.support.samples import CONDITIONS, OBJECT_TYPE
from tests.support.schema import READ_ONLY, canonical

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient


@functools.cache
def session() -> boto3.Session:
    """One session for the tests' own clients: a new one loads the service model again (slow).

    Make clients on the main thread: a session is not thread-safe while it makes them.
    """
    return boto3.Session(
        aws_access_key_id=TEST_KEYS[0], aws_secret_access_key=TEST_KEYS[1], region_name=REGION
    )


def seed(client: Any, model: Mapping[str, Any]) -> str:
    """A trigger made straight in the service, as someone else would; its identifier."""
    request = {k: copy.deepcopy(v) for k, v in model.items() if k not in READ_ONLY}
    if "Tags" in request:  # a list of Key/Value in the model, a map in the API
        request["Tags"] = tag_map(request["Tags"])
    client.create_event_trigger(**request)
    return f"{model['DomainName']}|{model['EventTriggerName']}"


def stored_model(client: CustomerProfilesClient, domain: str, name: str) -> dict[str, Any] | None:
    """The trigger as the service holds it, in canonical model shape; None if it does not exist."""
    try:
        found: dict[str, Any] = dict(
            client.get_event_trigger(DomainName=domain, EventTriggerName=name)
        )
    except client.exceptions.ResourceNotFoundException:
        return None
    found.pop("ResponseMetadata", None)
    tags: dict[str, str] = found.pop("Tags", None) or {}
    found["DomainName"] = domain
    if tags:
        found["Tags"] = tag_list(tags)
    return dict(canonical(found))


@dataclass
class LocalService:
    """The in-process service with one domain and one object type ready."""

    client: CustomerProfilesClient
    domain: str = "reliability"
    domains: set[str] = field(default_factory=set)

    def ensure_domain(self, domain: str, object_type: str = OBJECT_TYPE) -> None:
        """The domain and object type a model refers to, made if missing."""
        if domain not in self.domains:
            self.client.create_domain(DomainName=domain, DefaultExpirationDays=30)
            self.domains.add(domain)
        self.client.put_profile_object_type(
            DomainName=domain, ObjectTypeName=object_type, Description="reliability"
        )

    def seed(self, model: Mapping[str, Any]) -> None:
        seed(self.client, model)

    def stored(self, domain: str, name: str) -> dict[str, Any] | None:
        return stored_model(self.client, domain, name)

    def calls(self) -> dict[str, int]:
        return dict(calls())

    def reset_calls(self) -> None:
        reset_calls()


@contextlib.contextmanager
def local_service() -> Iterator[LocalService]:
    """A fresh in-process service, with faults and call counts empty."""
    with mock_customer_profiles():
        client = session().client("customer-profiles", config=NO_RETRIES)
        service = LocalService(client)
        service.ensure_domain(service.domain)
        reset_calls()
        yield service


@dataclass
class Env:
    """What a service test needs, whichever way it reaches the service."""

    target: str  # "inprocess", "server" or "aws"
    session: boto3.Session
    endpoint_url: str | None
    account: str
    region: str
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    domains: list[str] = field(default_factory=list)
    _client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = self.new_client(NO_RETRIES)
        return self._client

    def new_client(self, config: Config | None = None) -> Any:
        return self.session.client(
            "customer-profiles",
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            config=config,
        )

    @property
    def control(self) -> ServerControl:
        assert self.endpoint_url is not None
        return ServerControl(self.endpoint_url)

    def inject(
        self, operation: str, fault: str, count: int | None = 1, seconds: float = 0.0
    ) -> None:
        if self.target == "server":
            self.control.inject(operation, fault, count=count, seconds=seconds)
        else:
            faults.inject(operation, fault, count=count, seconds=seconds)

    def clear_faults(self) -> None:
        self.control.clear() if self.target == "server" else faults.clear()

    def calls(self) -> dict[str, int]:
        return self.control.calls() if self.target == "server" else dict(calls())

    def reset_calls(self) -> None:
        self.control.reset_calls() if self.target == "server" else reset_calls()

    def name(self, base: str) -> str:
        """Unique per test, so a real account's leftovers never collide."""
        return f"{base}-{self.suffix}"

    def domain(self, base: str = "retail", **extra: Any) -> str:
        name = self.name(base)
        self.client.create_domain(
            DomainName=name, DefaultExpirationDays=extra.pop("days", 30), **extra
        )
        self.domains.append(name)
        return name

    def object_type(self, domain: str, name: str = OBJECT_TYPE) -> str:
        self.client.put_profile_object_type(
            DomainName=domain, ObjectTypeName=name, Description="Orders"
        )
        return name

    def trigger(self, domain: str, name: str = "big-order", **extra: Any) -> dict[str, Any]:
        params: dict[str, Any] = {
            "DomainName": domain,
            "EventTriggerName": name,
            "ObjectTypeName": OBJECT_TYPE,
            "EventTriggerConditions": CONDITIONS,
        }
        params.update(extra)
        return dict(self.client.create_event_trigger(**params))

    def update_trigger(self, domain: str, name: str = "big-order", **params: Any) -> dict[str, Any]:
        """UpdateEventTrigger of ``name`` (``trigger``'s default) with these members."""
        return dict(
            self.client.update_event_trigger(DomainName=domain, EventTriggerName=name, **params)
        )

    def refused(self, operation: str, **params: Any) -> tuple[str, str]:
        """``(Error.Code, Error.Message)`` of a call the service must refuse."""
        with pytest.raises(ClientError) as excinfo:
            getattr(self.client, operation)(**params)
        error = excinfo.value.response["Error"]
        return str(error["Code"]), str(error["Message"])

    def arn(self, domain: str, trigger: str | None = None) -> str:
        partition = self.session.get_partition_for_region(self.region)
        resource = f"domains/{domain}" + (f"/event-triggers/{trigger}" if trigger else "")
        return f"arn:{partition}:profile:{self.region}:{self.account}:{resource}"

    def cleanup(self) -> None:
        for domain in self.domains:
            with contextlib.suppress(self.client.exceptions.ResourceNotFoundException):
                self.client.delete_domain(DomainName=domain)
