"""Serve moto, with this project's offline services, on 127.0.0.1.

    python -m localcloud.server --port 4566     # or PORT=4566; Ctrl-C stops it

Clients reach it with ``endpoint_url="http://127.0.0.1:4566"`` (or
``AWS_ENDPOINT_URL_CUSTOMER_PROFILES``, which the server sets in its own
environment when unset, so handlers run inside this process reach it too) and
any credentials: requests are routed by the SigV4 signing name.

It only ever binds 127.0.0.1. Request bodies over ``MAX_BODY_BYTES`` get a 413.
Paths under ``/_localcloud/`` (no AWS API path starts with ``/_``) control it:

* ``GET|POST|DELETE /_localcloud/faults`` - list, inject (JSON body
  ``{"operation", "fault", "count", "seconds", "message"}``), clear faults;
* ``GET|DELETE /_localcloud/calls`` - calls per operation, and reset them;
* ``POST /_localcloud/reset`` - forget all state, faults and calls;
* ``GET /_localcloud/health``.

``ServerControl`` is a small client for those. ``running_server()`` runs a
server on a free port in a background thread, for tests.

Services register before serving: each function in ``REGISTRATIONS`` is
called, then ``register()`` of each module in ``OPTIONAL_SERVICES`` that exists.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import signal
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Any

from moto.core.base_backend import BackendDict
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import BaseWSGIServer, make_server

from localcloud import customer_profiles
from localcloud.cloudcontrol import loopback
from localcloud.customer_profiles import ENDPOINT_ENV
from localcloud.customer_profiles.faults import faults
from localcloud.keepalive import KeepAlive

HOST = "127.0.0.1"
DEFAULT_PORT = 4566
MAX_BODY_BYTES = 1024 * 1024
CONTROL_PREFIX = "/_localcloud/"
REGISTRATIONS: list[Callable[[], None]] = [customer_profiles.register]
OPTIONAL_SERVICES: list[str] = ["localcloud.cloudcontrol"]

log = logging.getLogger(__name__)
StartResponse = Callable[..., Any]
Environ = dict[str, Any]


def register_services() -> None:
    """Register every service this server serves (idempotent)."""
    for register in REGISTRATIONS:
        register()
    for name in OPTIONAL_SERVICES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name is not None and name.startswith(error.name):
                continue  # not written yet; a broken import inside it still fails
            raise
        hook = getattr(module, "register", None)
        if callable(hook):
            hook()


def _json(
    start_response: StartResponse, status: str, body: Any, extra: Iterable[Any] = ()
) -> list[bytes]:
    data = json.dumps(body).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data))), *extra]
    start_response(status, headers)
    return [data]


def _error(start_response: StartResponse, status: str, code: str, message: str) -> list[bytes]:
    """An error in the rest-json form botocore reads (code in X-Amzn-Errortype)."""
    body = {"__type": code, "Message": message}
    return _json(start_response, status, body, [("X-Amzn-Errortype", code)])


class LocalCloudApp:
    """WSGI middleware around moto's dispatcher: control routes, body limit, no crash."""

    def __init__(self, inner: Callable[[Environ, StartResponse], Iterable[bytes]]) -> None:
        self.inner = inner

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX) or path == CONTROL_PREFIX.rstrip("/"):
            return self._control(environ, start_response, path[len(CONTROL_PREFIX) :])
        if self._too_large(environ):
            message = f"Request bodies are limited to {MAX_BODY_BYTES} bytes"
            return _error(
                start_response,
                "413 Request Entity Too Large",
                "RequestEntityTooLargeException",
                message,
            )
        try:
            return self.inner(environ, start_response)
        except ConnectionError:
            raise  # an injected dropped connection: werkzeug closes without answering
        except Exception:
            log.exception("request failed: %s %s", environ.get("REQUEST_METHOD"), path)
            return _error(
                start_response,
                "500 Internal Server Error",
                "InternalServerException",
                "Internal error",
            )

    @staticmethod
    def _too_large(environ: Environ) -> bool:
        length = environ.get("CONTENT_LENGTH") or ""
        if length.strip():
            try:
                return int(length) > MAX_BODY_BYTES
            except ValueError:
                return True
        if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            data = environ["wsgi.input"].read(MAX_BODY_BYTES + 1)
            environ["wsgi.input"] = io.BytesIO(data)
            environ["CONTENT_LENGTH"] = str(len(data))
            return len(data) > MAX_BODY_BYTES
        return False

    def _control(self, environ: Environ, start_response: StartResponse, route: str) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if route == "faults" and method == "GET":
            return _json(
                start_response, "200 OK", {"faults": [f.to_dict() for f in faults.pending()]}
            )
        if route == "faults" and method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                if length > MAX_BODY_BYTES:
                    raise ValueError("body too large")
                spec = json.loads(environ["wsgi.input"].read(length) or b"{}")
                if not isinstance(spec, dict):
                    raise ValueError("the body must be a JSON object")
                fault = faults.inject(
                    str(spec.get("operation", "")),
                    str(spec.get("fault", "")),
                    count=spec.get("count", 1),
                    seconds=float(spec.get("seconds", 0.0)),
                    message=spec.get("message"),
                )
            except (ValueError, TypeError) as error:
                return _error(start_response, "400 Bad Request", "BadRequestException", str(error))
            return _json(start_response, "201 Created", {"fault": fault.to_dict()})
        if route == "faults" and method == "DELETE":
            faults.clear()
            return _json(start_response, "200 OK", {"faults": []})
        if route == "calls" and method in ("GET", "DELETE"):
            if method == "DELETE":
                faults.reset_calls()
            return _json(start_response, "200 OK", {"calls": dict(faults.calls())})
        if route == "reset" and method == "POST":
            BackendDict.reset()
            faults.reset()
            return _json(start_response, "200 OK", {"reset": True})
        if route == "health" and method == "GET":
            return _json(start_response, "200 OK", {"status": "ok"})
        return _error(start_response, "404 Not Found", "NotFoundException", "No such control route")


def make_app() -> LocalCloudApp:
    register_services()
    return LocalCloudApp(DomainDispatcherApplication(create_backend_app))


class _Handler(KeepAlive, MotoRequestHandler):
    verbose = False

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.verbose:
            super().log_request(code, size)


class LocalCloudServer:
    """The server on 127.0.0.1, in a background thread (``port=0``: a free one)."""

    def __init__(self, port: int = 0, verbose: bool = False) -> None:
        handler = type("Handler", (_Handler,), {"verbose": verbose})
        self._server: BaseWSGIServer = make_server(
            HOST, port, make_app(), threaded=True, request_handler=handler
        )
        self._loopback = loopback.serve(self.endpoint_url, self._server.app, MAX_BODY_BYTES)
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
        self._loopback.close()
        self._server.server_close()


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


class ServerControl:
    """Client for the control routes of a running server."""

    def __init__(self, endpoint_url: str, timeout: float = 10.0) -> None:
        self.base = endpoint_url.rstrip("/") + CONTROL_PREFIX
        self.timeout = timeout

    def _call(self, method: str, route: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + route, data=data, method=method)  # noqa: S310
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            return json.loads(response.read())

    def inject(
        self,
        operation: str,
        fault: str,
        count: int | None = 1,
        seconds: float = 0.0,
        message: str | None = None,
    ) -> dict[str, Any]:
        spec = {"operation": operation, "fault": fault, "count": count, "seconds": seconds}
        if message is not None:
            spec["message"] = message
        return dict(self._call("POST", "faults", spec)["fault"])

    def pending(self) -> list[dict[str, Any]]:
        return list(self._call("GET", "faults")["faults"])

    def clear(self) -> None:
        self._call("DELETE", "faults")

    def calls(self) -> dict[str, int]:
        return dict(self._call("GET", "calls")["calls"])

    def reset_calls(self) -> None:
        self._call("DELETE", "calls")

    def reset(self) -> None:
        self._call("POST", "reset")


def _port(text: str) -> int:
    port = int(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("port must be between 1 and 65535")
    return port


def configure_environment(port: int) -> None:
    """Point clients in this process (handlers run here) at this server, unless set already."""
    os.environ.setdefault(ENDPOINT_ENV, f"http://{HOST}:{port}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Offline AWS services on 127.0.0.1")
    parser.add_argument(
        "--port", type=_port, default=_port(os.environ.get("PORT") or str(DEFAULT_PORT))
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    configure_environment(args.port)
    try:
        server = LocalCloudServer(args.port, verbose=args.verbose)
    except OSError as error:
        print(f"localcloud: cannot listen on {HOST}:{args.port}: {error}", file=sys.stderr)
        return 1

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    print(f"localcloud: serving on {server.endpoint_url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()  # werkzeug's returns on Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("localcloud: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
