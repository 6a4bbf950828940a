"""A resource type's published schema, read as the types here need it.

The schema document comes from the engine's one reader
(``localcloud.cloudformation.engine.schemas``: cfn-lint's published schemas).
Ref (the primary identifier joined with ``|``), the create-only properties and
the tag property are the engine's to read there; this view adds what a type
asks of its schema itself: GetAtt (the readOnlyProperties; a nested one by its
dotted name, as ``RuleBasedMatching.Status``), the property naming the
resource, primitive conversion and validation. Validation reuses Cloud
Control's ``ResourceSchema``, so both services read a schema the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, cached_property
from typing import Any

from localcloud.cloudcontrol.schema import ResourceSchema
from localcloud.cloudformation.engine import schemas


class UnknownType(LookupError):
    """cfn-lint ships no schema for this type name."""


class TypeSchema(ResourceSchema):
    """One type's published schema, with what moto's engine asks of a type."""

    @cached_property
    def attributes(self) -> dict[str, tuple[str, ...]]:
        """GetAtt name -> path in the model: each readOnlyProperty, dotted when nested."""
        return {".".join(path): path for path in self.read_only}

    @cached_property
    def name_property(self) -> str:
        """The property that names the resource: the last part of the primary identifier.

        Empty when that part is not a name a template gives (``Uri`` is a source).
        """
        last = self.primary_identifier[-1]
        return last if last.endswith("Name") else ""

    def attribute(self, name: str, model: Mapping[str, Any]) -> Any:
        """The value of GetAtt ``name`` in ``model``; None when the model has none."""
        value: Any = model
        for part in self.attributes[name]:
            if not isinstance(value, Mapping) or part not in value:
                return None
            value = value[part]
        return value

    def coerce(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        """``properties`` with strings made the integers, numbers and booleans the schema says.

        Templates hand every parameter over as a string; CloudFormation converts
        a primitive value to the type the schema declares before it validates.
        """
        coerced = _coerce(dict(properties), self.document, self.document)
        return dict(coerced)


def _resolve(node: Mapping[str, Any], document: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node and str(node["$ref"]).startswith("#/"):
        target: Any = document
        for part in str(node["$ref"])[2:].split("/"):
            target = target[part]
        node = target
    return node


def _coerce(value: Any, node: Mapping[str, Any], document: Mapping[str, Any]) -> Any:
    node = _resolve(node, document)
    kind = node.get("type")
    if isinstance(value, Mapping):
        fields = node.get("properties") or {}
        return {
            key: _coerce(item, fields[key], document) if key in fields else item
            for key, item in value.items()
        }
    if isinstance(value, list):
        items = node.get("items")
        return [_coerce(item, items, document) for item in value] if items else value
    if not isinstance(value, str):
        return value
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            number = float(value)
            return int(number) if number.is_integer() and "." not in value else number
    except ValueError:
        return value  # validation names it
    if kind == "boolean" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


@cache
def published(type_name: str) -> TypeSchema:
    """The published schema of ``type_name``, read once."""
    document = schemas.published(type_name)
    if document is None:
        raise UnknownType(f"cfn-lint ships no schema for {type_name}")
    return TypeSchema(document)
