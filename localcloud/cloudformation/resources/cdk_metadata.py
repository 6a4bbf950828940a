"""``AWS::CDK::Metadata``: the resource every CDK app adds to its stacks (``CDKMetadata``).

On AWS it provisions nothing: CloudFormation records it (its ``Analytics``
property, the CDK version and construct modules, compressed) and the stack goes
on. Here the same: create, update and delete succeed without a call to any
service. Its physical id is a fresh UUID per resource, as on AWS; it has no
``Fn::GetAtt`` attributes, no tags and no create-only properties (an update of
``Analytics``, after a CDK upgrade, is an update in place).
"""

from __future__ import annotations

import uuid
from typing import Any

from localcloud.moto_adapter.cloudformation import (
    CloudFormationModel,
    UnformattedGetAttTemplateException,
)

__all__ = ["CdkMetadata"]

TYPE_NAME = "AWS::CDK::Metadata"

# What the engine reads of a type's schema (cfn-lint ships none for this type).
SCHEMA: dict[str, Any] = {
    "typeName": TYPE_NAME,
    "properties": {"Analytics": {"type": "string"}, "Modules": {"type": "string"}},
    "additionalProperties": True,
    "tagging": {"taggable": False},
}


class CdkMetadata(CloudFormationModel):
    """A recorded, never provisioned, resource."""

    def __init__(self, logical_id: str, properties: dict[str, Any]) -> None:
        self.logical_resource_id = logical_id
        self.properties = properties
        self.id = str(uuid.uuid4())

    @staticmethod
    def cloudformation_type() -> str:
        return TYPE_NAME

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # no name property

    @classmethod
    def cloudformation_resource_schema(cls) -> dict[str, Any]:
        return SCHEMA

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self) -> str:
        return self.id

    def is_created(self) -> bool:
        return True

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CdkMetadata:
        logical_id = str(kwargs.get("LogicalId") or resource_name)
        return cls(logical_id, dict(cloudformation_json.get("Properties") or {}))

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: CdkMetadata,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CdkMetadata:
        properties = dict(cloudformation_json.get("Properties") or {})
        updated = cls(original_resource.logical_resource_id, properties)
        updated.id = original_resource.id  # the same resource, updated in place
        return updated

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        """Nothing was provisioned, so nothing is deleted."""
