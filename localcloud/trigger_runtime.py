"""Event triggers at run time, in this process's local Customer Profiles service.

The server's control routes (``localcloud.server.trigger_routes``), the pytest
fixtures (``localcloud.trigger_fixtures``) and ``triggers evaluate
--template-file`` (``localcloud.triggers_cli``) all reach the service here:
the services that hold a domain, and what ingesting an object would do with
a trigger (``evaluation``), stored nowhere.
"""

from __future__ import annotations

from typing import Any

from localcloud.customer_profiles.backend import services as all_services
from localcloud.customer_profiles.exceptions import (
    BadRequestException,
    ResourceNotFoundException,
)
from localcloud.customer_profiles.explain import render
from localcloud.customer_profiles.service import CustomerProfilesService


def services(region: str | None = None) -> list[CustomerProfilesService]:
    """The service of every account and region used so far (of ``region`` if given)."""
    return [service for service in all_services() if region in (None, service.region)]


def holding(domain: str, region: str | None = None) -> list[CustomerProfilesService]:
    """The services that have ``domain`` (in ``region`` if given)."""
    return [service for service in services(region) if service.has_domain(domain)]


def with_domain(domain: str, region: str | None = None) -> CustomerProfilesService:
    """The one service that has ``domain``; not found, or a bad request when several do."""
    found = holding(domain, region)
    if not found:
        raise ResourceNotFoundException(f"Domain '{domain}' does not exist")
    if len(found) > 1:
        raise BadRequestException(
            f"domain '{domain}' exists in several regions: name one with 'region'"
        )
    return found[0]


def evaluation(
    domain: str,
    trigger: str,
    text: str,
    profile_id: str | None = None,
    region: str | None = None,
) -> dict[str, Any]:
    """``{"fired", "trace", "text"}``: what ingesting ``text`` now would do with ``trigger``."""
    trace = with_domain(domain, region).explain(domain, trigger, text, profile_id)
    return {"fired": trace.fired, "trace": trace.to_dict(), "text": render(trace)}
