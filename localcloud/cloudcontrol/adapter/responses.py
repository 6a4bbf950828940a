"""moto's view of Cloud Control: every request goes to ``wire.handle``.

The region is the one in the SigV4 credential scope (moto's guess is used only
for an unsigned request). When the request came over loopback and nothing says
where Customer Profiles is, the handlers are pointed at this same server, so
the calls they make land in the same local service.
"""

from __future__ import annotations

import os
import re
from typing import Any

from moto.core.common_types import TYPE_RESPONSE
from moto.core.responses import BaseResponse

from localcloud.customer_profiles import ENDPOINT_ENV

from .. import wire
from .backend import cloudcontrol_backends

url_bases = [r"https?://cloudcontrolapi\.(.+)\.amazonaws\.com"]

_SCOPE = re.compile(r"Credential=[^/,]+/\d{8}/([^/,]+)/")
_LOOPBACK = re.compile(r"^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$")


def scope_region(authorization: str | None) -> str | None:
    """The region of a SigV4 Authorization header's credential scope."""
    match = _SCOPE.search(authorization or "")
    return match.group(1) if match else None


def point_handlers_at(host: str | None) -> None:
    """Sends handler calls to this server, unless an endpoint is already configured."""
    if host and _LOOPBACK.match(host):
        os.environ.setdefault(ENDPOINT_ENV, f"http://{host}")


class CloudControlResponse(BaseResponse):
    def __init__(self) -> None:
        super().__init__(service_name="cloudcontrol")

    def call_action(self) -> TYPE_RESPONSE:
        region = scope_region(self.headers.get("Authorization")) or self.region
        point_handlers_at(self.headers.get("Host"))
        backend = cloudcontrol_backends[self.current_account][region]
        status, headers, body = wire.handle(
            backend.service, self.headers.get("X-Amz-Target"), self.raw_body
        )
        return status, dict(headers), body.decode()


url_paths: dict[str, Any] = {"{0}/$": CloudControlResponse.dispatch}
