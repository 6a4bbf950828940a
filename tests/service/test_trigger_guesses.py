"""One check per guess of event triggers at run time (``GUESSES``, ``guides/fidelity.md``).

Each ingests objects through boto3 and asserts which triggers fired. Offline
they pin what the local service guessed; against a real account
(``CP_REAL_AWS=1``) deliveries go to an outbound campaign and are seen only in
CloudTrail (``PutProfileOutboundRequestBatch``), so these checks skip there and
guides/fidelity.md says, per guess, what to look for in CloudTrail instead.
"""

from __future__ import annotations

import datetime
import itertools
import json
from typing import Any

import pytest

from localcloud.samples import attribute, condition
from tests.support.services import Env
from tests.support.triggers import (
    ORDERS,
    Runtime,
    active_trigger,
    campaign_uri,
    ingest,
    order,
    orders_domain,
    orders_type,
    over,
    profile_id,
)

pytestmark = pytest.mark.real_aws
_names = itertools.count()


@pytest.fixture
def runtime(cp: Env) -> Runtime:
    return Runtime(cp)


@pytest.fixture
def orders(cp: Env) -> str:
    domain = orders_domain(cp)
    return domain


def fires(cp: Env, runtime: Runtime, domain: str, item: dict[str, Any], obj: Any) -> bool:
    """Whether a fresh trigger with this one attribute fires on ``obj``."""
    name = f"check-{next(_names)}"
    active_trigger(cp, domain, name, [condition(item)])
    before = len(runtime.deliveries(domain, name))
    ingest(cp, domain, json.dumps({"OrderId": name, "Email": "ann@example.com", **obj}))
    return len(runtime.deliveries(domain, name)) > before


def test_guess_ingestion_fires(cp: Env, runtime: Runtime, orders: str) -> None:
    active_trigger(cp, orders, "big", over("500"))
    key = ingest(cp, orders, order("o-1", price=900))
    ingest(cp, orders, order("o-1", price=950))  # the same UNIQUE key: replaced, and fires
    cp.client.delete_profile_object(
        DomainName=orders,
        ObjectTypeName=ORDERS,
        ProfileId=profile_id(cp, orders),
        ProfileObjectUniqueKey=key,
    )
    assert runtime.fired(orders) == ["big", "big"]


def test_guess_active_triggers(cp: Env, runtime: Runtime, orders: str) -> None:
    cp.client.create_event_trigger(
        DomainName=orders,
        EventTriggerName="inert",
        ObjectTypeName=ORDERS,
        EventTriggerConditions=over("0"),
    )
    ingest(cp, orders, order("o-1", price=900))
    assert runtime.fired(orders) == []


def test_guess_one_delivery_per_integration(cp: Env, runtime: Runtime, orders: str) -> None:
    first = active_trigger(cp, orders, "big", over("500"))
    second = campaign_uri(cp, "second")
    cp.client.put_integration(
        DomainName=orders, Uri=second, ObjectTypeName=ORDERS, EventTriggerNames=["big"]
    )
    ingest(cp, orders, order("o-1", price=900))
    uris = sorted(item["IntegrationUri"] for item in runtime.deliveries(orders))
    assert uris == sorted([first, second])


def test_guess_delivery_entry(cp: Env, runtime: Runtime, orders: str) -> None:
    uri = f"arn:aws:events:{cp.region}:{cp.account}:event-bus/default"
    active_trigger(cp, orders, "big", over("500"), uri=uri)
    runtime.freeze(datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC))
    text = order("o-1", price=900)
    ingest(cp, orders, text)
    (delivery,) = runtime.deliveries(orders)
    assert delivery["CampaignId"] is None and delivery["IntegrationUri"] == uri
    request = delivery["ProfileOutboundRequest"]
    assert request["expirationTime"] == "2026-11-01T09:15:00.000Z"
    assert request["eventTriggerContext"]["sourceEvent"] == text
    assert len(request["clientToken"]) <= 200


def test_guess_object_unique_key(cp: Env, orders: str) -> None:
    assert ingest(cp, orders, order("o-1")) == ingest(cp, orders, order("o-1", price=5))
    assert ingest(cp, orders, order("o-2")) != ingest(cp, orders, order("o-1"))


def test_guess_no_matching_profile_refused(cp: Env) -> None:
    domain = cp.domain()
    orders_type(cp, domain, allow_creation=False)
    code, _ = cp.refused(
        "put_profile_object", DomainName=domain, ObjectTypeName=ORDERS, Object=order("o-1")
    )
    assert code == "BadRequestException"


def test_guess_source_accessor(cp: Env, runtime: Runtime, orders: str) -> None:
    nested = {"Basket": {"Lines": [{"Sku": "A-1"}]}}
    assert fires(
        cp,
        runtime,
        orders,
        attribute("BEGINS_WITH", "A", source="_source.Basket.Lines[0].Sku"),
        nested,
    )
    assert fires(
        cp, runtime, orders, attribute("EQUAL", "7", source="TotalPrice"), {"TotalPrice": 7}
    )
    assert fires(
        cp, runtime, orders, attribute("EQUAL", "7", source="_order.TotalPrice"), {"TotalPrice": 7}
    )
    assert not fires(cp, runtime, orders, attribute("EXCLUSIVE", "x", source="_source.Absent"), {})


def test_guess_field_name_resolution(cp: Env, runtime: Runtime, orders: str) -> None:
    assert fires(
        cp, runtime, orders, attribute("EQUAL", "7", field_name="TotalPrice"), {"TotalPrice": 7}
    )
    both = attribute("EQUAL", "7", source="_source.Other", field_name="TotalPrice")
    assert not fires(cp, runtime, orders, both, {"TotalPrice": 7, "Other": 8})
    assert not fires(cp, runtime, orders, attribute("EXCLUSIVE", "x", field_name="Unknown"), {})


def test_guess_dimension_logic(cp: Env, runtime: Runtime, orders: str) -> None:
    dimensions = [
        {"ObjectAttributes": [attribute("GREATER_THAN", "500", field_name="TotalPrice")]},
        {"ObjectAttributes": [attribute("INCLUSIVE", "gold", source="_source.Tier")]},
    ]
    for logical in ("ANY", "ALL", "NONE"):
        active_trigger(
            cp,
            orders,
            logical.lower(),
            [{"EventTriggerDimensions": dimensions, "LogicalOperator": logical}],
        )
    ingest(cp, orders, order("o-1", price=900, Tier="bronze"))
    ingest(cp, orders, order("o-2", price=9, Tier="bronze"))
    ingest(cp, orders, order("o-3", price=9))  # no Tier: NONE does not fire
    assert runtime.fired(orders) == ["any", "none"]


def test_guess_inclusive_exclusive(cp: Env, runtime: Runtime, orders: str) -> None:
    assert fires(
        cp, runtime, orders, attribute("INCLUSIVE", "gold", "vip", source="Tier"), {"Tier": "vip"}
    )
    assert not fires(
        cp, runtime, orders, attribute("EXCLUSIVE", "gold", "vip", source="Tier"), {"Tier": "vip"}
    )
    assert fires(
        cp,
        runtime,
        orders,
        attribute("INCLUSIVE", "a", "b", source="Tags"),
        {"Tags": ["b", "a", "c"]},
    )


def test_guess_string_operators_any(cp: Env, runtime: Runtime, orders: str) -> None:
    assert fires(
        cp, runtime, orders, attribute("CONTAINS", "x", "big", source="Note"), {"Note": "a big one"}
    )
    assert not fires(
        cp, runtime, orders, attribute("CONTAINS", "BIG", source="Note"), {"Note": "a big one"}
    )
    assert fires(
        cp, runtime, orders, attribute("ENDS_WITH", "00", source="TotalPrice"), {"TotalPrice": 700}
    )


def test_guess_numeric_coercion(cp: Env, runtime: Runtime, orders: str) -> None:
    assert fires(cp, runtime, orders, attribute("GREATER_THAN", "500", source="P"), {"P": "5e3"})
    assert not fires(
        cp, runtime, orders, attribute("GREATER_THAN", "500", source="P"), {"P": "lots"}
    )
    assert fires(cp, runtime, orders, attribute("EQUAL", "1", "2", source="P"), {"P": 1})
    assert not fires(cp, runtime, orders, attribute("EQUAL", "1", "2", source="P"), {"P": 2})


def test_guess_between_inclusive(cp: Env, runtime: Runtime, orders: str) -> None:
    assert fires(cp, runtime, orders, attribute("BETWEEN", "20", "10", source="P"), {"P": 20})
    assert not fires(
        cp, runtime, orders, attribute("NOT_BETWEEN", "10", "20", source="P"), {"P": 10}
    )
    assert not fires(cp, runtime, orders, attribute("NOT_BETWEEN", "10", "20", source="P"), {})


def test_guess_date_formats(cp: Env, runtime: Runtime, orders: str) -> None:
    # (operator, the value compared against, the object's At, fires)
    cases = [
        ("ON", "2026-01-01", "2026-01-01T23:00:00Z", True),
        ("ON", "2026-01-01", "2026-01-01T23:00:00-02:00", False),
        ("BEFORE", "2026-01-01", 1767225599000, True),
        ("AFTER", "2026-01-01T00:00:00Z", "2026-01-01", False),
    ]
    found = [
        fires(cp, runtime, orders, attribute(operator, value, source="At"), {"At": at})
        for operator, value, at, _ in cases
    ]
    assert found == [expected for *_, expected in cases]


def test_guess_expiration_latency(cp: Env, runtime: Runtime, orders: str) -> None:
    active_trigger(
        cp, orders, "within-a-second", over("0"), EventTriggerLimits={"EventExpiration": 1000}
    )
    active_trigger(cp, orders, "capped", over("0"), EventTriggerLimits={"EventExpiration": 3600000})
    ingest(cp, orders, order("o-1"))
    runtime.latency(1001)
    ingest(cp, orders, order("o-2"))
    runtime.latency(15 * 60 * 1000 + 1)
    ingest(cp, orders, order("o-3"))
    assert runtime.fired(orders) == ["capped", "within-a-second", "capped"]


def test_guess_period_windows(cp: Env, runtime: Runtime, orders: str) -> None:
    limits = {
        "Periods": [
            {"Unit": "HOURS", "Value": 1, "MaxInvocationsPerProfile": 1},
            {"Unit": "MONTHS", "Value": 1, "MaxInvocationsPerProfile": 2},
        ]
    }
    active_trigger(cp, orders, "rare", over("0"), EventTriggerLimits=limits)
    runtime.freeze(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    ingest(cp, orders, order("o-1"))
    ingest(cp, orders, order("o-2"))  # within the hour
    runtime.advance(3600 * 1000 + 1)
    cp.client.update_event_trigger(
        DomainName=orders,
        EventTriggerName="rare",
        EventTriggerConditions=over("0"),
        EventTriggerLimits=limits,
    )
    ingest(cp, orders, order("o-3"))  # a new hour; counts survived the update
    runtime.advance(3600 * 1000 + 1)
    ingest(cp, orders, order("o-4"))  # the month is full
    runtime.advance(30 * 86400 * 1000)
    ingest(cp, orders, order("o-5"))
    assert runtime.fired(orders) == ["rare", "rare", "rare"]


def test_guess_segment_membership(cp: Env, runtime: Runtime, orders: str) -> None:
    active_trigger(cp, orders, "vip", over("0"), SegmentFilter="vip-customers")
    active_trigger(cp, orders, "ghost", over("0"), SegmentFilter="no-such-segment")
    ingest(cp, orders, order("o-1"))
    runtime.set_segment(orders, "vip-customers", [profile_id(cp, orders)])
    ingest(cp, orders, order("o-2"))
    runtime.set_segment(orders, "vip-customers", [])
    ingest(cp, orders, order("o-3"))
    assert runtime.fired(orders) == ["vip"]


def test_guess_intent_filter(cp: Env, runtime: Runtime, orders: str) -> None:
    if "IntentFilterDefinition" not in cp.client.meta.service_model.shape_names:
        pytest.skip("the installed botocore has no IntentFilterDefinition (1.44.18 added it)")
    cp.client.put_intent_definition(
        DomainName=orders,
        IntentDomain="DEFAULT",
        Intents=[
            {"PriceSensitivityConfig": {"Enabled": True}},
            {"LastSearchIntentConfig": {"Enabled": True}},
        ],
    )

    def condition_on(kind: str, comparison: str, *values: str) -> dict[str, Any]:
        intent = {"IntentDomain": "DEFAULT", "Type": kind}
        return {"Intent": intent, "ComparisonOperator": comparison, "Values": list(values)}

    def filtered(name: str, logical: str, *conditions: dict[str, Any]) -> None:
        group = {"Conditions": list(conditions), "LogicalOperator": logical}
        definition = {"Groups": [group], "LogicalOperator": "ALL"}
        active_trigger(cp, orders, name, over("0"), IntentFilterDefinition=definition)

    filtered("above-low", "ALL", condition_on("PRICE_SENSITIVITY", "GREATER_THAN", "LOW"))
    filtered("searched", "ALL", condition_on("LAST_SEARCH_INTENT", "CONTAINS", "SHOES"))
    filtered("none-high", "NONE", condition_on("PRICE_SENSITIVITY", "EQUAL", "HIGH"))
    ingest(cp, orders, order("o-1"))  # no intents yet: a missing intent never fires
    profile = profile_id(cp, orders)
    runtime.set_intents(
        orders, profile, {"PRICE_SENSITIVITY": "HIGH", "LAST_SEARCH_INTENT": "Trail shoes"}
    )
    ingest(cp, orders, order("o-2"))  # HIGH ranks above LOW; CONTAINS ignores case
    runtime.set_intents(orders, profile, {"PRICE_SENSITIVITY": "LOW"})
    ingest(cp, orders, order("o-3"))
    assert runtime.fired(orders) == ["above-low", "searched", "none-high"]


def test_guess_web_notification_context(cp: Env, runtime: Runtime, orders: str) -> None:
    web = "Campaign-WebNotification"
    cp.client.put_profile_object_type(
        DomainName=orders,
        ObjectTypeName=web,
        Description="Web notification events",
        AllowProfileCreation=True,
        Fields={
            "Email": {"Source": "_source.Email", "Target": "_profile.EmailAddress"},
            "EventId": {"Source": "_source.EventId", "Target": "_webanalytics.EventId"},
        },
        Keys={
            "Email": [{"FieldNames": ["Email"], "StandardIdentifiers": ["PROFILE"]}],
            "EventId": [{"FieldNames": ["EventId"], "StandardIdentifiers": ["UNIQUE"]}],
        },
    )
    viewed = condition(attribute("EQUAL", "1", source="_source.Viewed"))
    cp.client.create_event_trigger(
        DomainName=orders,
        EventTriggerName="viewed",
        ObjectTypeName=web,
        EventTriggerConditions=[viewed],
    )
    cp.client.put_integration(
        DomainName=orders,
        Uri=campaign_uri(cp, "widget"),
        ObjectTypeName=web,
        EventTriggerNames=["viewed"],
    )
    active_trigger(cp, orders, "big", over("500"))
    event = {"EventId": "e-1", "Email": "ann@example.com", "Viewed": 1}
    session = {"sessionId": "s" * 36, "browserId": "b-1"}
    cp.client.put_profile_object(
        DomainName=orders, ObjectTypeName=web, Object=json.dumps({**event, **session})
    )
    cp.client.put_profile_object(  # too long a sessionId is left out
        DomainName=orders,
        ObjectTypeName=web,
        Object=json.dumps({**event, "EventId": "e-2", "sessionId": "s" * 37, "browserId": "b-2"}),
    )
    ingest(cp, orders, order("o-1", price=900, **session))
    contexts = [
        request["eventTriggerContext"].get("channelContext")
        for request in (item["ProfileOutboundRequest"] for item in runtime.deliveries(orders))
    ]
    assert contexts == [
        {"webNotificationContext": session},
        {"webNotificationContext": {"browserId": "b-2"}},
        None,
    ]
