"""The payloads Lambda answers an Invoke with when the runtime, not the function, speaks.

A result is the function's return value as JSON (bytes as they are); the
errors are Lambda's: ``Sandbox.Timedout`` ("Task timed out after 3.00
seconds"), ``Runtime.ExitError`` ("Runtime exited with error: exit status 1",
or "signal: killed") and ``Runtime.MarshalError``.
"""

from __future__ import annotations

import json
import signal
from typing import Any

__all__ = ["exit_error", "marshal_error", "result_payload", "timeout_error"]


def result_payload(message: dict[str, Any]) -> bytes:
    """The payload of a ``result`` frame: JSON text, or the value written as JSON.

    Raises ``TypeError``/``ValueError`` for a value JSON cannot hold (a set, say).
    """
    if "json" in message:
        return str(message["json"]).encode()
    value = message.get("value")
    if isinstance(value, bytes):  # Lambda's Python runtime answers bytes as they are
        return value
    return json.dumps(value).encode()


def marshal_error(reason: str, request_id: str) -> dict[str, Any]:
    return {
        "errorMessage": f"Unable to marshal response: {reason}",
        "errorType": "Runtime.MarshalError",
        "requestId": request_id,
        "stackTrace": [],
    }


def timeout_error(request_id: str, timeout: float) -> dict[str, Any]:
    return {
        "errorType": "Sandbox.Timedout",
        "errorMessage": f"RequestId: {request_id} Error: "
        f"Task timed out after {timeout:.2f} seconds",
    }


def _how_it_ended(status: int | None) -> str:
    if status is None:
        return "exit status unknown"
    if status >= 0:
        return f"exit status {status}"
    try:
        name = signal.strsignal(-status) or f"signal {-status}"
    except ValueError:
        name = f"signal {-status}"
    return f"signal: {name.lower()}"


def exit_error(request_id: str, status: int | None) -> dict[str, Any]:
    return {
        "errorType": "Runtime.ExitError",
        "errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: "
        f"{_how_it_ended(status)}",
    }
