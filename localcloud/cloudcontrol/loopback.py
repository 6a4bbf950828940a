"""Handlers' calls back into the server that runs them, served in-process.

Cloud Control runs the resource type's handlers inside the local server, and
the handlers call Customer Profiles at that same server
(``AWS_ENDPOINT_URL_CUSTOMER_PROFILES``). Over loopback HTTP each such call
costs a second request through the server: a socket, a thread and HTTP parsing
on both sides, for a call that ends in the same process anyway.

Here a running server registers its address and its WSGI application
(``serve``). While Cloud Control invokes a handler (``handler_calls``), that
handler's botocore requests to a registered address are served in-process the
way moto's own in-process mock serves them: the URL is rebuilt from the SigV4
credential scope (as the server's dispatcher does) and handed to moto's
``BotocoreStubber``, which calls the service's response class. So the call
meets the same response class with its model-driven validation, the same
fault injection and call counts, and the same service state; only the socket
and the HTTP parsing are skipped. A request the server's own middleware would
refuse (a body over its limit), or one no in-process route matches, is passed
to the server's WSGI application instead, as over HTTP. An injected
``ConnectionError`` fault, which drops the socket over HTTP, fails the call with
the connection error botocore raises for a dropped connection. Every other
request in the process (a test's own client, say) still goes over HTTP.

The route is a botocore ``before-send`` handler, added to
``botocore.handlers.BUILTIN_HANDLERS`` on import so every session made
afterwards carries it (moto's in-process mock is installed the same way); it
does nothing unless the calling thread is running a handler for Cloud Control.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from botocore import handlers as botocore_handlers
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.compat import HTTPHeaders
from botocore.exceptions import ConnectionClosedError, EndpointConnectionError
from moto import backend_index
from moto.core.botocore_stubber import BotocoreStubber
from werkzeug.test import EnvironBuilder, run_wsgi_app

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_lock = threading.Lock()
_servers: dict[str, tuple[WSGIApp, int]] = {}  # "host:port" -> (application, body limit)
_local = threading.local()
_stubber = BotocoreStubber()
_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")


class Served:
    """A server's registration; ``close()`` ends it (the server stops)."""

    def __init__(self, address: str) -> None:
        self.address = address

    def close(self) -> None:
        with _lock:
            _servers.pop(self.address, None)


def serve(endpoint_url: str, app: WSGIApp, max_body_bytes: int) -> Served:
    """Serve handlers' calls to ``endpoint_url`` in-process.

    ``app`` is the server's WSGI application and ``max_body_bytes`` its body
    limit: larger requests, and those no in-process route matches, go to ``app``.
    """
    address = urlsplit(endpoint_url).netloc
    with _lock:
        _servers[address] = (app, max_body_bytes)
    return Served(address)


def served() -> dict[str, WSGIApp]:
    """The addresses served in-process now, and their applications."""
    with _lock:
        return {address: app for address, (app, _) in _servers.items()}


@contextmanager
def handler_calls() -> Iterator[None]:
    """Marks the calling thread as running a handler for the block."""
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1
    try:
        yield
    finally:
        _local.depth = depth


class _Body(BytesIO):
    """A response body as botocore reads one (``stream()``)."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        chunk = self.read()
        while chunk:
            yield chunk
            chunk = self.read()


class _Socket:
    """Stands in for the client's socket: a fault that drops it is seen here."""

    dropped = False

    def shutdown(self, how: int) -> None:
        self.dropped = True

    def close(self) -> None:
        self.dropped = True


def _environ(request: AWSPreparedRequest) -> dict[str, Any]:
    parts = urlsplit(request.url)
    builder = EnvironBuilder(
        path=parts.path or "/",
        base_url=f"{parts.scheme}://{parts.netloc}",
        query_string=parts.query,
        method=request.method,
        headers=[(name, _text(value)) for name, value in request.headers.items()],
        data=_body(request),
    )
    try:
        return builder.get_environ()
    finally:
        builder.close()


def _text(value: str | bytes | None) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else (value or "")


def _body(request: AWSPreparedRequest) -> bytes:
    body = request.body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode()
    if isinstance(body, bytes | bytearray):
        return bytes(body)
    data = body.read()  # a file-like body
    return data.encode() if isinstance(data, str) else bytes(data)


def _in_aws_domain(request: AWSPreparedRequest, body: bytes) -> AWSPreparedRequest | None:
    """The request as addressed to AWS (host from its credential scope), if a backend serves it."""
    match = _SCOPE.search(_text(request.headers.get("Authorization")))
    if match is None:
        return None
    region, service = match.groups()
    parts = urlsplit(request.url)
    host = f"{service}.{region}.amazonaws.com"
    if not any(
        pattern.match(f"https://{host}") for _, pattern in backend_index.backend_url_patterns
    ):
        return None
    url = urlunsplit(("https", host, parts.path, parts.query, ""))
    return AWSPreparedRequest(request.method, url, request.headers, body, stream_output=False)


def _response(
    url: str, status: int, headers: Iterable[tuple[str, Any]], body: bytes
) -> AWSResponse:
    fields = HTTPHeaders()
    for name, value in headers:
        fields[name] = str(value)
    return AWSResponse(url, status, fields, _Body(body))


def _through_app(app: WSGIApp, request: AWSPreparedRequest, body: bytes) -> AWSResponse:
    request.body = body
    environ = _environ(request)
    socket = _Socket()
    environ["werkzeug.socket"] = socket
    chunks, status, headers = run_wsgi_app(app, environ, buffered=True)
    try:
        content = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    if socket.dropped:
        raise ConnectionClosedError(endpoint_url=request.url, request=request)
    code = int(status.split(None, 1)[0])
    return _response(request.url, code, headers.items(), content)


def route(request: AWSPreparedRequest, **_: Any) -> AWSResponse | None:
    """botocore's ``before-send``: the response, when this request is served in-process."""
    if not getattr(_local, "depth", 0):
        return None
    server = _servers.get(urlsplit(request.url).netloc)
    if server is None:
        return None
    app, limit = server
    body = _body(request)
    aws = _in_aws_domain(request, body) if len(body) <= limit else None
    if aws is None:
        return _through_app(app, request, body)
    try:
        answer = _stubber.process_request(aws)
    except EndpointConnectionError:  # an injected dropped connection
        raise ConnectionClosedError(endpoint_url=request.url, request=request) from None
    if answer is None:
        return _through_app(app, request, body)
    status, headers, content = answer
    data = content.encode() if isinstance(content, str) else content
    return _response(request.url, status, headers.items(), data)


def _install() -> None:
    spec = ("before-send", route)
    if spec not in botocore_handlers.BUILTIN_HANDLERS:
        botocore_handlers.BUILTIN_HANDLERS.append(spec)


_install()
