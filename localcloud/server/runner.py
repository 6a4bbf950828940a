"""The server on 127.0.0.1 in a thread: ``LocalCloudServer``, and ``running_server`` for tests."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.serving import BaseWSGIServer, make_server

from localcloud.customer_profiles import ENDPOINT_ENV
from localcloud.moto_adapter.server import MotoRequestHandler

from .app import make_app
from .config import HOST, READ_TIMEOUT_SECONDS


class _Handler(MotoRequestHandler):
    verbose = False
    # socketserver applies it to every read and write of the connection (``framing``).
    timeout = READ_TIMEOUT_SECONDS

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.verbose:
            super().log_request(code, size)


class LocalCloudServer:
    """The server on 127.0.0.1, in a background thread (``port=0``: a free one)."""

    def __init__(
        self, port: int = 0, verbose: bool = False, read_timeout: float = READ_TIMEOUT_SECONDS
    ) -> None:
        handler = type("Handler", (_Handler,), {"verbose": verbose, "timeout": read_timeout})
        self._server: BaseWSGIServer = make_server(
            HOST, port, make_app(), threaded=True, request_handler=handler
        )
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    @property
    def endpoint_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def start(self) -> str:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="localcloud", daemon=True
        )
        self._thread.start()
        return self.endpoint_url

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()


def configure_environment(port: int) -> None:
    """Point clients in this process (handlers run here) at this server, unless set already."""
    os.environ.setdefault(ENDPOINT_ENV, f"http://{HOST}:{port}")


@contextmanager
def running_server(port: int = 0, verbose: bool = False) -> Iterator[str]:
    """Run a server for the block; yields its endpoint URL.

    For the block, handlers in this process (Cloud Control runs them here) reach
    Customer Profiles at this server, as they do under ``python -m localcloud.server``.
    """
    server = LocalCloudServer(port, verbose)
    saved = os.environ.get(ENDPOINT_ENV)
    try:
        url = server.start()
        os.environ[ENDPOINT_ENV] = url
        yield url
    finally:
        server.stop()
        if saved is None:
            os.environ.pop(ENDPOINT_ENV, None)
        else:
            os.environ[ENDPOINT_ENV] = saved
