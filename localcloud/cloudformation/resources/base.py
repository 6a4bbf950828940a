"""What every resource type here offers moto's CloudFormation engine, driven by its schema.

A type is ``class X(SchemaResource, CloudFormationModel)`` (moto only sees
direct subclasses) with ``TYPE_NAME`` and three operations: the class methods
``_create`` and ``_update``, which return the resource's model as the service
answers it, and ``_delete``. Each gets the engine's ``ResourceRequest``
(``engine.current_request()``): the stack, the logical id, the stack tags and
system tags, and on update the previous properties and previous stack tags.
The engine decides the rest, from the same published schema
(``localcloud.core.resource_schema``): replacement (an update is only called
when no create-only property changed) and the tags (``tag_property``; the types
read the stack tags from the request: ``cloudformation_tags_in_context``).
From the schema here (``resource_schema.published``):

* Ref (``physical_resource_id``): the primary identifier's values joined with ``|``;
* ``has_cfn_attr`` / ``get_cfn_attribute`` (GetAtt): the readOnlyProperties,
  nested ones by dotted name (``RuleBasedMatching.Status``);
* before any request, the resolved properties are converted to the schema's
  primitive types and validated against the schema, as CloudFormation does for
  registry types; a refusal reads ``Properties validation failed for resource
  <LogicalId> with message: #: required key [X] not found``.

Failure is the engine's ``ResourceFailure`` (``str()`` is the status reason,
prefixed with the handler error code). Update returns a new instance and leaves
the original as it was; a rollback is the same update with the old properties.
Delete is the instance's ``delete``: a resource already gone is deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar

from localcloud.cloudformation.engine import ResourceFailure, ResourceRequest, current_request
from localcloud.core.resource_schema import ResourceSchema, published
from localcloud.core.tags import tag_map
from localcloud.moto_adapter.cloudformation import UnformattedGetAttTemplateException

LOG = logging.getLogger(__name__)
Json = dict[str, Any]


@contextmanager
def failures(action: str, subject: str) -> Iterator[None]:
    """Whatever goes wrong becomes ``ResourceFailure``: never a TypeError or
    AttributeError, which moto's delete would take for "no ``delete`` here"."""
    try:
        yield
    except ResourceFailure:
        raise
    except Exception as error:
        LOG.exception("%s of %s failed", action, subject)
        raise ResourceFailure(
            f"{action} of {subject} failed: {type(error).__name__}: {error}", "InternalFailure"
        ) from error


def request() -> ResourceRequest:
    """The stack operation this call is part of (the types run only inside one)."""
    found = current_request()
    if found is None:
        raise ResourceFailure(
            "A Customer Profiles resource type was called outside a stack operation",
            "InternalFailure",
        )
    return found


def gone(error: ResourceFailure) -> bool:
    """True if a delete failed because the resource is already gone."""
    return error.error_code == "NotFound"


class SchemaResource:
    """The moto glue for one resource type, from its published schema."""

    TYPE_NAME: ClassVar[str]
    cloudformation_tags_in_context = True  # stack tags come from the request, as a handler's

    def __init__(self, request: ResourceRequest, properties: Json, model: Json) -> None:
        self.request = request  # the operation that last made or updated it
        self.properties = properties  # the resolved properties last applied
        self.model = model  # what the service answered, read-only properties included
        self.logical_resource_id = request.logical_id
        self.cf_resource_type = self.TYPE_NAME

    # -- from the schema ------------------------------------------------------

    @classmethod
    def schema(cls) -> ResourceSchema:
        return published(cls.TYPE_NAME)

    @classmethod
    def cloudformation_type(cls) -> str:
        return cls.TYPE_NAME

    @classmethod
    def cloudformation_name_type(cls) -> str:
        return cls.schema().name_property

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.schema().attributes

    @property
    def physical_resource_id(self) -> str:
        return self.schema().ref_value({**self.properties, **self.model}) or ""

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if not self.has_cfn_attr(attribute_name):
            raise UnformattedGetAttTemplateException()
        return self.schema().attribute(attribute_name, self.model)

    def is_created(self) -> bool:
        return True

    @classmethod
    def tagged(cls, properties: Mapping[str, Any]) -> dict[str, str]:
        """The tags ``properties`` give the resource, at the schema's tag property, as a map."""
        name = cls.schema().tag_property
        return tag_map(properties.get(name or ""))

    # -- moto's interface ----------------------------------------------------

    @classmethod
    def desired(cls, cloudformation_json: Mapping[str, Any], logical_id: str) -> Json:
        """The resolved properties, in the schema's types, or ``ResourceFailure`` naming why not."""
        properties = cls.schema().coerce(cloudformation_json.get("Properties") or {})
        problems = cls.schema().validate(properties)
        if problems:
            raise ResourceFailure(
                f"Properties validation failed for resource {logical_id} with message: "
                + "; ".join(problems)
            )
        return properties

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: Json,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> SchemaResource:
        now = request()
        properties = cls.desired(cloudformation_json, now.logical_id)
        with failures("Create", f"{cls.TYPE_NAME} {now.logical_id}"):
            model = cls._create(now, properties)
        return cls(now, properties, model)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: Json,
        account_id: str,
        region_name: str,
    ) -> SchemaResource:
        if not isinstance(original_resource, cls):
            raise ResourceFailure(
                f"{cls.TYPE_NAME} cannot update a {type(original_resource).__name__}",
                "InternalFailure",
            )
        now = request()
        properties = cls.desired(cloudformation_json, now.logical_id)
        with failures("Update", f"{cls.TYPE_NAME} {now.logical_id}"):
            model = cls._update(now, properties, original_resource)
        return cls(now, properties, model)

    def delete(self, account_id: str, region_name: str) -> None:
        with failures("Delete", f"{self.TYPE_NAME} {self.logical_resource_id}"):
            self._delete(current_request() or self.request)

    # -- what each type does -------------------------------------------------

    @classmethod
    def _create(cls, request: ResourceRequest, properties: Json) -> Json:
        raise NotImplementedError

    @classmethod
    def _update(cls, request: ResourceRequest, properties: Json, previous: Any) -> Json:
        raise NotImplementedError

    def _delete(self, request: ResourceRequest) -> None:
        raise NotImplementedError
