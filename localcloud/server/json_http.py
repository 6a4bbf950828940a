"""JSON over WSGI for the control routes: replies, request bodies and queries.

Every control route answers JSON. A route handler raises ``BadInput`` (400),
or a service's error (``localcloud.core.exceptions.ServiceError``) with its
own status, and ``control`` answers it in the one error envelope, rest-json's
(``localcloud.core.wire_errors``): ``{"__type": code, "Message": one line}``
with the code in ``X-Amzn-Errortype``.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from localcloud.core.validation import load_json_body

from .config import CONTROL_MAX_BODY_BYTES

StartResponse = Callable[..., Any]
Environ = dict[str, Any]


class BadInput(ValueError):
    """The request is wrong; the message says how, in one line (400)."""


def json_response(start_response: StartResponse, status: str, body: Any) -> list[bytes]:
    data = json.dumps(body).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    start_response(status, headers)
    return [data]


def json_body(environ: Environ) -> dict[str, Any]:
    """The request's JSON object body (``{}`` when empty); ``BadInput`` naming what is wrong."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BadInput("Content-Length is not a number") from None
    if not 0 <= length <= CONTROL_MAX_BODY_BYTES:
        raise BadInput(f"the body must be at most {CONTROL_MAX_BODY_BYTES} bytes")
    try:
        return load_json_body(environ["wsgi.input"].read(length))
    except ValueError as error:
        raise BadInput(str(error)) from None


def query(environ: Environ) -> dict[str, str]:
    """The query string's arguments, the last of each name."""
    parsed = parse_qs(environ.get("QUERY_STRING", ""))
    return {name: values[-1] for name, values in parsed.items()}


def text(spec: dict[str, Any], name: str) -> str:
    """The member ``name``, a non-empty string."""
    value = spec.get(name)
    if not isinstance(value, str) or not value:
        raise BadInput(f"'{name}' must be a non-empty string")
    return value


def number(spec: dict[str, Any], name: str, unit: str = "") -> float:
    """The member ``name``, a finite number (``unit`` names it in the error)."""
    value = spec.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        with contextlib.suppress(OverflowError):  # an integer too large for a float
            if math.isfinite(value):
                return float(value)
    raise BadInput(f"'{name}' must be a number{f' of {unit}' if unit else ''}")
