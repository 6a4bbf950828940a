"""Calling a resource type as moto's engine does, for the resource type tests."""

from __future__ import annotations

from typing import Any

from tests.support.samples import CONDITIONS

ACCOUNT, REGION = "123456789012", "us-east-1"
STACK_ID = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/direct/0f3c1d2e"
URI = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"


def create(cls: Any, logical_id: str, properties: dict[str, Any]) -> Any:
    return cls.create_from_cloudformation_json(
        logical_id,
        {"Type": cls.TYPE_NAME, "Properties": properties},
        ACCOUNT,
        REGION,
        LogicalId=logical_id,
        StackId=STACK_ID,
        ResourceType=cls.TYPE_NAME,
    )


def update(resource: Any, properties: dict[str, Any]) -> Any:
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
