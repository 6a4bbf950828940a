"""The server keeps a connection open after a response with a Content-Length."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from importlib.metadata import version

import boto3
import pytest
from werkzeug.serving import WSGIRequestHandler

from localcloud.server import MAX_BODY_BYTES, running_server
from tests.support.served import ServedRequests, connection


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running_server() as url:
        yield url


def test_two_requests_on_one_connection(endpoint: str) -> None:
    client = connection(endpoint)
    try:
        for _ in range(2):
            client.request("GET", "/_localcloud/health")
            response = client.getresponse()
            assert response.status == 200
            assert json.loads(response.read()) == {"status": "ok"}
            assert response.getheader("Connection") is None
            assert not response.will_close
        # The connection was opened once and reused for the second request.
        assert client.sock is not None
    finally:
        client.close()


def test_a_request_body_is_read_before_the_next_request(endpoint: str) -> None:
    client = connection(endpoint)
    try:
        body = json.dumps({"operation": "*", "fault": "Nonsense"})
        client.request("POST", "/_localcloud/faults", body=body)
        refused = client.getresponse()
        sock = client.sock
        assert (refused.status, refused.will_close, sock is not None) == (400, False, True)
        refused.read()
        client.request("GET", "/_localcloud/health")
        after = client.getresponse()
        assert (after.status, json.loads(after.read())) == (200, {"status": "ok"})
        assert client.sock is sock
    finally:
        client.close()


def test_a_client_asking_to_close_is_closed(endpoint: str) -> None:
    client = connection(endpoint)
    try:
        client.request("GET", "/_localcloud/health", headers={"Connection": "close"})
        response = client.getresponse()
        response.read()
        assert response.will_close
    finally:
        client.close()


def test_botocore_reuses_its_connection(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    served = ServedRequests(monkeypatch)
    profiles = boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")
    for _ in range(3):
        profiles.list_domains()
    assert (served.count, served.connections) == (3, 1)


def test_a_body_at_the_servers_limit_keeps_the_connection(endpoint: str) -> None:
    client = connection(endpoint)
    try:
        body = b" " * MAX_BODY_BYTES  # read in full, then refused: not JSON
        client.request("POST", "/_localcloud/faults", body=body)
        refused = client.getresponse()
        refused.read()
        assert (refused.status, refused.will_close) == (400, False)
        client.request("GET", "/_localcloud/health")
        assert client.getresponse().status == 200
    finally:
        client.close()


def test_a_body_over_the_servers_limit_is_refused_and_closed(endpoint: str) -> None:
    client = connection(endpoint)
    try:
        client.request("POST", "/", body=b" " * (MAX_BODY_BYTES + 1))
        refused = client.getresponse()
        refused.read()
        assert (refused.status, refused.will_close) == (413, True)
    finally:
        client.close()


def test_the_werkzeug_behaviour_keep_alive_relies_on() -> None:
    source = inspect.getsource(WSGIRequestHandler.run_wsgi)
    pinned = f"werkzeug {version('werkzeug')} (pinned 3.1.9)"
    for needed in (
        "selector.register(self.connection",
        "self.rfile.read(",
        '"Connection", "close"',
    ):
        assert needed in source, (
            "localcloud.server.keepalive relies on WSGIRequestHandler.run_wsgi containing "
            f"{needed!r}: check it against {pinned}"
        )
