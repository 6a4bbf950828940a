"""A WSGI application served on 127.0.0.1 in a thread of this process, started on first use.

``BackgroundServer(name, make_app)`` starts nothing until ``url()`` is first
asked for: then it serves ``make_app()`` on a free port of 127.0.0.1 (threaded,
each connection with ``request_handler``), in a daemon thread, until ``stop()``
or the process's exit. A later ``url()`` starts it again. The local Lambda
runner's endpoint and the stack engine's custom-resource ResponseURLs are two.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

__all__ = ["HOST", "BackgroundServer"]

HOST = "127.0.0.1"


class BackgroundServer:
    """One application on a free port of 127.0.0.1, in a thread, while it is needed."""

    def __init__(
        self,
        name: str,
        make_app: Callable[[], Any],
        request_handler: type[WSGIRequestHandler] = WSGIRequestHandler,
    ) -> None:
        self.name = name
        self._make_app = make_app
        self._request_handler = request_handler
        self._lock = threading.Lock()
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def url(self) -> str:
        """``http://127.0.0.1:<port>``, the server started if it was not."""
        with self._lock:
            if self._server is None:
                self._server = make_server(
                    HOST, 0, self._make_app(), threaded=True, request_handler=self._request_handler
                )
                self._thread = threading.Thread(
                    target=self._server.serve_forever, name=self.name, daemon=True
                )
                self._thread.start()
                atexit.register(self.stop)
            return f"http://{HOST}:{self._server.server_port}"

    def stop(self) -> None:
        """End the server, if it runs (idempotent)."""
        with self._lock:
            server, thread, self._server, self._thread = self._server, self._thread, None, None
        if server is not None:
            atexit.unregister(self.stop)
            server.shutdown()
            if thread is not None:
                thread.join(timeout=10)
            server.server_close()
