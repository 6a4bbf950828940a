"""The server's run-time trigger routes: filters, bad input in one line, reset."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from localcloud.server import ServerControl
from tests.support.services import Env
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
