"""Which event triggers fire: a test as a user writes it, with boto3 and the plugin's fixtures.

Install the toolkit from a checkout of this repository, with pytest (it is not on
PyPI): ``pip install "/path/to/the/checkout[pytest]"`` (in the checkout itself,
``make venv``), then run ``pytest examples/test_which_triggers_fire.py``:
``customer_profiles_client`` is a boto3 client on the in-process service,
``trigger_deliveries`` says what fired, ``segment_membership`` puts a profile in
a segment and ``customer_profiles_clock`` moves time. Nothing else is imported
from the toolkit.
"""

import datetime
import json

import pytest

DOMAIN = "shop"
ORDERS = "Orders"


def campaign(name):
    return f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{name}"


def over(amount, logical="ANY"):
    attribute = {
        "FieldName": "TotalPrice",
        "ComparisonOperator": "GREATER_THAN",
        "Values": [amount],
    }
    return [
        {"LogicalOperator": logical, "EventTriggerDimensions": [{"ObjectAttributes": [attribute]}]}
    ]


@pytest.fixture
def shop(customer_profiles_client):
    client = customer_profiles_client
    client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
    client.put_profile_object_type(
        DomainName=DOMAIN,
        ObjectTypeName=ORDERS,
        Description="Orders",
        AllowProfileCreation=True,
        Fields={
            "OrderId": {"Source": "_source.OrderId", "Target": "_order.OrderId"},
            "TotalPrice": {"Source": "_source.TotalPrice", "Target": "_order.TotalPrice"},
            "Email": {
                "Source": "_source.Email",
                "Target": "_profile.EmailAddress",
                "ContentType": "EMAIL_ADDRESS",
            },
        },
        Keys={
            "OrderId": [{"FieldNames": ["OrderId"], "StandardIdentifiers": ["UNIQUE"]}],
            "Email": [{"FieldNames": ["Email"], "StandardIdentifiers": ["PROFILE"]}],
        },
    )

    def trigger(name, conditions, **extra):
        client.create_event_trigger(
            DomainName=DOMAIN,
            EventTriggerName=name,
            ObjectTypeName=ORDERS,
            EventTriggerConditions=conditions,
            **extra,
        )
        client.put_integration(
            DomainName=DOMAIN, Uri=campaign(name), ObjectTypeName=ORDERS, EventTriggerNames=[name]
        )

    trigger(
        "big-order",
        over("500"),
        EventTriggerLimits={
            "Periods": [{"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 1}]
        },
    )
    trigger("any-order", over("0"))
    trigger("vip-order", over("100"), SegmentFilter="vip")
    return client


def ingest(client, order_id, price, email="ann@example.com"):
    body = json.dumps({"OrderId": order_id, "TotalPrice": price, "Email": email})
    return client.put_profile_object(DomainName=DOMAIN, ObjectTypeName=ORDERS, Object=body)


def profile_of(client, email):
    found = client.search_profiles(DomainName=DOMAIN, KeyName="Email", Values=[email])
    return found["Items"][0]["ProfileId"]


def test_exactly_the_matching_triggers_fire(shop, trigger_deliveries):
    ingest(shop, "o-1", 720)
    ingest(shop, "o-2", 40)
    assert trigger_deliveries.fired(DOMAIN) == ["any-order", "big-order", "any-order"]


def test_the_delivery_is_the_campaign_request(shop, trigger_deliveries):
    ingest(shop, "o-1", 720)
    (request,) = trigger_deliveries.requests(DOMAIN, "big-order")
    assert request["profileId"] == profile_of(shop, "ann@example.com")
    assert json.loads(request["eventTriggerContext"]["sourceEvent"])["OrderId"] == "o-1"
    (delivery,) = trigger_deliveries.all(DOMAIN, "big-order")
    assert delivery["IntegrationUri"] == campaign("big-order")


def test_a_limit_of_one_a_day_per_profile(shop, trigger_deliveries, customer_profiles_clock):
    customer_profiles_clock.set(datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC))
    ingest(shop, "o-1", 720)
    ingest(shop, "o-2", 900)  # same profile, same day: held back
    ingest(shop, "o-3", 900, email="bob@example.com")
    customer_profiles_clock.advance(milliseconds=24 * 3600 * 1000)
    ingest(shop, "o-4", 900)
    assert [
        d["ProfileOutboundRequest"]["profileId"]
        for d in trigger_deliveries.all(DOMAIN, "big-order")
    ] == [
        profile_of(shop, "ann@example.com"),
        profile_of(shop, "bob@example.com"),
        profile_of(shop, "ann@example.com"),
    ]


def test_a_segment_filter_fires_for_members_only(shop, trigger_deliveries, segment_membership):
    ingest(shop, "o-1", 150)
    assert "vip-order" not in trigger_deliveries.fired(DOMAIN)
    segment_membership.set(DOMAIN, "vip", [profile_of(shop, "ann@example.com")])
    ingest(shop, "o-2", 150)
    ingest(shop, "o-3", 150, email="bob@example.com")
    (vip,) = trigger_deliveries.all(DOMAIN, "vip-order")
    assert vip["ProfileOutboundRequest"]["profileId"] == profile_of(shop, "ann@example.com")
