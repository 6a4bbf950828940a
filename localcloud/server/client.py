"""``ServerControl``: the client for a running server's ``/_localcloud/`` routes."""

from __future__ import annotations

import json
import urllib.request
from typing import TYPE_CHECKING, Any, Unpack

from .config import CONTROL_PREFIX

if TYPE_CHECKING:
    from localcloud.customer_profiles.faults import FaultOptions


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

    def inject(self, operation: str, fault: str, **options: Unpack[FaultOptions]) -> dict[str, Any]:
        body = {"operation": operation, "fault": fault, **options}
        return dict(self._call("POST", "faults", body)["fault"])

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
