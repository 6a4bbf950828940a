"""``ServerControl``: the client for a running server's ``/_localcloud/`` routes."""

from __future__ import annotations

import json
import urllib.parse
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

    # -- event triggers at run time (``trigger_routes``) ----------------------

    def deliveries(self, domain: str | None = None, trigger: str | None = None) -> list[Any]:
        """Every firing so far, oldest first; of one domain and one trigger if given."""
        return list(
            self._call("GET", "trigger-deliveries" + _filters(domain, trigger))["deliveries"]
        )

    def clear_deliveries(self, domain: str | None = None, trigger: str | None = None) -> None:
        self._call("DELETE", "trigger-deliveries" + _filters(domain, trigger))

    def set_segment(
        self, domain: str, segment: str, profile_ids: list[str], region: str | None = None
    ) -> dict[str, list[str]]:
        body = {"domain": domain, "segment": segment, "profileIds": profile_ids}
        if region is not None:
            body["region"] = region
        return dict(self._call("PUT", "segment-membership", body)["segments"])

    def segments(self, domain: str) -> dict[str, list[str]]:
        return dict(self._call("GET", "segment-membership" + _filters(domain, None))["segments"])

    def set_intents(
        self, domain: str, profile_id: str, intents: dict[str, str], region: str | None = None
    ) -> dict[str, dict[str, str]]:
        """The profile's intents (type -> value) from now on; every profile's, after."""
        body: dict[str, Any] = {"domain": domain, "profileId": profile_id, "intents": intents}
        if region is not None:
            body["region"] = region
        return dict(self._call("PUT", "profile-intents", body)["intents"])

    def intents(self, domain: str) -> dict[str, dict[str, str]]:
        return dict(self._call("GET", "profile-intents" + _filters(domain, None))["intents"])

    def clock(self, **changes: Any) -> dict[str, Any]:
        """The clock; ``now=`` (ISO 8601), ``advanceMs=``, ``latencyMs=`` move it first."""
        if not changes:
            return dict(self._call("GET", "clock")["clock"])
        return dict(self._call("PUT", "clock", changes)["clock"])

    def reset_clock(self) -> None:
        self._call("DELETE", "clock")

    def evaluate(
        self, domain: str, trigger: str, obj: Any, profile_id: str | None = None
    ) -> dict[str, Any]:
        """``{"fired", "trace", "text"}``: what ingesting ``obj`` would do with the trigger."""
        body = {"domain": domain, "trigger": trigger, "object": obj}
        if profile_id is not None:
            body["profileId"] = profile_id
        return dict(self._call("POST", "trigger-evaluations", body))

    def profile_of(
        self, domain: str, object_type: str, unique_key: str, region: str | None = None
    ) -> str:
        """The profile the stored object (its ``ProfileObjectUniqueKey``) is on."""
        names = {"domain": domain, "objectType": object_type, "uniqueKey": unique_key}
        query = urllib.parse.urlencode({**names, **({"region": region} if region else {})})
        return str(self._call("GET", f"profile-objects?{query}")["profileId"])


def _filters(domain: str | None, trigger: str | None) -> str:
    query = urllib.parse.urlencode(
        {name: value for name, value in (("domain", domain), ("trigger", trigger)) if value}
    )
    return f"?{query}" if query else ""
