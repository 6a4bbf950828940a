"""Every moto CloudFormation name the engine uses, and nothing else.

The engine (``localcloud.cloudformation.engine``) imports moto only from here:
moto's classes and helpers (``Stack``, ``ChangeSet``, ``CloudFormationBackend``,
``CloudFormationResponse``, ``ResourceMap``, ``parsing``...), and the private
attributes and methods it reads or calls, through the functions and
``MotoResourceMap`` below. The engine subclasses moto's classes and connects
them itself (``localcloud.cloudformation.engine.connection``); this module holds
names only. ``tests/moto_adapter/test_cloudformation.py`` pins each name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from moto.awslambda.models import LambdaFunction
from moto.awslambda.models import Permission as LambdaPermission
from moto.cloudformation import parsing
from moto.cloudformation.exceptions import (
    AlreadyExistsException,
    CloudFormationError,
    UnformattedGetAttTemplateException,
    ValidationError,
)
from moto.cloudformation.models import (
    ChangeSet,
    CloudFormationBackend,
    Event,
    Stack,
    cloudformation_backends,
)
from moto.cloudformation.parsing import Export, ResourceMap, clean_json
from moto.cloudformation.responses import (
    CloudFormationResponse,
    get_template_summary_response_from_template,
)
from moto.cloudformation.urls import url_bases
from moto.cloudformation.utils import (
    generate_changeset_id,
    generate_stack_id,
    validate_create_change_set,
)
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow
from moto.ec2.models import ec2_backends
from moto.ec2.models.core import TaggedEC2Resource
from moto.s3.models import s3_backends

__all__ = [
    "ActionResult",
    "AlreadyExistsException",
    "ChangeSet",
    "CloudFormationBackend",
    "CloudFormationError",
    "CloudFormationModel",
    "CloudFormationResponse",
    "EmptyResult",
    "Event",
    "Export",
    "LambdaFunction",
    "LambdaPermission",
    "MotoResourceMap",
    "Stack",
    "TaggedEC2Resource",
    "UnformattedGetAttTemplateException",
    "ValidationError",
    "add_stack_event",
    "clean_json",
    "clear_model_caches",
    "cloudformation_backends",
    "delete_bucket_policy",
    "ec2_backends",
    "generate_changeset_id",
    "generate_stack_id",
    "is_null_model",
    "model_map",
    "parse_resource",
    "put_bucket_policy",
    "put_bucket_versioning",
    "read_s3_object",
    "request_param",
    "request_params",
    "resolve_update_parameters",
    "template_summary",
    "url_bases",
    "utcnow",
    "validate_create_change_set",
    "zip_inline_code",
]

# -- moto's type registry (parsing) ---------------------------------------------


def clear_model_caches() -> None:
    """Forget moto's cached ``CloudFormationModel.__subclasses__()`` so new types are found."""
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()


def model_map() -> Mapping[str, Any]:
    """Resource type -> moto's CloudFormationModel subclass that provisions it."""
    models: Mapping[str, Any] = parsing.get_model_map()
    return models


def is_null_model(resource_type: str) -> bool:
    """moto's types that make nothing (WaitCondition, WaitConditionHandle...)."""
    return resource_type in parsing.NULL_MODELS


def parse_resource(logical_id: str, resource_json: dict[str, Any], rmap: Any) -> Any:
    """moto resolves a resource's JSON against ``rmap``: (model, resolved JSON, physical name)."""
    return parsing.parse_resource_and_generate_name(logical_id, resource_json, rmap)


# -- Stack, CloudFormationBackend and CloudFormationResponse internals ----------


def add_stack_event(stack: Stack, status: str, reason: str | None) -> None:
    stack._add_stack_event(status, resource_status_reason=reason)


def put_bucket_policy(bucket: str, policy: bytes, account_id: str, partition: str) -> None:
    s3_backends[account_id][partition].put_bucket_policy(bucket, policy)


def delete_bucket_policy(bucket: str, account_id: str, partition: str) -> None:
    """Remove a bucket's policy; a bucket that is gone has none."""
    backend = s3_backends[account_id][partition]
    if bucket in backend.buckets:
        backend.delete_bucket_policy(bucket)


def put_bucket_versioning(bucket: str, status: str, account_id: str, partition: str) -> None:
    s3_backends[account_id][partition].put_bucket_versioning(bucket, status)


def read_s3_object(
    bucket: str, key: str, account_id: str, partition: str, version_id: str | None = None
) -> bytes | None:
    """An object of the local S3, at ``version_id`` if given; None if there is no such
    version (moto's S3 errors for a bucket or key that does not exist)."""
    found = s3_backends[account_id][partition].get_object(bucket, key, version_id=version_id)
    return None if found is None else bytes(found.value)


def resolve_update_parameters(
    backend: CloudFormationBackend, stack: Stack, parameters: list[dict[str, Any]]
) -> dict[str, Any]:
    return dict(backend._resolve_update_parameters(instance=stack, incoming_params=parameters))


def request_params(response: CloudFormationResponse) -> dict[str, Any]:
    return dict(response._get_params())


def request_param(response: CloudFormationResponse, name: str) -> Any:
    return response._get_param(name)


class MotoResourceMap(ResourceMap):
    """moto's ResourceMap, its private state under public names for the engine."""

    @property
    def parsed(self) -> dict[str, Any]:
        """What moto resolves Ref and GetAtt against: pseudo parameters, parameters, resources."""
        parsed: dict[str, Any] = self._parsed_resources
        return parsed

    @property
    def resource_json_map(self) -> dict[str, Any]:
        resources: dict[str, Any] = self._resource_json_map
        return resources

    @property
    def template(self) -> dict[str, Any]:
        template: dict[str, Any] = self._template
        return template

    @template.setter
    def template(self, value: dict[str, Any]) -> None:
        self._template = value


def template_summary(template_json: str) -> dict[str, Any]:
    """moto's GetTemplateSummary of a template given as JSON text (moto reads it as YAML,
    with PyYAML's unsafe loader: only ever hand it JSON the engine wrote)."""
    found: dict[str, Any] = get_template_summary_response_from_template(template_json)
    return found


def zip_inline_code(source: str) -> bytes:
    """A function's inline source (``Code.ZipFile``) as the zip moto's create makes of it."""
    data: bytes = LambdaFunction._create_zipfile_from_plaintext_code(source)
    return data
