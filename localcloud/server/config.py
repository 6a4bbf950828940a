"""Where the server listens and what it accepts; every part of the server reads these."""

from __future__ import annotations

HOST = "127.0.0.1"  # the only address it ever binds
DEFAULT_PORT = 4566
MAX_BODY_BYTES = 1024 * 1024
CONTROL_PREFIX = "/_localcloud/"  # no AWS API path starts with "/_"
