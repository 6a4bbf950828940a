"""Invokes the resource type's Lambda entrypoint the way CloudFormation does.

The HandlerRequest is built (``localcloud.registry_handler.handler_request``)
from the engine's ``ResourceRequest``: the stack id and logical id, the stack's
tags and CloudFormation's system tags, and on update the previous properties and
previous stack tags. The registry contract runs it to the end
(``localcloud.registry_handler.drive``): a handler that raises or answers with
something that is not a ProgressEvent is a FAILED InternalFailure; IN_PROGRESS
is followed as CloudFormation does, with the handler's callbackContext and the
model it returned, after its callbackDelaySeconds, within ``CALLBACKS``
(capped delays and a bounded count, offline).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from localcloud.cloudformation.engine import ResourceFailure, ResourceRequest
from localcloud.registry_handler import OFFLINE, HandlerResult, drive, handler_request

CALLBACKS = OFFLINE


def stack_request(
    action: str, request: ResourceRequest, properties: Mapping[str, Any]
) -> dict[str, Any]:
    """The HandlerRequest CloudFormation sends for ``action`` on ``request``'s resource.

    On UPDATE the request's previous properties and previous stack tags go with it."""
    updating = action == "UPDATE"
    return handler_request(
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
        bearer_token=str(uuid.uuid4()),  # one client request token for the operation's callbacks
    )


def invoke(action: str, request: ResourceRequest, properties: Mapping[str, Any]) -> HandlerResult:
    """The handler's final ProgressEvent for ``action``; ``ResourceFailure`` if FAILED."""
    result = drive(None, stack_request(action, request, properties), policy=CALLBACKS)
    if result.status == "FAILED":
        raise ResourceFailure(result.message or "The handler failed", result.error_code)
    return result
