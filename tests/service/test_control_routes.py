"""Every control route (``/_localcloud/...``) answers a bad request with JSON and a 4xx.

One table of routes (``localcloud.server.control.ROUTES``), one error envelope:
``{"__type", "Message"}`` with the code in ``X-Amzn-Errortype``, never
werkzeug's HTML page, and nothing changed by a request that is refused.
"""

from __future__ import annotations

import datetime
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from localcloud.customer_profiles import faults
from localcloud.customer_profiles.clock import clock
from localcloud.server import ServerControl
from localcloud.server.control import ROUTES

pytestmark = pytest.mark.server

THROTTLE = '{"operation": "GetDomain", "fault": "ThrottlingException", '
DELAY = '{"operation": "GetDomain", "fault": "Delay", '
# A method each route lacks answers 405; no such route, 404.
WRONG = "PUT faults|POST calls|GET reset|DELETE health|POST trigger-deliveries|POST clock|"
WRONG += "GET trigger-evaluations|POST profile-objects"
# Input a route refuses: "METHOD route[?query] STATUS" -> the bodies sent, one request each.
REFUSED: dict[str, list[str | None]] = {
    "POST faults 400": [
        DELAY + '"seconds": "x"}',
        DELAY + '"seconds": NaN}',
        THROTTLE + '"count": 1.5}',
        THROTTLE + '"count": 0}',
        THROTTLE + '"count": 100000000000000000000000000000}',
        THROTTLE + '"message": 5}',
        THROTTLE + '"message": {"a": 1}}',
    ],
    "GET segment-membership 400": [None],
    "PUT segment-membership 400": [
        '{"domain": "d", "segment": "s", "profileIds": "p"}',
        '{"domain": "d", "segment": "s", "region": 1}',
    ],
    "GET profile-intents 400": [None],
    "PUT profile-intents 400": [
        '{"domain": "d", "profileId": "p", "intents": ["HIGH"]}',
        '{"domain": "d", "profileId": "p", "intents": {"PRICE_SENSITIVITY": 1}}',
        '{"domain": "d", "profileId": 5}',
    ],
    "PUT clock 400": [
        '{"advanceMs": 1e15}',
        '{"advanceMs": 1e308}',
        '{"advanceMs": 1e400}',
        '{"advanceMs": NaN}',
        '{"advanceMs": "1000"}',
        '{"latencyMs": 1e13}',
        '{"latencyMs": 1e300}',
        '{"latencyMs": Infinity}',
        '{"now": "9999-12-31T23:59:59+00:00"}',
        '{"now": "0001-01-01T00:00:00+00:00"}',
        '{"now": "0001-01-01T00:00:00+00:00", "advanceMs": 63000000000000}',
        '{"now": "9999-12-31T23:59:59+00:00", "advanceMs": 1000}',
    ],
    "POST trigger-evaluations 400": ['{"domain": 5}'],
    "POST trigger-evaluations 404": ['{"domain": "d", "trigger": "t", "object": {}}'],
    "GET profile-objects?domain=d 400": [None],
    "GET profile-objects?domain=d&objectType=T&uniqueKey=k 404": [None],
    "GET nothing 404": [None],
}


def _bad_requests() -> list[tuple[str, str, bytes | None, int]]:
    """(method, route, body, status): ``WRONG``, ``REFUSED``, and the bare prefix (404)."""
    found: list[tuple[str, str, bytes | None, int]] = [
        (method, route, None, 405) for method, route in map(str.split, WRONG.split("|"))
    ]
    for where, bodies in REFUSED.items():
        method, route, status = where.split()
        found += [(method, route, None if b is None else b.encode(), int(status)) for b in bodies]
    return [*found, ("GET", "", None, 404)]


BAD_REQUESTS = _bad_requests()


@pytest.fixture
def server(server_url: str) -> Iterator[str]:
    ServerControl(server_url).reset()
    yield server_url
    ServerControl(server_url).reset()


def test_every_route_has_a_bad_request() -> None:
    assert set(ROUTES) - {route.partition("?")[0] for _, route, _, _ in BAD_REQUESTS} == set()


@pytest.mark.parametrize(("method", "route", "body", "status"), BAD_REQUESTS)
def test_a_bad_request_answers_json_and_a_4xx(
    server: str, method: str, route: str, body: bytes | None, status: int
) -> None:
    control = ServerControl(server)
    before = (control.clock(), control.pending())
    request = urllib.request.Request(f"{server}/_localcloud/{route}", data=body, method=method)
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    answer = raised.value
    assert answer.code == status
    assert answer.headers["Content-Type"] == "application/json"
    error = json.loads(answer.read())
    assert set(error) == {"__type", "Message"}
    assert answer.headers["X-Amzn-Errortype"] == error["__type"]
    assert error["Message"] and "\n" not in error["Message"]
    if status == 405:
        assert method not in answer.headers["Allow"]
    after = (control.clock(), control.pending())
    assert [(c["frozen"], c["latencyMs"]) for c, _ in (before, after)] == [(False, 0.0)] * 2
    assert after[1] == before[1] == []


def test_the_clock_in_process_refuses_the_same_moves_and_keeps_its_time() -> None:
    """What the route refuses, ``clock`` refuses too (the pytest fixtures move it so)."""
    clock.reset()
    try:
        for move in (
            lambda: clock.set(datetime.datetime(1, 1, 1)),
            lambda: clock.set(datetime.datetime(9999, 12, 31)),
            lambda: clock.advance(1e15),
            lambda: clock.advance(-1e300),
            lambda: clock.set_latency(1e13),
            lambda: clock.set_latency(-1),
        ):
            with pytest.raises(ValueError, match=r"clock|latency"):
                move()
        state = clock.to_dict()
        assert (state["frozen"], state["latencyMs"]) == (False, 0.0)
    finally:
        clock.reset()


def test_a_fault_in_process_takes_only_a_count_it_can_hold_and_a_string_message() -> None:
    for options in ({"count": 2**31}, {"count": 1.5}, {"count": 0}, {"message": 5}):
        with pytest.raises(ValueError, match=r"count|message"):
            faults.inject("GetDomain", "ThrottlingException", **options)
    assert faults.pending() == []
