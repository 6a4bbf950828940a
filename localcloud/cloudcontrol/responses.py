"""moto's view of Cloud Control: every request goes to ``protocol.handle``.

The region is the one in the SigV4 credential scope (moto's guess is used only
for an unsigned request). The server points the handlers' Customer Profiles
calls at itself (``localcloud.server``), so they land in the same local service.
"""

from __future__ import annotations

import re

from localcloud.moto_adapter.core import TYPE_RESPONSE, BaseResponse

from . import protocol
from .backend import cloudcontrol_backends

_SCOPE = re.compile(r"Credential=[^/,]+/\d{8}/([^/,]+)/")


def scope_region(authorization: str | None) -> str | None:
    """The region of a SigV4 Authorization header's credential scope."""
    match = _SCOPE.search(authorization or "")
    return match.group(1) if match else None


class CloudControlResponse(BaseResponse):
    def __init__(self) -> None:
        super().__init__(service_name="cloudcontrol")

    def call_action(self) -> TYPE_RESPONSE:
        region = scope_region(self.headers.get("Authorization")) or self.region
        backend = cloudcontrol_backends[self.current_account][region]
        status, headers, body = protocol.handle(
            backend.service, self.headers.get("X-Amz-Target"), self.raw_body
        )
        return status, dict(headers), body.decode()
