"""HandlerRequest in: the event CloudFormation (or Cloud Control) sends a resource type's handler.

The wire shape of one invocation (protocol 2.0.0), as the handler's Lambda
entrypoint receives it. Without a ``stack_id`` a new stack ARN is made from
``stack_name``; without ``system_tags`` CloudFormation's three
``aws:cloudformation:*`` tags are sent (Cloud Control passes ``{}``: it sends none).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.core.arns import arn
from localcloud.core.offline import ACCOUNT_ID, FAKE_CREDENTIALS

__all__ = ["handler_request"]


def handler_request(
    action: str,
    properties: Mapping[str, Any] | None,
    *,
    previous_properties: Mapping[str, Any] | None = None,
    stack_tags: Mapping[str, str] | None = None,
    previous_stack_tags: Mapping[str, str] | None = None,
    system_tags: Mapping[str, str] | None = None,
    region: str = "us-east-1",
    account_id: str = ACCOUNT_ID,
    credentials: Mapping[str, str] | None = None,
    logical_resource_id: str = "EventTrigger",
    stack_name: str = "event-trigger-stack",
    callback_context: Mapping[str, Any] | None = None,
    next_token: str | None = None,
    bearer_token: str | None = None,
    stack_id: str | None = None,
    type_name: str = TYPE_NAME,
) -> dict[str, Any]:
    """The event CloudFormation (or Cloud Control) sends for ``action``.

    ``stack_id`` is the stack's ARN; without one, a new one is made from ``stack_name``.
    """
    stack_id = stack_id or arn(
        "cloudformation", region, account_id, f"stack/{stack_name}/{uuid.uuid4()}"
    )
    if system_tags is None:
        system_tags = {
            "aws:cloudformation:stack-name": stack_name,
            "aws:cloudformation:stack-id": stack_id,
            "aws:cloudformation:logical-id": logical_resource_id,
        }
    request_data: dict[str, Any] = {
        "callerCredentials": dict(credentials or FAKE_CREDENTIALS),
        "providerCredentials": dict(credentials or FAKE_CREDENTIALS),
        "logicalResourceId": logical_resource_id,
        "resourceProperties": dict(properties or {}),
        "systemTags": dict(system_tags),
        "stackTags": dict(stack_tags or {}),
    }
    if previous_properties is not None:
        request_data["previousResourceProperties"] = dict(previous_properties)
        request_data["previousStackTags"] = dict(previous_stack_tags or stack_tags or {})
        request_data["previousSystemTags"] = dict(system_tags)
    return {
        "awsAccountId": account_id,
        "bearerToken": bearer_token or str(uuid.uuid4()),
        "region": region,
        "action": action,
        "responseEndpoint": None,
        "resourceType": type_name,
        "resourceTypeVersion": "00000001",
        "requestData": request_data,
        "stackId": stack_id,
        "callbackContext": dict(callback_context) if callback_context else None,
        "nextToken": next_token,
    }
