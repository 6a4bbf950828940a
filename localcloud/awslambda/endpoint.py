"""The endpoint a function's AWS SDK calls: ``AWS_ENDPOINT_URL`` in its environment.

* An Invoke that reached a server on this machine (its ``Host`` is 127.0.0.1,
  localhost or ::1 with a port) gets that server: the function calls the same
  services, with the same state, as the caller.
* Any other (the in-process ``mock_aws``, or an invocation started inside the
  process, such as a CloudFormation custom resource's) gets the runner's own
  server: moto's dispatcher, with every service registered in this process, on
  a free port of 127.0.0.1, started in a thread the first time it is needed
  and serving the process's state (the same as the in-process mock's) until
  ``stop()`` or exit. ``local_endpoint()`` is its URL, for a caller that needs
  one to hand out (a custom resource's ``ResponseURL``, say).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from localcloud.core.background_server import HOST, BackgroundServer
from localcloud.moto_adapter.server import HostDispatcher, MotoRequestHandler, create_backend_app

__all__ = ["HOST", "endpoint_for", "local_endpoint", "stop"]

_LOOPBACK = re.compile(r"^(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})$", re.IGNORECASE)


class _QuietHandler(MotoRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


_server = BackgroundServer(
    "localcloud-lambda-endpoint", lambda: HostDispatcher(create_backend_app), _QuietHandler
)


def endpoint_for(request_headers: Mapping[str, Any] | None) -> str:
    """The endpoint of the server an Invoke came through, else ``local_endpoint()``."""
    host = _header(request_headers or {}, "Host")
    match = _LOOPBACK.match(host.strip()) if host else None
    if match and 0 < int(match.group(2)) < 65536:
        return f"http://{HOST}:{int(match.group(2))}"
    return local_endpoint()


def local_endpoint() -> str:
    """The URL of the runner's own server (started on first use)."""
    return _server.url()


def stop() -> None:
    """Stop the runner's own server, if it runs."""
    _server.stop()


def _header(headers: Mapping[str, Any], name: str) -> str:
    """A header of a dict (any case) or of werkzeug's headers (case-insensitive already)."""
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if str(k).lower() == lowered), None)
    return str(value) if value is not None else ""
