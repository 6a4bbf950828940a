"""Pre-signed ResponseURLs for custom resources, answered on 127.0.0.1.

CloudFormation gives a custom resource's function a pre-signed S3 URL to PUT
its response document to, and waits for it. Here each request gets a URL of a
small server of the engine's own (``http://127.0.0.1:<port>/<token>``, a
``BackgroundServer``, started on first use), which any function
can reach: in a subprocess of the local Lambda runner, under ``mock_aws`` or on
the server. ``expect()`` registers a request; the function's PUT completes it;
``Expected.wait()`` gives the document, or None when the time is up.

What it takes is what CloudFormation takes: a JSON object of at most 4,096
bytes (the quota on a custom resource's response). A body that is not one
completes the request with the reason CloudFormation would give. The PUT is
answered 200, as S3 answers it; a PUT for a request no one waits for (a late
answer, or a second one) is answered 200 too, and changes nothing.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import WSGIRequestHandler
from werkzeug.wrappers import Request, Response

from localcloud.core.background_server import BackgroundServer

__all__ = ["MAX_RESPONSE_BYTES", "Expected", "expect", "stop"]

MAX_RESPONSE_BYTES = 4096
# How long a PUT may take to arrive whole (a slow client never holds a thread for longer).
READ_TIMEOUT_SECONDS = 30


@dataclass
class Expected:
    """One request's response, once it arrived."""

    token: str
    url: str
    arrived: threading.Event = field(default_factory=threading.Event)
    document: dict[str, Any] | None = None
    problem: str | None = None  # why the body is not a response CloudFormation takes

    def wait(self, seconds: float) -> bool:
        """True if the response arrived within ``seconds``."""
        return self.arrived.wait(max(seconds, 0.0))

    def forget(self) -> None:
        with _lock:
            _waiting.pop(self.token, None)


_lock = threading.Lock()
_waiting: dict[str, Expected] = {}


def _read(request: Request) -> tuple[dict[str, Any] | None, str | None]:
    body = request.get_data(cache=False)
    if len(body) > MAX_RESPONSE_BYTES:
        return None, "Response object is too long."
    try:
        document = json.loads(body)
    except ValueError:
        return None, "Response object is not valid JSON."
    if not isinstance(document, dict):
        return None, "Response object is not valid JSON."
    return document, None


def _app(environ: dict[str, Any], start_response: Any) -> Any:
    request = Request(environ)
    if request.method != "PUT":
        return Response(status=405, headers={"Allow": "PUT"})(environ, start_response)
    document: dict[str, Any] | None = None
    problem: str | None = "Response object is too long."
    if (request.content_length or 0) <= MAX_RESPONSE_BYTES * 4:  # else not even read
        document, problem = _read(request)
    with _lock:
        expected = _waiting.pop(request.path.strip("/"), None)
    if expected is not None:
        expected.document, expected.problem = document, problem
        expected.arrived.set()
    return Response(status=200)(environ, start_response)


class _Handler(WSGIRequestHandler):
    timeout = READ_TIMEOUT_SECONDS

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


_server = BackgroundServer("cloudformation-response-urls", lambda: _app, _Handler)


def expect() -> Expected:
    """A new ResponseURL, waited for until ``wait()`` or ``forget()``."""
    with _lock:
        token = secrets.token_urlsafe(24)
        expected = Expected(token, f"{_server.url()}/{token}")
        _waiting[token] = expected
        return expected


def stop() -> None:
    """Stop the server (a later ``expect()`` starts another); forget every request."""
    with _lock:
        _waiting.clear()
    _server.stop()
