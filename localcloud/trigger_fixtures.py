"""pytest fixtures for event triggers at run time (the plugin loads them).

* ``trigger_deliveries`` - what fired: ``fired()`` the trigger names in order,
  ``all()`` the delivery records (the outbound campaign request AWS sends),
  ``clear()``; both read the in-process service and the plugin's server
  (``local_endpoint``), which live in the test process;
* ``segment_membership`` - ``set(domain, segment, [profile ids])``: segment
  definitions are not emulated, so a test says who is in a segment;
* ``profile_intents`` - ``set(domain, profile id, {type: value})``: AWS generates a
  profile's intents (Predictive Intent) from its web activity; a test says what they are;
* ``customer_profiles_clock`` - the service's clock: ``set(datetime)``,
  ``advance(milliseconds=...)``, ``set_latency(ms)``; real time again after.

Against a server in another process, the same are ``ServerControl``'s
``deliveries``, ``set_segment``, ``set_intents`` and ``clock`` (``localcloud.server``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from localcloud.customer_profiles.clock import Clock

__all__ = [
    "ProfileIntents",
    "SegmentMembership",
    "TriggerDeliveries",
    "customer_profiles_clock",
    "profile_intents",
    "segment_membership",
    "trigger_deliveries",
]


class TriggerDeliveries:
    """The deliveries of every trigger that fired in this process, oldest first."""

    def all(self, domain: str | None = None, trigger: str | None = None) -> list[dict[str, Any]]:
        """Each firing's record: names, ``IntegrationUri`` and ``ProfileOutboundRequest``."""
        from localcloud.trigger_runtime import services

        found: list[dict[str, Any]] = []
        for service in services():
            found += service.deliveries(domain, trigger)
        return sorted(found, key=lambda item: item["FiredAt"])

    def fired(self, domain: str | None = None) -> list[str]:
        """The names of the triggers that fired, one per delivery, oldest first."""
        return [item["EventTriggerName"] for item in self.all(domain)]

    def requests(self, domain: str | None = None, trigger: str | None = None) -> list[Any]:
        """Only the ``ProfileOutboundRequest`` entries (clientToken, profileId, ...)."""
        return [item["ProfileOutboundRequest"] for item in self.all(domain, trigger)]

    def clear(self, domain: str | None = None) -> None:
        from localcloud.trigger_runtime import services

        for service in services():
            service.clear_deliveries(domain)


class SegmentMembership:
    """Who is in a segment (what a SegmentFilter names), for this process's service."""

    def set(
        self, domain: str, segment: str, profile_ids: list[str], region: str | None = None
    ) -> None:
        from localcloud.customer_profiles.exceptions import ResourceNotFoundException
        from localcloud.trigger_runtime import holding

        found = holding(domain, region)
        if not found:
            raise ResourceNotFoundException(f"Domain '{domain}' does not exist")
        for service in found:
            service.set_segment_members(domain, segment, list(profile_ids))

    def members(self, domain: str, region: str | None = None) -> dict[str, list[str]]:
        from localcloud.trigger_runtime import holding

        found = holding(domain, region)
        return found[0].segment_members(domain) if found else {}


class ProfileIntents:
    """A profile's intents (what an IntentFilterDefinition reads), for this process's service."""

    def set(
        self, domain: str, profile_id: str, intents: dict[str, str], region: str | None = None
    ) -> None:
        """The profile's intents from now on, e.g. ``{"PRICE_SENSITIVITY": "HIGH"}``."""
        from localcloud.customer_profiles.exceptions import ResourceNotFoundException
        from localcloud.trigger_runtime import holding

        found = holding(domain, region)
        if not found:
            raise ResourceNotFoundException(f"Domain '{domain}' does not exist")
        for service in found:
            service.set_profile_intents(domain, profile_id, dict(intents))

    def all(self, domain: str, region: str | None = None) -> dict[str, dict[str, str]]:
        from localcloud.trigger_runtime import holding

        found = holding(domain, region)
        return found[0].profile_intents(domain) if found else {}


@pytest.fixture
def trigger_deliveries() -> TriggerDeliveries:
    """The triggers that fired (in-process service and the plugin's server)."""
    return TriggerDeliveries()


@pytest.fixture
def segment_membership() -> SegmentMembership:
    """Set segment membership for SegmentFilter (in-process service and the plugin's server)."""
    return SegmentMembership()


@pytest.fixture
def profile_intents() -> ProfileIntents:
    """Set profiles' intents for IntentFilterDefinition (in-process service and the plugin's
    server)."""
    return ProfileIntents()


@pytest.fixture
def customer_profiles_clock() -> Iterator[Clock]:
    """The service's clock, to freeze, move, or delay processing by; real time again after."""
    from localcloud.customer_profiles.clock import clock

    clock.reset()
    yield clock
    clock.reset()
