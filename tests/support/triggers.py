"""Event triggers at run time, as the tests set them up: an Orders type that makes
profiles, triggers an integration makes active, orders as JSON, and what fired.

``Runtime`` reads deliveries and sets segment membership, profiles' intents and
the clock for an ``Env``: over the server's ``/_localcloud/`` routes in server
mode, on the in-process service otherwise (real AWS has neither: those tests
skip).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from localcloud.customer_profiles.clock import clock
from localcloud.samples import attribute, condition
from localcloud.trigger_fixtures import ProfileIntents, SegmentMembership, TriggerDeliveries
from tests.support.services import Env

ORDERS = "Orders"
FIELDS: dict[str, Any] = {
    "OrderId": {"Source": "_source.OrderId", "Target": "_order.OrderId", "ContentType": "STRING"},
    "TotalPrice": {
        "Source": "_source.TotalPrice",
        "Target": "_order.TotalPrice",
        "ContentType": "NUMBER",
    },
    "Email": {
        "Source": "_source.Email",
        "Target": "_profile.EmailAddress",
        "ContentType": "EMAIL_ADDRESS",
    },
    "FirstName": {"Source": "_source.Name", "Target": "_profile.FirstName", "ContentType": "NAME"},
    "Tier": {
        "Source": "_source.Tier",
        "Target": "_profile.Attributes.tier",
        "ContentType": "STRING",
    },
}
KEYS: dict[str, Any] = {
    "OrderId": [{"FieldNames": ["OrderId"], "StandardIdentifiers": ["UNIQUE"]}],
    "Email": [{"FieldNames": ["Email"], "StandardIdentifiers": ["PROFILE"]}],
}


def orders_type(cp: Env, domain: str, allow_creation: bool = True) -> None:
    cp.client.put_profile_object_type(
        DomainName=domain,
        ObjectTypeName=ORDERS,
        Description="Orders from the shop",
        AllowProfileCreation=allow_creation,
        Fields=FIELDS,
        Keys=KEYS,
    )


def orders_domain(cp: Env) -> str:
    """A new domain with the Orders type; its name."""
    domain = cp.domain()
    orders_type(cp, domain)
    return domain


def campaign_uri(cp: Env, name: str) -> str:
    return f"arn:aws:connect-campaigns:{cp.region}:{cp.account}:campaign/{name}"


def over(amount: str, source: str = "_source.TotalPrice") -> list[dict[str, Any]]:
    return [condition(attribute("GREATER_THAN", amount, source=source))]


def active_trigger(
    cp: Env,
    domain: str,
    name: str,
    conditions: list[dict[str, Any]],
    uri: str | None = None,
    **extra: Any,
) -> str:
    """A trigger on Orders and an integration naming it; the integration's Uri."""
    cp.client.create_event_trigger(
        DomainName=domain,
        EventTriggerName=name,
        ObjectTypeName=ORDERS,
        EventTriggerConditions=conditions,
        **extra,
    )
    uri = uri or campaign_uri(cp, name)
    cp.client.put_integration(
        DomainName=domain, Uri=uri, ObjectTypeName=ORDERS, EventTriggerNames=[name]
    )
    return uri


def order(order_id: str, price: Any = 100, email: str = "ann@example.com", **more: Any) -> str:
    return json.dumps({"OrderId": order_id, "TotalPrice": price, "Email": email, **more})


def ingest(cp: Env, domain: str, text: str) -> str:
    answer = cp.client.put_profile_object(DomainName=domain, ObjectTypeName=ORDERS, Object=text)
    return str(answer["ProfileObjectUniqueKey"])


def profile_id(cp: Env, domain: str, email: str = "ann@example.com") -> str:
    found = cp.client.search_profiles(DomainName=domain, KeyName="Email", Values=[email])
    return str(found["Items"][0]["ProfileId"])


class Runtime:
    """Deliveries, segment membership, profiles' intents and the clock of ``cp``'s service."""

    def __init__(self, cp: Env) -> None:
        if cp.target == "aws":
            pytest.skip(
                "deliveries go to a campaign on AWS (CloudTrail logs "
                "PutProfileOutboundRequestBatch): see guides/fidelity.md"
            )
        self.cp = cp

    def deliveries(self, domain: str | None = None, trigger: str | None = None) -> list[Any]:
        if self.cp.target == "server":
            return self.cp.control.deliveries(domain, trigger)
        return TriggerDeliveries().all(domain, trigger)

    def fired(self, domain: str | None = None) -> list[str]:
        return [item["EventTriggerName"] for item in self.deliveries(domain)]

    def set_segment(self, domain: str, segment: str, profile_ids: list[str]) -> None:
        if self.cp.target == "server":
            self.cp.control.set_segment(domain, segment, profile_ids)
        else:
            SegmentMembership().set(domain, segment, profile_ids)

    def set_intents(self, domain: str, profile: str, intents: dict[str, str]) -> None:
        if self.cp.target == "server":
            self.cp.control.set_intents(domain, profile, intents)
        else:
            ProfileIntents().set(domain, profile, intents)

    def freeze(self, when: datetime.datetime) -> None:
        if self.cp.target == "server":
            self.cp.control.clock(now=when.isoformat())
        else:
            clock.set(when)

    def advance(self, milliseconds: float) -> None:
        if self.cp.target == "server":
            self.cp.control.clock(advanceMs=milliseconds)
        else:
            clock.advance(milliseconds)

    def latency(self, milliseconds: float) -> None:
        if self.cp.target == "server":
            self.cp.control.clock(latencyMs=milliseconds)
        else:
            clock.set_latency(milliseconds)
