"""``AWS::S3::Bucket``: moto's model, with what CloudFormation does that it does not.

moto's model applies ``BucketName``, ``BucketEncryption`` and ``Tags``; its
update reads ``Properties["BucketName"]`` to tag the bucket, and fails with a
KeyError when the template gives the bucket no name (AWS SAM's managed bucket
has none). ``S3BucketModel`` applies ``VersioningConfiguration`` too, on create
and update, and updates a bucket without a ``BucketName`` under the name it has.
"""

from __future__ import annotations

import copy
from typing import Any

from localcloud.core.regions import partition_of
from localcloud.moto_adapter.cloudformation import put_bucket_versioning
from localcloud.moto_adapter.s3 import FakeBucket

__all__ = ["S3BucketModel"]


def _versioning(bucket: str, properties: dict[str, Any], account_id: str, region: str) -> None:
    status = (properties.get("VersioningConfiguration") or {}).get("Status")
    if status:
        put_bucket_versioning(bucket, str(status), account_id, partition_of(region))


class S3BucketModel(FakeBucket):
    """The model of ``AWS::S3::Bucket`` (the engine's ``model_of`` names it)."""

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> FakeBucket:
        bucket = super().create_from_cloudformation_json(
            resource_name, cloudformation_json, account_id, region_name, **kwargs
        )
        properties = cloudformation_json.get("Properties") or {}
        _versioning(bucket.name, properties, account_id, region_name)
        return bucket

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> FakeBucket:
        named = copy.deepcopy(cloudformation_json)
        named.setdefault("Properties", {}).setdefault("BucketName", original_resource.name)
        bucket = super().update_from_cloudformation_json(
            original_resource, new_resource_name, named, account_id, region_name
        )
        _versioning(bucket.name, named["Properties"], account_id, region_name)
        return bucket
