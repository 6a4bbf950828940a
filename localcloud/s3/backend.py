"""moto's S3 backend, whose buckets read their policy's conditions.

``LocalS3Backend.create_bucket`` is moto's; the bucket it makes becomes a
``LocalBucket`` (the same object: its class adds ``get_permission``, nothing
else), because moto builds the bucket inside ``create_bucket`` with its own
class. ``LocalBucket.get_permission`` keeps the statements whose conditions
hold for the request (``conditions.applies``) and asks moto's evaluation about
those, with the conditions read: moto evaluates no operator but StringEquals.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from localcloud.moto_adapter.s3 import (
    FakeBucket,
    IAMPolicy,
    PermissionResult,
    S3Backend,
    s3_url_module,
)

from .conditions import applies

__all__ = ["LocalBucket", "LocalS3Backend"]


class LocalBucket(FakeBucket):
    """A bucket whose policy's conditions are read before its statements."""

    def get_permission(self, action: str, resource: str) -> Any:
        if self.policy is None:
            return PermissionResult.NEUTRAL
        try:
            document = json.loads(self.policy)
        except ValueError:
            return super().get_permission(action, resource)
        statements = document.get("Statement") if isinstance(document, dict) else None
        if isinstance(statements, dict):
            statements = [statements]
        if not isinstance(statements, list):
            return super().get_permission(action, resource)
        kept = [
            {key: value for key, value in statement.items() if key != "Condition"}
            for statement in statements
            if isinstance(statement, dict) and applies(statement)
        ]
        if not kept:
            return PermissionResult.NEUTRAL
        return IAMPolicy(json.dumps({**document, "Statement": kept})).is_action_permitted(
            action, resource
        )


class LocalS3Backend(S3Backend):
    """moto's S3 backend, making ``LocalBucket``s."""

    @property
    def _url_module(self) -> ModuleType:
        return s3_url_module()

    def create_bucket(
        self, bucket_name: str, region_name: str, bucket_namespace: str | None = None
    ) -> FakeBucket:
        bucket = super().create_bucket(bucket_name, region_name, bucket_namespace)
        # moto made it; it gains one method, nothing else (moto's classes are no ABCs).
        bucket.__class__ = LocalBucket  # type: ignore[type-abstract]
        return bucket
