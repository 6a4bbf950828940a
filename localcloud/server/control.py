"""The control routes under ``/_localcloud/``: faults, call counts, reset, health.

* ``GET|POST|DELETE /_localcloud/faults`` - list, inject (JSON body
  ``{"operation", "fault", "count", "seconds", "message"}``), clear faults;
* ``GET|DELETE /_localcloud/calls`` - calls per operation, and reset them;
* ``POST /_localcloud/reset`` - forget all state, faults and calls;
* ``GET /_localcloud/health``;
* deliveries, segment membership, the clock and trigger evaluations:
  ``trigger_routes``.

``ServerControl`` (``client``) is the client for them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from localcloud.customer_profiles import calls, faults, reset_calls
from localcloud.customer_profiles.clock import clock
from localcloud.moto_adapter.core import reset_backends

from .config import MAX_BODY_BYTES

StartResponse = Callable[..., Any]
Environ = dict[str, Any]


def json_response(
    start_response: StartResponse, status: str, body: Any, extra: Iterable[Any] = ()
) -> list[bytes]:
    data = json.dumps(body).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data))), *extra]
    start_response(status, headers)
    return [data]


def error_response(
    start_response: StartResponse, status: str, code: str, message: str
) -> list[bytes]:
    """An error in the rest-json form botocore reads (code in X-Amzn-Errortype)."""
    body = {"__type": code, "Message": message}
    return json_response(start_response, status, body, [("X-Amzn-Errortype", code)])


def json_body(environ: Environ) -> dict[str, Any]:
    """A control route's JSON object body (``{}`` when empty); ValueError naming what is wrong."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise ValueError("Content-Length is not a number") from None
    if length > MAX_BODY_BYTES:
        raise ValueError("body too large")
    try:
        found = json.loads(environ["wsgi.input"].read(length) or b"{}")
    except ValueError as error:
        raise ValueError(f"the body is not JSON: {error}") from None
    if not isinstance(found, dict):
        raise ValueError("the body must be a JSON object")
    return found


def _inject(environ: Environ, start_response: StartResponse) -> list[bytes]:
    try:
        spec = json_body(environ)
        fault = faults.inject(
            str(spec.get("operation", "")),
            str(spec.get("fault", "")),
            count=spec.get("count", 1),
            seconds=float(spec.get("seconds", 0.0)),
            message=spec.get("message"),
        )
    except (ValueError, TypeError) as error:
        return error_response(start_response, "400 Bad Request", "BadRequestException", str(error))
    return json_response(start_response, "201 Created", {"fault": fault.to_dict()})


def control(environ: Environ, start_response: StartResponse, route: str) -> list[bytes]:
    """Answer the control route ``route`` (the path after the prefix)."""
    method = environ.get("REQUEST_METHOD", "GET")
    if route == "faults" and method == "GET":
        pending = [f.to_dict() for f in faults.pending()]
        return json_response(start_response, "200 OK", {"faults": pending})
    if route == "faults" and method == "POST":
        return _inject(environ, start_response)
    if route == "faults" and method == "DELETE":
        faults.clear()
        return json_response(start_response, "200 OK", {"faults": []})
    if route == "calls" and method in ("GET", "DELETE"):
        if method == "DELETE":
            reset_calls()
        return json_response(start_response, "200 OK", {"calls": dict(calls())})
    if route == "reset" and method == "POST":
        reset_backends()
        faults.reset()
        clock.reset()
        return json_response(start_response, "200 OK", {"reset": True})
    from .trigger_routes import ROUTES, trigger_control

    if route in ROUTES:
        return trigger_control(environ, start_response, route)
    if route == "health" and method == "GET":
        return json_response(start_response, "200 OK", {"status": "ok"})
    return error_response(
        start_response, "404 Not Found", "NotFoundException", "No such control route"
    )
