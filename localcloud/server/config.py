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
