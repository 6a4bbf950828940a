"""``AWS::S3::BucketPolicy``: a bucket's policy, set in the local S3.

moto's CloudFormation has no model for it, so a template with one (AWS SAM's
own managed stack, ``sam deploy --resolve-s3``, declares one) failed. Create and
update put the policy on the bucket (``PolicyDocument``, an object or its JSON
text), delete removes it; a bucket already gone counts as deleted. Its Ref
is the bucket's name, the schema's primary identifier; ``Bucket`` is
create-only (the schema's), so a new bucket replaces the resource.
"""

from __future__ import annotations

import json
from typing import Any

from localcloud.core.regions import partition_of
from localcloud.moto_adapter.cloudformation import (
    CloudFormationModel,
    UnformattedGetAttTemplateException,
    delete_bucket_policy,
    put_bucket_policy,
)

__all__ = ["S3BucketPolicy"]

TYPE_NAME = "AWS::S3::BucketPolicy"


class S3BucketPolicy(CloudFormationModel):
    """A bucket policy in the local S3."""

    def __init__(self, bucket: str, account_id: str, region_name: str) -> None:
        self.bucket = bucket
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_type() -> str:
        return TYPE_NAME

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # no name property: its bucket is named by Bucket

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self) -> str:
        return self.bucket

    def is_created(self) -> bool:
        return True

    @staticmethod
    def _put(properties: dict[str, Any], account_id: str, region_name: str) -> S3BucketPolicy:
        bucket = str(properties["Bucket"])
        document = properties["PolicyDocument"]
        text = document if isinstance(document, str) else json.dumps(document)
        put_bucket_policy(bucket, text.encode("utf-8"), account_id, partition_of(region_name))
        return S3BucketPolicy(bucket, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> S3BucketPolicy:
        return cls._put(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: S3BucketPolicy,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> S3BucketPolicy:
        return cls._put(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        """``resource_name``: the physical id, the bucket's name."""
        delete_bucket_policy(resource_name, account_id, partition_of(region_name))
