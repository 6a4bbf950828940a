"""The local server's HTTP side as a test sees it: the requests it serves, and raw connections.

``ServedRequests`` records each request werkzeug's request handler serves, and
on which connection (one handler serves one connection), for as long as the
test's ``monkeypatch`` keeps its patch. ``connection`` opens a plain HTTP/1.1
connection to a local endpoint.
"""

from __future__ import annotations

import http.client

import pytest
from werkzeug.serving import WSGIRequestHandler

TIMEOUT = 10.0


class ServedRequests:
    """Every request the server's werkzeug handler serves from now on, by connection."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._handlers: list[int] = []
        real = WSGIRequestHandler.run_wsgi

        def recording(handler: WSGIRequestHandler) -> None:
            self._handlers.append(id(handler))
            real(handler)

        monkeypatch.setattr(WSGIRequestHandler, "run_wsgi", recording)

    @property
    def count(self) -> int:
        """How many HTTP requests were served."""
        return len(self._handlers)

    @property
    def connections(self) -> int:
        """On how many connections they came (each keeps its handler while it is open)."""
        return len(set(self._handlers))


def connection(endpoint: str) -> http.client.HTTPConnection:
    """A plain HTTP/1.1 connection to ``http://host:port``."""
    host, port = endpoint.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
