"""moto's server: its WSGI app, its request handler, and its host dispatcher made cheaper.

``create_backend_app`` and ``MotoRequestHandler`` are moto's own, used as they are.
``HostDispatcher`` is moto's host dispatcher without a directory listing on
every request:

``DomainDispatcherApplication.get_backend_for_host`` first asks whether the
host is one of moto's service names, and it answers that by listing moto's
package directory and calling ``isdir`` on each entry, about 180 ``stat`` calls.
It asks twice for every request (once for no host, once for the host rebuilt
from the SigV4 credential scope), and the two listings are about 0.75 ms of a
Customer Profiles GetEventTrigger's 2 ms of server time. The directory does
not change while the server runs, so the names are read once here, and the
rest of the lookup is moto's: the same answers in the same order.

``backend_for(environ)`` is the backend moto's ``get_application`` picks for a
request, without its fallback: None where moto would send the request to S3
only because nothing else matched (or finds no backend for the signing name).
``localcloud.server.routing`` decides what to do with those.
``tests/service/test_moto_private_names.py`` compares the answers with moto's own.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import moto.backends as backends
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)

__all__ = ["HostDispatcher", "MotoRequestHandler", "create_backend_app", "moto_service_names"]

log = logging.getLogger(__name__)

MOTO_API = "moto_api"
INSTANCE_METADATA = "instance_metadata"


@cache
def moto_service_names() -> frozenset[str]:
    """The service folders of the installed moto package, listed once."""
    return frozenset(backends.list_of_moto_modules())


class HostDispatcher(DomainDispatcherApplication):
    """``DomainDispatcherApplication`` with moto's service names read once."""

    def get_backend_for_host(self, host: str | None) -> Any:
        if host is None:
            return None
        if host == MOTO_API or host in moto_service_names():
            return host
        for backend, pattern in self.backend_url_patterns:
            if pattern.match(f"http://{host}"):
                return backend
        log.debug("no backend serves host %s", host)
        return None

    def backend_for(self, environ: dict[str, Any]) -> str | None:
        """The backend ``get_application`` picks, None where it would fall back to S3."""
        path = environ.get("PATH_INFO", "")
        if path.startswith("/moto-api") or path == "/favicon.ico":
            return MOTO_API
        if path.startswith(("/latest/meta-data/", "/latest/api/")):
            return INSTANCE_METADATA
        try:
            host = self.infer_service_region_host(environ, path)
        except (KeyError, IndexError, ValueError, AttributeError):
            return None  # a request moto cannot read a service from
        found: str | None = self.get_backend_for_host(host) if host else None
        return found
