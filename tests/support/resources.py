"""Calling a resource type as moto's engine does, for the resource type tests.

``create`` and ``update`` run inside the engine's ``ResourceRequest`` for a
stack ``direct``, as the engine sets it: the stack tags and system tags, and
on update the previous properties and stack tags.
"""

from __future__ import annotations

from typing import Any

from localcloud.cloudformation.engine import ResourceRequest
from localcloud.cloudformation.engine.context import resource_request
from tests.support.samples import CONDITIONS

ACCOUNT, REGION = "123456789012", "us-east-1"
STACK_NAME = "direct"
STACK_ID = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{STACK_NAME}/0f3c1d2e"
URI = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"


def request(
    action: str,
    type_name: str,
    logical_id: str,
    properties: dict[str, Any],
    stack_tags: dict[str, str] | None = None,
    previous: Any = None,
) -> ResourceRequest:
    return ResourceRequest(
        action=action,
        stack_id=STACK_ID,
        stack_name=STACK_NAME,
        logical_id=logical_id,
        resource_type=type_name,
        account_id=ACCOUNT,
        region_name=REGION,
        properties=properties,
        stack_tags=dict(stack_tags or {}),
        system_tags={
            "aws:cloudformation:stack-name": STACK_NAME,
            "aws:cloudformation:stack-id": STACK_ID,
            "aws:cloudformation:logical-id": logical_id,
        },
        previous_properties=None if previous is None else previous.properties,
        previous_stack_tags=None if previous is None else previous.request.stack_tags,
    )


def create(
    cls: Any, logical_id: str, properties: dict[str, Any], stack_tags: dict[str, str] | None = None
) -> Any:
    with resource_request(request("CREATE", cls.TYPE_NAME, logical_id, properties, stack_tags)):
        return cls.create_from_cloudformation_json(
            logical_id,
            {"Type": cls.TYPE_NAME, "Properties": properties},
            ACCOUNT,
            REGION,
            LogicalId=logical_id,
            StackId=STACK_ID,
            ResourceType=cls.TYPE_NAME,
        )


def update(
    resource: Any, properties: dict[str, Any], stack_tags: dict[str, str] | None = None
) -> Any:
    tags = resource.request.stack_tags if stack_tags is None else stack_tags
    now = request(
        "UPDATE", resource.TYPE_NAME, resource.logical_resource_id, properties, tags, resource
    )
    with resource_request(now):
        return type(resource).update_from_cloudformation_json(
            original_resource=resource,
            new_resource_name=resource.logical_resource_id,
            cloudformation_json={"Type": resource.TYPE_NAME, "Properties": properties},
            account_id=ACCOUNT,
            region_name=REGION,
        )


def trigger_properties(**extra: Any) -> dict[str, Any]:
    return {
        "DomainName": "retail",
        "EventTriggerName": "big-order",
        "ObjectTypeName": "Orders",
        "EventTriggerConditions": CONDITIONS,
        **extra,
    }


def orders(cp: Any, domain: str = "retail") -> None:
    cp.create_domain(DomainName=domain, DefaultExpirationDays=30)
    cp.put_profile_object_type(DomainName=domain, ObjectTypeName="Orders", Description="Orders")
