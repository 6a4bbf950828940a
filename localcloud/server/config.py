"""Where the server listens and what it accepts; every part of the server reads these."""

from __future__ import annotations

from localcloud.customer_profiles.protocol import MAX_REQUEST_BYTES

HOST = "127.0.0.1"  # the only address it ever binds
DEFAULT_PORT = 4566
# Customer Profiles' largest valid request decides it (see MAX_REQUEST_BYTES's
# reason); Cloud Control's requests are smaller (DesiredState is at most 262,144
# characters) and its own validator refuses longer ones.
MAX_BODY_BYTES = MAX_REQUEST_BYTES
CONTROL_PREFIX = "/_localcloud/"  # no AWS API path starts with "/_"
# The control routes take small JSON documents (guides/toolkit.md).
CONTROL_MAX_BODY_BYTES = 1024 * 1024
# How long the server waits for a client's next bytes (a request line, headers, the rest
# of a body) before it gives up on the request: a stalled client never holds a thread.
READ_TIMEOUT_SECONDS = 30.0
