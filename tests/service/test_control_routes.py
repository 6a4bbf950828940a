"""Every control route (``/_localcloud/...``) answers a bad request with JSON and a 4xx.

One table of routes (``localcloud.server.control.ROUTES``), one error envelope:
``{"__type", "Message"}`` with the code in ``X-Amzn-Errortype``, never
werkzeug's HTML page, and nothing changed by a request that is refused.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from localcloud.server import ServerControl
from localcloud.server.control import ROUTES

pytestmark = pytest.mark.server

THROTTLE = b'{"operation": "GetDomain", "fault": "ThrottlingException", '
BAD_REQUESTS = [
    ("POST", "faults", b'{"operation": "GetDomain", "fault": "Delay", "seconds": "x"}', 400),
    ("POST", "faults", THROTTLE + b'"count": 1.5}', 400),
    ("POST", "faults", b'{"operation": "GetDomain", "fault": "Delay", "seconds": NaN}', 400),
    ("POST", "faults", THROTTLE + b'"message": 5}', 400),
    ("PUT", "faults", None, 405),
    ("POST", "calls", None, 405),
    ("GET", "reset", None, 405),
    ("DELETE", "health", None, 405),
    ("POST", "trigger-deliveries", None, 405),
    ("GET", "segment-membership", None, 400),
    ("PUT", "segment-membership", b'{"domain": "d", "segment": "s", "profileIds": "p"}', 400),
    ("PUT", "segment-membership", b'{"domain": "d", "segment": "s", "region": 1}', 400),
    ("PUT", "clock", b'{"advanceMs": 1e308}', 400),
    ("PUT", "clock", b'{"advanceMs": 1e400}', 400),
    ("PUT", "clock", b'{"latencyMs": 1e300}', 400),
    ("PUT", "clock", b'{"latencyMs": Infinity}', 400),
    ("PUT", "clock", b'{"now": "9999-12-31T23:59:59+00:00", "advanceMs": 1000}', 400),
    ("POST", "clock", None, 405),
    ("POST", "trigger-evaluations", b'{"domain": 5}', 400),
    ("POST", "trigger-evaluations", b'{"domain": "d", "trigger": "t", "object": {}}', 404),
    ("GET", "trigger-evaluations", None, 405),
    ("GET", "profile-objects?domain=d", None, 400),
    ("GET", "profile-objects?domain=d&objectType=T&uniqueKey=k", None, 404),
    ("POST", "profile-objects", None, 405),
    ("GET", "nothing", None, 404),
    ("GET", "", None, 404),
]  # fmt: skip


@pytest.fixture
def server(server_url: str) -> Iterator[str]:
    ServerControl(server_url).reset()
    yield server_url
    ServerControl(server_url).reset()


def test_every_route_has_a_bad_request() -> None:
    routes = {route for route, _ in ROUTES}
    assert routes - {route.partition("?")[0] for _, route, _, _ in BAD_REQUESTS} == set()


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
