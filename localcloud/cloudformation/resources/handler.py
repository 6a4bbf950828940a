"""Invokes the resource type's Lambda entrypoint the way CloudFormation does.

Cloud Control's ``HandlerInvoker`` sends no stack (no system tags, no stack
tags), so CloudFormation's calls are built here, with ``handler_request``, from
the engine's ``ResourceRequest``: the stack id and logical id, the stack's tags
and CloudFormation's system tags, and on update the previous properties and
previous stack tags. The reply is read by
Cloud Control's reader, so a handler that raises or answers with something
that is not a ProgressEvent is a FAILED InternalFailure here too.

IN_PROGRESS is followed as CloudFormation does: the same request again with the
handler's callbackContext, after its callbackDelaySeconds (capped at
``MAX_DELAY_SECONDS`` offline), at most ``MAX_CALLBACKS`` times.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from localcloud.cloudcontrol.invoker import HandlerResult, default_entrypoint, read_reply
from localcloud.cloudformation.engine import ResourceFailure, ResourceRequest
from localcloud.handler_request import handler_request

MAX_CALLBACKS = 20
MAX_DELAY_SECONDS = 0.5


def invoke(action: str, request: ResourceRequest, properties: Mapping[str, Any]) -> HandlerResult:
    """The handler's final ProgressEvent for ``action``; ``ResourceFailure`` if FAILED.

    On UPDATE the request's previous properties and previous stack tags go with it."""
    updating = action == "UPDATE"
    token = str(uuid.uuid4())  # one client request token for the operation's callbacks
    callback_context: dict[str, Any] | None = None
    for _ in range(MAX_CALLBACKS + 1):
        event = handler_request(
            action,
            properties,
            previous_properties=request.previous_properties if updating else None,
            stack_tags=request.stack_tags,
            previous_stack_tags=request.previous_stack_tags if updating else None,
            system_tags=request.system_tags,
            region=request.region_name,
            account_id=request.account_id,
            logical_resource_id=request.logical_id,
            stack_name=request.stack_name,
            stack_id=request.stack_id,
            callback_context=callback_context,
            bearer_token=token,
        )
        try:
            result = read_reply(default_entrypoint()(event, None))
        except Exception as error:  # the entrypoint itself raised, as a Lambda error
            raise ResourceFailure(
                f"The {action} handler raised {type(error).__name__}", "InternalFailure"
            ) from error
        if result.status == "FAILED":
            raise ResourceFailure(result.message or "The handler failed", result.error_code)
        if result.status == "SUCCESS":
            return result
        callback_context = dict(result.callback_context or {})
        time.sleep(min(max(result.delay_seconds, 0.0), MAX_DELAY_SECONDS))
    raise ResourceFailure(
        f"The {action} handler was still IN_PROGRESS after {MAX_CALLBACKS} callbacks",
        "NotStabilized",
    )
