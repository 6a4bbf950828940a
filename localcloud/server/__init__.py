"""Serve moto, with this project's offline services, on 127.0.0.1.

    python -m localcloud.server --port 4566     # or PORT=4566; Ctrl-C stops it

Clients reach it with ``endpoint_url="http://127.0.0.1:4566"`` (or
``AWS_ENDPOINT_URL_CUSTOMER_PROFILES``, which the server sets in its own
environment when unset, so handlers run inside this process reach it too) and
any credentials: requests are routed by the SigV4 signing name.

It only ever binds 127.0.0.1. Request bodies over ``MAX_BODY_BYTES`` get a 413.
Paths under ``/_localcloud/`` control it (``control``); ``ServerControl``
(``client``) is a small client for those. ``running_server()`` (``runner``) runs
a server on a free port in a background thread, for tests. The services it
serves are listed in ``app.REGISTRATIONS``; the command line is ``cli``.
"""

from __future__ import annotations

from .app import LocalCloudApp, make_app, register_services
from .cli import main
from .client import ServerControl
from .config import CONTROL_PREFIX, DEFAULT_PORT, HOST, MAX_BODY_BYTES
from .runner import LocalCloudServer, configure_environment, running_server

__all__ = [
    "CONTROL_PREFIX",
    "DEFAULT_PORT",
    "HOST",
    "MAX_BODY_BYTES",
    "LocalCloudApp",
    "LocalCloudServer",
    "ServerControl",
    "configure_environment",
    "main",
    "make_app",
    "register_services",
    "running_server",
]
