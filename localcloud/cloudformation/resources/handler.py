"""Invokes the resource type's Lambda entrypoint the way CloudFormation does.

Cloud Control's ``HandlerInvoker`` sends no stack (no system tags, no stack
tags), so CloudFormation's calls are built here, with ``handler_request``: the
stack id and logical id, the stack's tags and CloudFormation's system tags, and
on update the previous properties and previous stack tags. The reply is read by
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
from localcloud.handler_request import handler_request

from .errors import ResourceFailed
from .stack import StackContext

MAX_CALLBACKS = 20
MAX_DELAY_SECONDS = 0.5


def invoke(
    action: str,
    context: StackContext,
    properties: Mapping[str, Any],
    *,
    previous_properties: Mapping[str, Any] | None = None,
    previous_stack_tags: Mapping[str, str] | None = None,
) -> HandlerResult:
    """The handler's final ProgressEvent for ``action``; ``ResourceFailed`` if FAILED."""
    token = str(uuid.uuid4())  # one client request token for the operation's callbacks
    callback_context: dict[str, Any] | None = None
    for _ in range(MAX_CALLBACKS + 1):
        event = handler_request(
            action,
            properties,
            previous_properties=previous_properties,
            stack_tags=context.stack_tags,
            previous_stack_tags=previous_stack_tags,
            system_tags=context.system_tags,
            region=context.region,
            account_id=context.account_id,
            logical_resource_id=context.logical_id,
            stack_name=context.stack_name,
            stack_id=context.stack_id,
            callback_context=callback_context,
            bearer_token=token,
        )
        try:
            result = read_reply(default_entrypoint()(event, None))
        except Exception as error:  # the entrypoint itself raised, as a Lambda error
            raise ResourceFailed(
                f"The {action} handler raised {type(error).__name__}", "InternalFailure"
            ) from error
        if result.status == "FAILED":
            raise ResourceFailed(result.message or "The handler failed", result.error_code)
        if result.status == "SUCCESS":
            return result
        callback_context = dict(result.callback_context or {})
        time.sleep(min(max(result.delay_seconds, 0.0), MAX_DELAY_SECONDS))
    raise ResourceFailed(
        f"The {action} handler was still IN_PROGRESS after {MAX_CALLBACKS} callbacks",
        "NotStabilized",
    )
