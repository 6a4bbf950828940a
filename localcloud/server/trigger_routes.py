"""The control routes of event triggers at run time, under ``/_localcloud/``.

* ``GET /_localcloud/trigger-deliveries[?domain=D&trigger=T]`` - every firing so
  far, oldest first, as the outbound campaign request AWS sends
  (``{"deliveries": [...]}``); ``DELETE`` forgets them (same filters);
* ``GET /_localcloud/segment-membership?domain=D`` - the segments' members;
  ``PUT`` with ``{"domain", "segment", "profileIds": [...]}`` (and ``"region"``
  where several regions have the domain) sets one segment's members;
* ``GET /_localcloud/profile-intents?domain=D`` - the profiles' intents (Predictive
  Intent, for an IntentFilterDefinition); ``PUT`` with ``{"domain", "profileId",
  "intents": {"PRICE_SENSITIVITY": "HIGH", ...}}`` (and ``"region"``) sets one
  profile's, replacing what it had;
* ``GET /_localcloud/clock`` - the service's clock; ``PUT`` with ``{"now":
  ISO 8601}``, ``{"advanceMs": n}`` and/or ``{"latencyMs": n}`` moves it;
  ``DELETE`` goes back to real time (so does ``POST /_localcloud/reset``);
* ``POST /_localcloud/trigger-evaluations`` with ``{"domain", "trigger",
  "object", "profileId"?}`` - what ingesting ``object`` would do with the
  trigger, stored nowhere: ``{"fired", "trace", "text"}``;
* ``GET /_localcloud/profile-objects?domain=D&objectType=T&uniqueKey=K`` - the
  profile a stored object is on: ``{"profileId"}``.

``ROUTES`` is their part of the one route table (``control``). Bad input
answers 400 and one line; a missing domain, trigger or object 404.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from localcloud import trigger_runtime
from localcloud.core import json_text
from localcloud.customer_profiles.clock import check_instant, check_latency, clock

from .json_http import BadInput, Environ, json_body, number, query, text


def _region(spec: dict[str, Any]) -> str | None:
    region = spec.get("region")
    if region is not None and not isinstance(region, str):
        raise BadInput("'region' must be a string")
    return region


def _deliveries(environ: Environ) -> dict[str, Any]:
    filters = query(environ)
    domain, trigger = filters.get("domain"), filters.get("trigger")
    services = trigger_runtime.services()
    found = [item for service in services for item in service.deliveries(domain, trigger)]
    if environ.get("REQUEST_METHOD") == "DELETE":
        for service in services:
            service.clear_deliveries(domain, trigger)
    return {"deliveries": found}


def _segments(environ: Environ) -> dict[str, Any]:
    if environ.get("REQUEST_METHOD") == "PUT":
        spec = json_body(environ)
        domain, segment = text(spec, "domain"), text(spec, "segment")
        members = spec.get("profileIds", [])
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise BadInput("'profileIds' must be a list of profile ids")
        service = trigger_runtime.with_domain(domain, _region(spec))
        service.set_segment_members(domain, segment, members)
        return {"domain": domain, "segments": service.segment_members(domain)}
    filters = query(environ)
    named = filters.get("domain")
    if not named:
        raise BadInput("name the domain: ?domain=<DomainName>")
    service = trigger_runtime.with_domain(named, filters.get("region"))
    return {"domain": named, "segments": service.segment_members(named)}


def _intents(environ: Environ) -> dict[str, Any]:
    """A profile's intents (what AWS generates from web activity), as segments' members."""
    if environ.get("REQUEST_METHOD") == "PUT":
        spec = json_body(environ)
        domain, profile = text(spec, "domain"), text(spec, "profileId")
        intents = spec.get("intents", {})
        if not isinstance(intents, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in intents.items()
        ):
            raise BadInput("'intents' must map intent types to their values")
        service = trigger_runtime.with_domain(domain, _region(spec))
        service.set_profile_intents(domain, profile, intents)
        return {"domain": domain, "intents": service.profile_intents(domain)}
    filters = query(environ)
    named = filters.get("domain")
    if not named:
        raise BadInput("name the domain: ?domain=<DomainName>")
    service = trigger_runtime.with_domain(named, filters.get("region"))
    return {"domain": named, "intents": service.profile_intents(named)}


def _clock(environ: Environ) -> dict[str, Any]:
    method = environ.get("REQUEST_METHOD")
    if method == "DELETE":
        clock.reset()
    elif method == "PUT":
        _move_clock(json_body(environ))
    return {"clock": clock.to_dict()}


def _move_clock(spec: dict[str, Any]) -> None:
    """Checks every change before making any, so a refused request changes nothing."""
    unknown = set(spec) - {"now", "advanceMs", "latencyMs"}
    if unknown or not spec:
        raise BadInput("give 'now' (ISO 8601), 'advanceMs' and/or 'latencyMs'")
    when = None
    if "now" in spec:
        try:
            when = datetime.datetime.fromisoformat(text(spec, "now"))
        except ValueError:
            raise BadInput(f"'now' is not an ISO 8601 timestamp: {spec['now']!r}") from None
    advance = number(spec, "advanceMs", "milliseconds") if "advanceMs" in spec else 0.0
    latency = number(spec, "latencyMs", "milliseconds") if "latencyMs" in spec else None
    try:
        if latency is not None:
            check_latency(latency)
        if when is not None:
            check_instant(when)
        check_instant((when or clock.now()) + datetime.timedelta(milliseconds=advance))
    except OverflowError:
        raise BadInput(f"'advanceMs' moves the clock out of its range: {advance:g}") from None
    except ValueError as error:
        raise BadInput(str(error)) from None
    if when is not None:
        clock.set(when)
    if advance:
        clock.advance(advance)
    if latency is not None:
        clock.set_latency(latency)


def _evaluate(environ: Environ) -> dict[str, Any]:
    spec = json_body(environ)
    domain, trigger = text(spec, "domain"), text(spec, "trigger")
    obj = spec.get("object")
    if not isinstance(obj, str | dict):
        raise BadInput("'object' must be the object, as JSON or as a JSON string")
    profile = spec.get("profileId")
    if profile is not None and not isinstance(profile, str):
        raise BadInput("'profileId' must be a string")
    if isinstance(obj, str):  # checked before any domain is looked up: bad input is a 400
        try:
            json_text.loads(obj, "'object'")
        except ValueError as error:
            raise BadInput(str(error)) from None
    document = obj if isinstance(obj, str) else json.dumps(obj)
    return trigger_runtime.evaluation(domain, trigger, document, profile, _region(spec))


def _profile_object(environ: Environ) -> dict[str, Any]:
    filters = query(environ)
    names = ("domain", "objectType", "uniqueKey")
    missing = [name for name in names if not filters.get(name)]
    if missing:
        raise BadInput(f"name the object: ?{'&'.join(f'{n}=...' for n in names)}")
    domain, object_type, unique_key = (filters[name] for name in names)
    service = trigger_runtime.with_domain(domain, filters.get("region"))
    found = service.profile_object(domain, object_type, unique_key)
    return {"profileId": found.profile_id}


ROUTES = {
    "trigger-deliveries": {"GET": _deliveries, "DELETE": _deliveries},
    "segment-membership": {"GET": _segments, "PUT": _segments},
    "profile-intents": {"GET": _intents, "PUT": _intents},
    "clock": {"GET": _clock, "PUT": _clock, "DELETE": _clock},
    "trigger-evaluations": {"POST": _evaluate},
    "profile-objects": {"GET": _profile_object},
}
