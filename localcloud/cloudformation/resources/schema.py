"""The published resource schemas, as cfn-lint ships them, read for the engine.

cfn-lint (pinned) carries every AWS type's published schema in its package data:
``cfnlint/data/schemas/providers/<region>.json`` maps a type name to a file in
``cfnlint/data/schemas/resources/``. The us-east-1 copy is read. Everything the
engine asks of a type comes from there: Ref (the primary identifier, joined with
``|``), GetAtt (the readOnlyProperties; a nested one by its dotted name, as
``RuleBasedMatching.Status``), the createOnlyProperties, and where the tags are
(``tagging.tagProperty``). Validation and identifiers reuse Cloud Control's
``ResourceSchema``, so both services read a schema the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache, cached_property
from importlib import resources
from typing import Any

from localcloud.cloudcontrol.schema import ResourceSchema, pointer

SCHEMA_PACKAGE = "cfnlint.data.schemas"
SCHEMA_REGION = "us-east-1"


class UnknownType(LookupError):
    """cfn-lint ships no schema for this type name."""


def published_document(type_name: str) -> dict[str, Any]:
    """The type's published schema document, from cfn-lint's package data."""
    data = resources.files(SCHEMA_PACKAGE)
    index = json.loads((data / "providers" / f"{SCHEMA_REGION}.json").read_text("utf-8"))
    digest = index.get(type_name)
    if not isinstance(digest, str):
        raise UnknownType(f"cfn-lint ships no schema for {type_name}")
    document: dict[str, Any] = json.loads(
        (data / "resources" / f"{digest}.json").read_text("utf-8")
    )
    return document


class TypeSchema(ResourceSchema):
    """One type's published schema, with what moto's engine asks of a type."""

    @cached_property
    def attributes(self) -> dict[str, tuple[str, ...]]:
        """GetAtt name -> path in the model: each readOnlyProperty, dotted when nested."""
        return {".".join(path): path for path in self.read_only}

    @cached_property
    def create_only_names(self) -> frozenset[str]:
        """Top-level properties whose change replaces the resource."""
        return frozenset(path[0] for path in self.create_only)

    @cached_property
    def tag_property(self) -> str | None:
        """The property that holds the tags (a list of Key/Value), if the type is taggable."""
        tagging = self.document.get("tagging") or {}
        where = tagging.get("tagProperty")
        if not tagging.get("taggable", True) or not isinstance(where, str):
            return None
        return pointer(where)[0]

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
    return TypeSchema(published_document(type_name))
