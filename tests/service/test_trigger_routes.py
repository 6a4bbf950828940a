"""The server's run-time trigger routes: filters, bad input in one line, reset."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from localcloud.core.regions import service_model
from localcloud.server import ServerControl
from tests.support.constants import ACCOUNT, REGION
from tests.support.services import Env, session
from tests.support.triggers import Runtime, active_trigger, ingest, order, orders_type, over

pytestmark = pytest.mark.server


def send(url: str, method: str, route: str, body: bytes | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(f"{url}/_localcloud/{route}", data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def server(server_url: str) -> Any:
    ServerControl(server_url).reset()
    yield server_url
    ServerControl(server_url).reset()


@pytest.mark.parametrize(
    ("method", "route", "body", "status", "words"),
    [
        ("PUT", "segment-membership", b"[]", 400, "JSON object"),
        ("PUT", "segment-membership", b"{nope", 400, "not valid JSON"),
        ("PUT", "segment-membership", b'{"domain": "d"}', 400, "'segment'"),
        ("PUT", "segment-membership", b'{"domain": "d", "segment": "s"}', 404, "Domain 'd'"),
        ("GET", "segment-membership", None, 400, "?domain="),
        ("PUT", "clock", b'{"now": "yesterday"}', 400, "ISO 8601"),
        ("PUT", "clock", b'{"latencyMs": -1}', 400, "0 or more"),
        ("PUT", "clock", b'{"speed": 2}', 400, "give 'now'"),
        (
            "POST",
            "trigger-evaluations",
            b'{"domain": "d", "trigger": "t", "object": 3}',
            400,
            "'object'",
        ),
        ("POST", "trigger-deliveries", None, 405, "trigger-deliveries"),
        ("PUT", "profile-intents", b'{"domain": "d"}', 400, "'profileId'"),
        ("PUT", "profile-intents", b'{"domain": "d", "profileId": "p", "intents": []}', 400, "map"),
        ("PUT", "profile-intents", b'{"domain": "d", "profileId": "p"}', 404, "Domain 'd'"),
        ("GET", "profile-intents", None, 400, "?domain="),
    ],
)
def test_bad_input_is_one_line_and_the_server_keeps_serving(
    server: str, method: str, route: str, body: bytes | None, status: int, words: str
) -> None:
    found, answer = send(server, method, route, body)
    assert found == status and words in answer["Message"], answer
    assert "\n" not in answer["Message"]
    assert send(server, "GET", "health")[0] == 200


def test_filters_and_reset(cp: Env) -> None:
    if cp.target != "server":
        pytest.skip("the routes are the server's")
    runtime = Runtime(cp)
    first, second = cp.domain("first"), cp.domain("second")
    for domain in (first, second):
        orders_type(cp, domain)
        active_trigger(cp, domain, "big", over("500"))
        active_trigger(cp, domain, "any", over("0"))
        ingest(cp, domain, order("o-1", price=900))
    assert len(cp.control.deliveries()) == 4
    assert {item["DomainName"] for item in cp.control.deliveries(first)} == {first}
    assert [item["EventTriggerName"] for item in cp.control.deliveries(second, "big")] == ["big"]
    cp.control.clear_deliveries(first)
    assert {item["DomainName"] for item in cp.control.deliveries()} == {second}
    runtime.latency(10)
    cp.control.reset()
    assert cp.control.deliveries() == []
    assert cp.control.clock()["latencyMs"] == 0


def test_profile_intents_are_refused_in_one_line_when_wrong(server: str) -> None:
    control = ServerControl(server)
    boto = Env("server", session(), server, ACCOUNT, REGION)
    boto.client.create_domain(DomainName="intents", DefaultExpirationDays=1)
    body = {"domain": "intents", "profileId": "p-1", "intents": {"MOOD": "HIGH"}}
    status, answer = send(server, "PUT", "profile-intents", json.dumps(body).encode())
    assert status == 400 and "\n" not in answer["Message"]
    if "IntentType" in service_model("customer-profiles").shape_names:
        assert answer["Message"].startswith("'MOOD' is not an intent type")
        body["intents"] = {"PRICE_SENSITIVITY": "MEDIUM"}
        status, answer = send(server, "PUT", "profile-intents", json.dumps(body).encode())
        assert (status, answer["Message"]) == (400, "PRICE_SENSITIVITY is HIGH or LOW")
        assert control.set_intents("intents", "p-1", {"PRICE_SENSITIVITY": "HIGH"}) == {
            "p-1": {"PRICE_SENSITIVITY": "HIGH"}
        }
    else:
        assert "botocore 1.44.18" in answer["Message"]
        assert control.intents("intents") == {}
