"""What every resource type here offers moto's CloudFormation engine, driven by its schema.

A type is ``class X(SchemaResource, CloudFormationModel)`` (moto only sees
direct subclasses) with ``TYPE_NAME`` and three operations: the class methods
``_create`` and ``_update``, which return the resource's model as the service
answers it, and ``_delete``. The rest comes from the type's published schema
(``schema.published``):

* ``physical_resource_id`` (Ref): the primary identifier, parts joined with ``|``;
* ``has_cfn_attr`` / ``get_cfn_attribute`` (GetAtt): the readOnlyProperties,
  nested ones by dotted name (``RuleBasedMatching.Status``);
* ``create_only_properties()``: the createOnlyProperties, for the engine's
  replacement decision; ``replacing_properties(previous, desired)`` names the
  ones a change touches;
* the tags: the schema's ``tagging.tagProperty``.

Before any request, the resolved properties are converted to the schema's
primitive types and validated against the schema, as CloudFormation does for
registry types; a refusal reads ``Properties validation failed for resource
<LogicalId> with message: #: required key [X] not found``.

Failure is signalled by raising ``ResourceFailed`` (``str()`` is the status
reason, prefixed with the handler error code). An update never replaces: if a
create-only property changed, update raises ``ResourceFailed`` with code
``NotUpdatable`` and makes no request; replacing is the engine's to do (create
the new resource with ``create_from_cloudformation_json``, update dependents,
then ``delete()`` the old one). Update returns a new instance and leaves the
original as it was, so an engine rolling back still has the previous properties.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

from .errors import ResourceFailed
from .schema import TypeSchema, published
from .stack import StackContext

LOG = logging.getLogger(__name__)
Json = dict[str, Any]


@contextmanager
def failures(action: str, subject: str) -> Iterator[None]:
    """Whatever goes wrong becomes ``ResourceFailed``: never a TypeError or
    AttributeError, which moto's delete would take for "no ``delete`` here"."""
    try:
        yield
    except ResourceFailed:
        raise
    except Exception as error:
        LOG.exception("%s of %s failed", action, subject)
        raise ResourceFailed(
            f"{action} of {subject} failed: {type(error).__name__}: {error}", "InternalFailure"
        ) from error


class SchemaResource:
    """The moto glue for one resource type, from its published schema."""

    TYPE_NAME: ClassVar[str]

    def __init__(self, context: StackContext, properties: Json, model: Json) -> None:
        self.context = context
        self.properties = properties  # the resolved properties last applied
        self.model = model  # what the service answered, read-only properties included
        self.logical_resource_id = context.logical_id
        self.cf_resource_type = self.TYPE_NAME

    # -- from the schema ------------------------------------------------------

    @classmethod
    def schema(cls) -> TypeSchema:
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

    @classmethod
    def create_only_properties(cls) -> frozenset[str]:
        """Top-level properties whose change replaces the resource."""
        return cls.schema().create_only_names

    @classmethod
    def replacing_properties(
        cls, previous: Mapping[str, Any], desired: Mapping[str, Any]
    ) -> list[str]:
        """The create-only properties that differ: ``previous`` is a resource's
        ``properties``, ``desired`` the newly resolved ones, as the template gives them."""
        desired = cls.schema().coerce(desired)
        return sorted(
            name for name in cls.create_only_properties() if previous.get(name) != desired.get(name)
        )

    @property
    def physical_resource_id(self) -> str:
        return self.schema().identifier_of({**self.properties, **self.model})

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
        return {str(t["Key"]): str(t["Value"]) for t in properties.get(name or "", []) or []}

    # -- moto's interface ----------------------------------------------------

    @classmethod
    def desired(cls, cloudformation_json: Mapping[str, Any], logical_id: str) -> Json:
        """The resolved properties, in the schema's types, or ``ResourceFailed`` naming why not."""
        properties = cls.schema().coerce(cloudformation_json.get("Properties") or {})
        problems = cls.schema().validate(properties)
        if problems:
            raise ResourceFailed(
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
        logical_id = str(kwargs.get("LogicalId") or resource_name)
        context = StackContext.lookup(
            str(kwargs.get("StackId") or ""), logical_id, account_id, region_name
        )
        properties = cls.desired(cloudformation_json, logical_id)
        with failures("Create", f"{cls.TYPE_NAME} {logical_id}"):
            model = cls._create(context, properties)
        return cls(context, properties, model)

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
            raise ResourceFailed(
                f"{cls.TYPE_NAME} cannot update a {type(original_resource).__name__}",
                "InternalFailure",
            )
        context = original_resource.context.refreshed()
        properties = cls.desired(cloudformation_json, context.logical_id)
        changed = cls.replacing_properties(original_resource.properties, properties)
        if changed:
            raise ResourceFailed(
                f"{', '.join(changed)} of {context.logical_id} is create-only: "
                "a change replaces the resource and cannot be made in place",
                "NotUpdatable",
            )
        with failures("Update", f"{cls.TYPE_NAME} {context.logical_id}"):
            model = cls._update(context, properties, original_resource)
        return cls(context, properties, model)

    def delete(self, account_id: str, region_name: str) -> None:
        with failures("Delete", f"{self.TYPE_NAME} {self.logical_resource_id}"):
            self._delete()

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: Json,
        account_id: str,
        region_name: str,
    ) -> None:
        """moto's fallback delete, from the template alone (no stack known)."""
        properties = cls.schema().coerce(cloudformation_json.get("Properties") or {})
        context = StackContext("", "", resource_name, account_id, region_name)
        cls(context, properties, {}).delete(account_id, region_name)

    # -- what each type does -------------------------------------------------

    @classmethod
    def _create(cls, context: StackContext, properties: Json) -> Json:
        raise NotImplementedError

    @classmethod
    def _update(cls, context: StackContext, properties: Json, previous: Any) -> Json:
        raise NotImplementedError

    def _delete(self) -> None:
        raise NotImplementedError
