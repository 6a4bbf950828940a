"""Calls the resource type's Lambda entrypoint the way Cloud Control does.

The event is the HandlerRequest built by ``localcloud.handler_request``, with
offline credentials that include a session token, the caller's region and
account, and no stack: Cloud Control sends no CloudFormation system tags. The
reply is read defensively: an entrypoint that raises or answers with something
that is not a ProgressEvent becomes FAILED InternalFailure, never an exception
in the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from localcloud.handler_request import ACCOUNT_ID, handler_request

LOG = logging.getLogger(__name__)

Entrypoint = Callable[[dict[str, Any], Any], Mapping[str, Any]]
STATUSES = ("SUCCESS", "FAILED", "IN_PROGRESS")


@dataclass(frozen=True)
class HandlerResult:
    """The parts of a handler's ProgressEvent that Cloud Control acts on."""

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


class HandlerInvoker:
    """Invokes one entrypoint for one region and account."""

    def __init__(
        self,
        entrypoint: Entrypoint | None = None,
        *,
        region: str = "us-east-1",
        account_id: str = ACCOUNT_ID,
    ) -> None:
        self._entrypoint = entrypoint
        self.region = region
        self.account_id = account_id

    def __call__(
        self,
        action: str,
        properties: Mapping[str, Any],
        *,
        previous: Mapping[str, Any] | None = None,
        callback_context: Mapping[str, Any] | None = None,
        next_token: str | None = None,
        request_token: str | None = None,
    ) -> HandlerResult:
        event = handler_request(
            action,
            properties,
            previous_properties=previous,
            system_tags={},
            region=self.region,
            account_id=self.account_id,
            callback_context=callback_context,
            next_token=next_token,
            bearer_token=request_token,
        )
        try:
            entrypoint = self._entrypoint or default_entrypoint()
            reply = entrypoint(event, None)
        except Exception as error:
            LOG.exception("The %s handler raised", action)
            return HandlerResult.failure(f"The {action} handler raised {type(error).__name__}")
        return read_reply(reply)
