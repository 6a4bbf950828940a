"""Objects that cannot be stored whole are refused before anything is stored.

PutProfileObject with NaN, an infinity, a number no double holds or a lone
UTF-16 surrogate answers BadRequestException naming it, and leaves no profile,
no object and no delivery behind, so an SDK's retries cannot pile anything up.
A lone surrogate anywhere in a request is refused the same way, and nothing a
refused request sent makes the domain unreadable.
"""

from __future__ import annotations

import datetime
import json

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from localcloud.customer_profiles.clock import EARLIEST, LATEST, MAX_LATENCY, clock
from tests.support.services import Env
from tests.support.triggers import ORDERS, Runtime, active_trigger, orders_domain, over

RETRYING = Config(retries={"max_attempts": 3, "mode": "standard"})


def _no_trace_of_ann(cp: Env, domain: str) -> None:
    found = cp.client.search_profiles(DomainName=domain, KeyName="Email", Values=["ann@x.com"])
    assert found["Items"] == []
    assert Runtime(cp).deliveries(domain) == []
    assert cp.client.get_domain(DomainName=domain)["DomainName"] == domain


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_a_number_json_lacks_is_refused_and_stores_nothing(cp: Env, number: str) -> None:
    domain = orders_domain(cp)
    active_trigger(cp, domain, "big", over("50"))
    text = f'{{"OrderId": "o-1", "TotalPrice": {number}, "Email": "ann@x.com"}}'
    cp.reset_calls()
    with pytest.raises(ClientError) as raised:
        cp.new_client(RETRYING).put_profile_object(
            DomainName=domain, ObjectTypeName=ORDERS, Object=text
        )
    error = raised.value.response["Error"]
    assert error["Code"] == "BadRequestException"
    assert error["Message"].startswith("Object ") and number.lstrip("-") in error["Message"]
    assert cp.calls()["PutProfileObject"] == 1  # a 4xx: the SDK does not retry it
    _no_trace_of_ann(cp, domain)


@pytest.mark.parametrize(
    "text",
    [
        '{"OrderId": "o-1", "Email": "ann@x.com", "Note": "\\ud800"}',  # escaped in the object
        '{"OrderId": "\\udfff", "Email": "ann@x.com"}',  # the unique key
        '{"OrderId": "o-1", "Email": "ann@x.com", "Note": "\ud800"}',  # in the request's JSON
        '{"OrderId": "o-1", "Email": "ann@x.com", "\\ud83d": 1}',  # a member name
    ],
)
def test_a_lone_surrogate_in_an_object_is_refused_and_stores_nothing(cp: Env, text: str) -> None:
    domain = orders_domain(cp)
    active_trigger(cp, domain, "big", over("50"))
    code, message = cp.refused(
        "put_profile_object", DomainName=domain, ObjectTypeName=ORDERS, Object=text
    )
    assert code == "BadRequestException"
    assert "lone UTF-16 surrogate" in message
    _no_trace_of_ann(cp, domain)
    assert cp.client.list_domains()["Items"]


def test_a_lone_surrogate_in_any_member_is_refused(cp: Env) -> None:
    domain = orders_domain(cp)
    code, message = cp.refused(
        "create_event_trigger",
        DomainName=domain,
        EventTriggerName="t",
        ObjectTypeName=ORDERS,
        Description="caf\udce9",
        EventTriggerConditions=over("50"),
    )
    assert code == "BadRequestException" and "lone UTF-16 surrogate (\\udce9)" in message
    assert cp.client.list_event_triggers(DomainName=domain)["Items"] == []
    assert cp.client.get_domain(DomainName=domain)["DomainName"] == domain


def test_an_object_nested_too_deeply_is_refused(cp: Env) -> None:
    domain = orders_domain(cp)
    text = json.dumps({"OrderId": "o-1", "Email": "ann@x.com"})[:-1] + ', "Deep": '
    text += '{"a": ' * 10_000 + '"x"' + "}" * 10_000 + "}"
    code, message = cp.refused(
        "put_profile_object", DomainName=domain, ObjectTypeName=ORDERS, Object=text
    )
    assert code == "BadRequestException" and "Object is nested too deeply" in message
    _no_trace_of_ann(cp, domain)


@pytest.mark.parametrize("edge", ["earliest", "latest"])
def test_ingesting_at_either_end_of_the_clocks_range_fires_and_stores(cp: Env, edge: str) -> None:
    """The clock's range leaves room for the longest Period (60 months) and every expiry."""
    runtime = Runtime(cp)
    domain = orders_domain(cp)
    limits = {
        "EventExpiration": 2**62,
        "Periods": [{"Unit": "MONTHS", "Value": 60, "MaxInvocationsPerProfile": 1000}],
    }
    bus = f"arn:aws:events:{cp.region}:{cp.account}:event-bus/default"  # no campaign's 15 min
    active_trigger(cp, domain, "big", over("50"), uri=bus, EventTriggerLimits=limits)
    when = EARLIEST if edge == "earliest" else LATEST - datetime.timedelta(milliseconds=1)
    runtime.freeze(when)
    try:
        runtime.latency(MAX_LATENCY / datetime.timedelta(milliseconds=1))
        for order_id in ("o-1", "o-2"):
            text = f'{{"OrderId": "{order_id}", "TotalPrice": 99, "Email": "ann@x.com"}}'
            cp.client.put_profile_object(DomainName=domain, ObjectTypeName=ORDERS, Object=text)
        assert len(runtime.deliveries(domain)) == 2
    finally:
        if cp.target == "server":
            cp.control.reset_clock()
        else:
            clock.reset()
