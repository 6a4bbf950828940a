"""PutProfileObject fires the active triggers of its type: once each, within their limits,
for profiles in their segment, and each firing is delivered as the campaign request."""

from __future__ import annotations

import datetime
import json

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


def test_only_matching_active_triggers_fire_once_per_object(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = orders_domain(cp)
    active_trigger(cp, domain, "over-500", over("500"))
    active_trigger(cp, domain, "over-100", over("100"))
    twice = [condition(attribute("GREATER_THAN", "1", field_name="TotalPrice"))] * 2
    active_trigger(cp, domain, "matches-twice", twice)
    cp.client.create_event_trigger(  # no integration names it: inert
        DomainName=domain,
        EventTriggerName="inert",
        ObjectTypeName=ORDERS,
        EventTriggerConditions=over("0"),
    )
    ingest(cp, domain, order("o-1", price=720))
    assert sorted(runtime.fired(domain)) == ["matches-twice", "over-100", "over-500"]
    ingest(cp, domain, order("o-2", price=50))
    assert sorted(runtime.fired(domain)) == [
        "matches-twice",
        "matches-twice",
        "over-100",
        "over-500",
    ]
    ingest(cp, domain, json.dumps({"OrderId": "o-3", "Email": "ann@example.com"}))
    assert len(runtime.fired(domain)) == 4  # no TotalPrice: nothing fires


def test_a_delivery_is_the_outbound_campaign_request(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = orders_domain(cp)
    uri = active_trigger(
        cp, domain, "big", over("500"), EventTriggerLimits={"EventExpiration": 60000}
    )
    runtime.freeze(datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC))
    text = order("o-1", price=900)
    key = ingest(cp, domain, text)
    (delivery,) = runtime.deliveries(domain, "big")
    assert delivery["IntegrationUri"] == uri == campaign_uri(cp, "big")
    assert delivery["CampaignId"] == "big"
    assert delivery["ProfileObjectUniqueKey"] == key
    request = delivery["ProfileOutboundRequest"]
    assert set(request) == {"clientToken", "profileId", "expirationTime", "eventTriggerContext"}
    assert request["profileId"] == profile_id(cp, domain)
    assert request["expirationTime"] == "2026-11-01T09:01:00.000Z"
    assert request["eventTriggerContext"] == {"sourceEvent": text}
    assert runtime.deliveries(domain, "other") == []


def test_periods_count_firings_per_profile_in_a_window(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = orders_domain(cp)
    limits = {"Periods": [{"Unit": "HOURS", "Value": 1, "MaxInvocationsPerProfile": 2}]}
    active_trigger(cp, domain, "big", over("500"), EventTriggerLimits=limits)
    runtime.freeze(datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC))
    for number in range(3):
        ingest(cp, domain, order(f"a-{number}", price=900))
    ingest(cp, domain, order("b-1", price=900, email="bob@example.com"))
    assert len(runtime.deliveries(domain)) == 3  # Ann twice, Bob once
    runtime.advance(3600 * 1000 + 1)
    ingest(cp, domain, order("a-9", price=900))
    assert len(runtime.deliveries(domain)) == 4


def test_event_expiration_against_the_processing_latency(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = orders_domain(cp)
    active_trigger(cp, domain, "fast", over("500"), EventTriggerLimits={"EventExpiration": 1000})
    active_trigger(cp, domain, "patient", over("500"))
    runtime.latency(1500)
    ingest(cp, domain, order("o-1", price=900))
    assert runtime.fired(domain) == ["patient"]


def test_segment_filter_needs_the_profile_in_the_segment(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = orders_domain(cp)
    active_trigger(cp, domain, "vip-big", over("500"), SegmentFilter="vip")
    ingest(cp, domain, order("o-1", price=900))
    assert runtime.fired(domain) == []
    runtime.set_segment(domain, "vip", [profile_id(cp, domain)])
    ingest(cp, domain, order("o-2", price=900))
    assert runtime.fired(domain) == ["vip-big"]


def test_deleting_a_trigger_forgets_its_counts_and_a_reset_its_deliveries(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = orders_domain(cp)
    limits = {"Periods": [{"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 1}]}
    uri = active_trigger(cp, domain, "big", over("500"), EventTriggerLimits=limits)
    ingest(cp, domain, order("o-1", price=900))
    ingest(cp, domain, order("o-2", price=900))
    assert len(runtime.deliveries(domain)) == 1
    cp.client.delete_integration(DomainName=domain, Uri=uri)
    cp.client.delete_event_trigger(DomainName=domain, EventTriggerName="big")
    active_trigger(cp, domain, "big", over("500"), EventTriggerLimits=limits)
    ingest(cp, domain, order("o-3", price=900))
    assert len(runtime.deliveries(domain)) == 2
    cp.client.delete_domain(DomainName=domain)
    assert runtime.deliveries(domain) == []


def test_a_refused_object_fires_nothing(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = cp.domain()
    orders_type(cp, domain, allow_creation=False)
    active_trigger(cp, domain, "big", over("500"))
    code, _ = cp.refused(
        "put_profile_object", DomainName=domain, ObjectTypeName=ORDERS, Object=order("o", 900)
    )
    assert code == "BadRequestException"
    assert runtime.fired(domain) == []
