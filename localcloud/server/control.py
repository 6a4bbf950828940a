"""The control routes under ``/_localcloud/``: faults, call counts, reset, health.

* ``GET|POST|DELETE /_localcloud/faults`` - list, inject (JSON body
  ``{"operation", "fault", "count", "seconds", "message"}``), clear faults;
* ``GET|DELETE /_localcloud/calls`` - calls per operation, and reset them;
* ``POST /_localcloud/reset`` - forget all state, faults and calls;
* ``GET /_localcloud/health``;
* deliveries, segment membership, the clock, trigger evaluations and the
  profile of a stored object: ``trigger_routes``.

``ROUTES`` is the one table of them all, ``route -> method -> handler``; a
handler returns the JSON answer and raises ``json_http.BadInput`` or a
service's error. Every answer is JSON, errors in one envelope (``json_http``):
an unknown route 404, a method a route does not have 405, bad input 400.
``ServerControl`` (``client``) is the client for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from localcloud.core.exceptions import ServiceError
from localcloud.core.wire_errors import respond
from localcloud.customer_profiles import calls, faults, reset_calls
from localcloud.customer_profiles.clock import clock
from localcloud.moto_adapter.core import reset_backends

from . import trigger_routes
from .config import CONTROL_PREFIX
from .json_http import BadInput, Environ, StartResponse, json_body, json_response

log = logging.getLogger(__name__)
Handler = Callable[[Environ], Any]
Headers = Iterable[tuple[str, str]]


def _faults(environ: Environ) -> dict[str, Any]:
    if environ.get("REQUEST_METHOD") == "DELETE":
        faults.clear()
    return {"faults": [fault.to_dict() for fault in faults.pending()]}


def _inject(environ: Environ) -> dict[str, Any]:
    spec = json_body(environ)
    operation, kind, message = spec.get("operation"), spec.get("fault"), spec.get("message")
    if not isinstance(operation, str) or not isinstance(kind, str):
        raise BadInput("'operation' and 'fault' must be strings")
    if message is not None and not isinstance(message, str):
        raise BadInput("'message' must be a string")
    seconds = spec.get("seconds", 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise BadInput("'seconds' must be a number")
    try:
        fault = faults.inject(
            operation, kind, count=spec.get("count", 1), seconds=seconds, message=message
        )
    except ValueError as error:
        raise BadInput(str(error)) from None
    return {"fault": fault.to_dict()}


def _calls(environ: Environ) -> dict[str, Any]:
    if environ.get("REQUEST_METHOD") == "DELETE":
        reset_calls()
    return {"calls": dict(calls())}


def _reset(environ: Environ) -> dict[str, Any]:
    reset_backends()
    faults.reset()
    clock.reset()
    return {"reset": True}


def _health(environ: Environ) -> dict[str, Any]:
    return {"status": "ok"}


# The one route table: route -> method -> handler.
ROUTES: dict[str, dict[str, Handler]] = {
    "faults": {"GET": _faults, "POST": _inject, "DELETE": _faults},
    "calls": {"GET": _calls, "DELETE": _calls},
    "reset": {"POST": _reset},
    "health": {"GET": _health},
    **trigger_routes.ROUTES,
}
# What these answer is made: 201 Created; every other success is 200 OK.
CREATED = {("faults", "POST")}


def _status(code: int) -> str:
    return f"{code} {HTTPStatus(code).phrase}"


def control(environ: Environ, start_response: StartResponse, route: str) -> list[bytes]:
    """Answer the control route ``route`` (the path after the prefix); JSON, whatever happens."""
    method = environ.get("REQUEST_METHOD", "GET")

    def error(status: int, code: str, message: str, extra: Headers = ()) -> list[bytes]:
        line = " ".join(message.split())
        return respond(environ, start_response, _status(status), code, line, extra, "rest-json")

    methods = ROUTES.get(route)
    if methods is None:
        return error(404, "NotFoundException", f"No such control route: {CONTROL_PREFIX}{route}")
    handler = methods.get(method)
    if handler is None:
        allowed = ", ".join(sorted(methods))
        message = f"{CONTROL_PREFIX}{route} answers {allowed}, not {method}"
        return error(405, "MethodNotAllowed", message, [("Allow", allowed)])
    try:
        answer = handler(environ)
    except BadInput as problem:
        return error(400, "BadRequestException", str(problem))
    except ServiceError as problem:
        return error(problem.status, problem.code, problem.message)
    except Exception:
        log.exception("control route failed: %s %s%s", method, CONTROL_PREFIX, route)
        return error(500, "InternalServerException", "Internal error")
    status = _status(201 if (route, method) in CREATED else 200)
    return json_response(start_response, status, answer)
