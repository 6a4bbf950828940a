"""The server keeps a connection open after a response with a Content-Length."""

from __future__ import annotations

import http.client
import inspect
import json
from collections.abc import Iterator
from importlib.metadata import version

import boto3
import pytest
from werkzeug.serving import WSGIRequestHandler

from localcloud.server import running_server


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running_server() as url:
        yield url


def _connection(endpoint: str) -> http.client.HTTPConnection:
    host, port = endpoint.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=10)


def test_two_requests_on_one_connection(endpoint: str) -> None:
    connection = _connection(endpoint)
    try:
        for _ in range(2):
            connection.request("GET", "/_localcloud/health")
            response = connection.getresponse()
            assert response.status == 200
            assert json.loads(response.read()) == {"status": "ok"}
            assert response.getheader("Connection") is None
            assert not response.will_close
        # The connection was opened once and reused for the second request.
        assert connection.sock is not None
    finally:
        connection.close()


def test_a_request_body_is_read_before_the_next_request(endpoint: str) -> None:
    connection = _connection(endpoint)
    try:
        body = json.dumps({"operation": "*", "fault": "Nonsense"})
        connection.request("POST", "/_localcloud/faults", body=body)
        refused = connection.getresponse()
        sock = connection.sock
        assert (refused.status, refused.will_close, sock is not None) == (400, False, True)
        refused.read()
        connection.request("GET", "/_localcloud/health")
        after = connection.getresponse()
        assert (after.status, json.loads(after.read())) == (200, {"status": "ok"})
        assert connection.sock is sock
    finally:
        connection.close()


def test_a_client_asking_to_close_is_closed(endpoint: str) -> None:
    connection = _connection(endpoint)
    try:
        connection.request("GET", "/_localcloud/health", headers={"Connection": "close"})
        response = connection.getresponse()
        response.read()
        assert response.will_close
    finally:
        connection.close()


def test_botocore_reuses_its_connection(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    connections: set[int] = set()
    real = WSGIRequestHandler.run_wsgi

    def recording(handler: WSGIRequestHandler) -> None:
        connections.add(id(handler))
        real(handler)

    monkeypatch.setattr(WSGIRequestHandler, "run_wsgi", recording)
    client = boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")
    for _ in range(3):
        client.list_domains()
    assert len(connections) == 1  # one handler, one connection, three requests


def test_the_werkzeug_behaviour_keep_alive_relies_on() -> None:
    source = inspect.getsource(WSGIRequestHandler.run_wsgi)
    pinned = f"werkzeug {version('werkzeug')} (pinned 3.1.9)"
    for needed in (
        "selector.register(self.connection",
        "self.rfile.read(",
        '"Connection", "close"',
    ):
        assert needed in source, (
            f"localcloud.keepalive relies on WSGIRequestHandler.run_wsgi containing {needed!r}: "
            f"check it against {pinned}"
        )
