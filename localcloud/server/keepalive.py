"""HTTP/1.1 keep-alive for werkzeug's request handler, where a response allows it.

werkzeug (3.1) answers every request with ``Connection: close``: its handler
cannot tell where a request body it did not read ends, so after each response it
drains the socket, which would swallow the client's next request. Clients of
the local server (botocore, keeping connections in a pool) then open a new
connection, and the server a new thread, for every call.

``KeepAlive`` keeps the connection open when it is safe to: an HTTP/1.1
request whose body has a ``Content-Length`` within the server's body limit
(``MAX_BODY_BYTES``; read in full before the application runs, as the
application would read it, so nothing of it is left on the socket), answered
with a ``Content-Length`` (not chunked). Anything else, a body the server
refuses as too large included, is served exactly as werkzeug serves it, and
closed. An idle connection is closed
after ``timeout`` seconds; segments are sent at once (``TCP_NODELAY``). Mix it
in before werkzeug's handler::

    class Handler(KeepAlive, WSGIRequestHandler): ...
"""

from __future__ import annotations

import io
import socket
from typing import Any

from werkzeug.serving import WSGIRequestHandler

from .config import MAX_BODY_BYTES


class KeepAlive(WSGIRequestHandler):
    """Keeps a connection open after a response that allows it."""

    timeout = 60  # seconds an idle connection is kept
    # Headers and body leave in separate writes: without this, on a connection
    # kept open, the body would wait for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True
    _keep = False
    _chunked = False
    _saved: tuple[Any, Any] | None = None
    _drained: tuple[socket.socket, socket.socket] | None = None

    def _may_keep_alive(self, environ: dict[str, Any]) -> bool:
        if self.request_version != "HTTP/1.1" or environ.get("HTTP_TRANSFER_ENCODING"):
            return False
        if (self.headers.get("Connection") or "").lower() == "close":
            return False
        length = environ.get("CONTENT_LENGTH") or "0"
        return length.isdigit() and int(length) <= MAX_BODY_BYTES

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        self._keep = self._may_keep_alive(environ)
        self._chunked = False
        if self._keep:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            environ["wsgi.input"] = io.BytesIO(self.rfile.read(length) if length else b"")
            # werkzeug drains ``self.connection`` through ``self.rfile`` once the
            # response is sent. The body is read already: give the drain an
            # empty stream, so the client's next request stays on the socket.
            ours, peer = socket.socketpair()
            peer.close()  # ``ours`` reads as at its end at once
            self._drained = (ours, peer)
            self._saved = (self.connection, self.rfile)
            self.connection, self.rfile = ours, io.BytesIO()
        return environ

    def run_wsgi(self) -> None:
        try:
            super().run_wsgi()
        finally:
            if self._saved is not None:
                self.connection, self.rfile = self._saved
                self._saved = None
            if self._drained is not None:
                self._drained[0].close()
                self._drained = None

    def log_error(self, format: str, *args: Any) -> None:
        if format.startswith("Request timed out"):
            return  # an idle connection closed after ``timeout``: nothing went wrong
        super().log_error(format, *args)

    def send_header(self, keyword: str, value: str) -> None:
        name = keyword.lower()
        if name == "transfer-encoding":
            self._chunked = True
        if name == "connection" and value.lower() == "close" and self._keep and not self._chunked:
            return  # the response has a Content-Length: the connection can serve the next
        super().send_header(keyword, value)
