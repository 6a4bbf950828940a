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
  trigger, stored nowhere: ``{"fired", "trace", "text"}``.

Bad input answers 400 and one line; a missing domain or trigger 404.
"""

from __future__ import annotations

import datetime
import json
from typing import Any
from urllib.parse import parse_qs

from localcloud.customer_profiles.backend import services
from localcloud.customer_profiles.clock import clock
from localcloud.customer_profiles.exceptions import CustomerProfilesError
from localcloud.customer_profiles.explain import render
from localcloud.customer_profiles.service import CustomerProfilesService

from .control import Environ, StartResponse, error_response, json_body, json_response

ROUTES = (
    "trigger-deliveries",
    "segment-membership",
    "profile-intents",
    "clock",
    "trigger-evaluations",
)


class _BadInput(ValueError):
    pass


class _NotFound(LookupError):
    pass


def _body(environ: Environ) -> dict[str, Any]:
    try:
        return json_body(environ)
    except ValueError as error:
        raise _BadInput(str(error)) from None


def _text(spec: dict[str, Any], name: str) -> str:
    value = spec.get(name)
    if not isinstance(value, str) or not value:
        raise _BadInput(f"'{name}' must be a non-empty string")
    return value


def _query(environ: Environ) -> dict[str, str]:
    parsed = parse_qs(environ.get("QUERY_STRING", ""))
    return {name: values[-1] for name, values in parsed.items()}


def _with_domain(domain: str, region: str | None) -> CustomerProfilesService:
    found = [
        service
        for service in services()
        if service.has_domain(domain) and region in (None, service.region)
    ]
    if not found:
        raise _NotFound(f"Domain '{domain}' does not exist")
    if len(found) > 1:
        raise _BadInput(f"domain '{domain}' exists in several regions: name one with 'region'")
    return found[0]


def _deliveries(environ: Environ) -> dict[str, Any]:
    query = _query(environ)
    domain, trigger = query.get("domain"), query.get("trigger")
    found = [item for service in services() for item in service.deliveries(domain, trigger)]
    if environ.get("REQUEST_METHOD") == "DELETE":
        for service in services():
            service.clear_deliveries(domain, trigger)
    return {"deliveries": found}


def _segments(environ: Environ) -> dict[str, Any]:
    if environ.get("REQUEST_METHOD") == "PUT":
        spec = _body(environ)
        domain, segment = _text(spec, "domain"), _text(spec, "segment")
        members = spec.get("profileIds", [])
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise _BadInput("'profileIds' must be a list of profile ids")
        service = _with_domain(domain, spec.get("region"))
        service.set_segment_members(domain, segment, members)
        return {"domain": domain, "segments": service.segment_members(domain)}
    named = _query(environ).get("domain")
    if not named:
        raise _BadInput("name the domain: ?domain=<DomainName>")
    service = _with_domain(named, _query(environ).get("region"))
    return {"domain": named, "segments": service.segment_members(named)}


def _intents(environ: Environ) -> dict[str, Any]:
    """A profile's intents (what AWS generates from web activity), as segments' members."""
    if environ.get("REQUEST_METHOD") == "PUT":
        spec = _body(environ)
        domain, profile = _text(spec, "domain"), _text(spec, "profileId")
        intents = spec.get("intents", {})
        if not isinstance(intents, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in intents.items()
        ):
            raise _BadInput("'intents' must map intent types to their values")
        service = _with_domain(domain, spec.get("region"))
        service.set_profile_intents(domain, profile, intents)
        return {"domain": domain, "intents": service.profile_intents(domain)}
    named = _query(environ).get("domain")
    if not named:
        raise _BadInput("name the domain: ?domain=<DomainName>")
    service = _with_domain(named, _query(environ).get("region"))
    return {"domain": named, "intents": service.profile_intents(named)}


def _number(spec: dict[str, Any], name: str) -> float:
    value = spec[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadInput(f"'{name}' must be a number of milliseconds")
    return float(value)


def _clock(environ: Environ) -> dict[str, Any]:
    method = environ.get("REQUEST_METHOD")
    if method == "DELETE":
        clock.reset()
    elif method == "PUT":
        spec = _body(environ)
        unknown = set(spec) - {"now", "advanceMs", "latencyMs"}
        if unknown or not spec:
            raise _BadInput("give 'now' (ISO 8601), 'advanceMs' and/or 'latencyMs'")
        if "latencyMs" in spec and _number(spec, "latencyMs") < 0:
            raise _BadInput("'latencyMs' must be 0 or more")
        when = None
        if "now" in spec:
            try:
                when = datetime.datetime.fromisoformat(_text(spec, "now"))
            except ValueError:
                raise _BadInput(f"'now' is not an ISO 8601 timestamp: {spec['now']!r}") from None
        advance = _number(spec, "advanceMs") if "advanceMs" in spec else None
        if when is not None:
            clock.set(when)
        if advance is not None:
            clock.advance(advance)
        if "latencyMs" in spec:
            clock.set_latency(_number(spec, "latencyMs"))
    return {"clock": clock.to_dict()}


def _evaluate(environ: Environ) -> dict[str, Any]:
    spec = _body(environ)
    domain, trigger = _text(spec, "domain"), _text(spec, "trigger")
    obj = spec.get("object")
    text = obj if isinstance(obj, str) else json.dumps(obj)
    if not isinstance(obj, str | dict):
        raise _BadInput("'object' must be the object, as JSON or as a JSON string")
    profile = spec.get("profileId")
    if profile is not None and not isinstance(profile, str):
        raise _BadInput("'profileId' must be a string")
    service = _with_domain(domain, spec.get("region"))
    trace = service.explain(domain, trigger, text, profile)
    return {"fired": trace.fired, "trace": trace.to_dict(), "text": render(trace)}


HANDLERS = {
    ("trigger-deliveries", "GET"): _deliveries,
    ("trigger-deliveries", "DELETE"): _deliveries,
    ("segment-membership", "GET"): _segments,
    ("segment-membership", "PUT"): _segments,
    ("profile-intents", "GET"): _intents,
    ("profile-intents", "PUT"): _intents,
    ("clock", "GET"): _clock,
    ("clock", "PUT"): _clock,
    ("clock", "DELETE"): _clock,
    ("trigger-evaluations", "POST"): _evaluate,
}


def trigger_control(environ: Environ, start_response: StartResponse, route: str) -> list[bytes]:
    """Answer one of ``ROUTES``."""
    handler = HANDLERS.get((route, environ.get("REQUEST_METHOD", "GET")))
    if handler is None:
        return error_response(
            start_response, "405 Method Not Allowed", "MethodNotAllowed", f"not a method of {route}"
        )
    try:
        return json_response(start_response, "200 OK", handler(environ))
    except _BadInput as error:
        return error_response(start_response, "400 Bad Request", "BadRequestException", str(error))
    except _NotFound as error:
        message = str(error.args[0])
        return error_response(start_response, "404 Not Found", "ResourceNotFoundException", message)
    except CustomerProfilesError as error:
        status = f"{error.status} {'Not Found' if error.status == 404 else 'Bad Request'}"
        return error_response(start_response, status, error.code, error.message)
