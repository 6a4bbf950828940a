"""ProgressEvent out: one invocation of a handler's entrypoint, and its reply as read.

An entrypoint is any callable taking the Lambda ``(event, context)`` pair. It is
invoked defensively: one that raises, or answers with something that is not a
ProgressEvent, is a FAILED InternalFailure here, never an exception in the
caller. The entrypoint gets its own copy of the event, as over the wire.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["STATUSES", "Entrypoint", "HandlerResult", "default_entrypoint", "invoke", "read_reply"]

LOG = logging.getLogger(__name__)

Entrypoint = Callable[[dict[str, Any], Any], Any]
STATUSES = ("SUCCESS", "FAILED", "IN_PROGRESS")


@dataclass(frozen=True)
class HandlerResult:
    """The parts of a handler's ProgressEvent that its callers act on."""

    status: str
    error_code: str | None = None
    message: str | None = None
    model: dict[str, Any] | None = None
    models: tuple[dict[str, Any], ...] = ()
    next_token: str | None = None
    callback_context: dict[str, Any] | None = None
    delay_seconds: float = 0.0

    @classmethod
    def failure(cls, message: str, code: str = "InternalFailure") -> HandlerResult:
        return cls(status="FAILED", error_code=code, message=message)


def default_entrypoint() -> Entrypoint:
    """The project's real Lambda entrypoint, imported only when first needed."""
    from aws_customerprofiles_eventtrigger.handlers import resource

    return resource


def read_reply(reply: Any) -> HandlerResult:
    """The ProgressEvent ``reply`` as a ``HandlerResult``; FAILED InternalFailure if it is none."""
    if not isinstance(reply, Mapping) or reply.get("status") not in STATUSES:
        return HandlerResult.failure("The handler returned a response that is not a ProgressEvent")
    models = reply.get("resourceModels") or ()
    model = reply.get("resourceModel")
    context = reply.get("callbackContext")
    delay = reply.get("callbackDelaySeconds") or 0
    if (
        not all(isinstance(item, Mapping) for item in models)
        or not isinstance(model, Mapping | None)
        or not isinstance(context, Mapping | None)
        or not isinstance(delay, int | float)
    ):
        return HandlerResult.failure("The handler returned a malformed ProgressEvent")
    error_code = reply.get("errorCode")
    if reply["status"] == "FAILED" and not error_code:
        error_code = "InternalFailure"
    return HandlerResult(
        status=reply["status"],
        error_code=str(error_code) if error_code else None,
        message=str(reply["message"]) if reply.get("message") else None,
        model=dict(model) if model is not None else None,
        models=tuple(dict(item) for item in models),
        next_token=str(reply["nextToken"]) if reply.get("nextToken") else None,
        callback_context=dict(context) if context is not None else None,
        delay_seconds=float(delay),
    )


def invoke(entrypoint: Entrypoint | None, event: Mapping[str, Any]) -> HandlerResult:
    """One invocation of ``entrypoint`` (the project's own when None) with ``event``, read."""
    action = event.get("action")
    try:
        reply = (entrypoint or default_entrypoint())(copy.deepcopy(dict(event)), None)
    except Exception as error:
        LOG.exception("The %s handler raised", action)
        return HandlerResult.failure(f"The {action} handler raised {type(error).__name__}")
    return read_reply(reply)
