"""Facts about a resource type from its published resource schema.

The schemas come from cfn-lint, which ships every AWS type's schema. A model
may supply its own (for a type cfn-lint does not know, or a newer revision) by
defining ``cloudformation_resource_schema()`` returning the schema as a dict.

From the schema: which properties are create-only (changing one replaces the
resource), the primary identifier (what ``Ref`` returns, parts joined with
``|``), and whether and where the type takes tags.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "SCHEMA_PACKAGE",
    "SCHEMA_REGION",
    "changed_create_only",
    "create_only_paths",
    "primary_identifier",
    "published",
    "ref_value",
    "schema_of",
    "tag_property",
]

# cfn-lint's package data: providers/<region>.json maps a type name to a file in resources/.
SCHEMA_PACKAGE = "cfnlint.data.schemas"
SCHEMA_REGION = "us-east-1"


@lru_cache(maxsize=1)
def _index() -> dict[str, Any]:
    data = resources.files(SCHEMA_PACKAGE)
    index: dict[str, Any] = json.loads(
        (data / "providers" / f"{SCHEMA_REGION}.json").read_text("utf-8")
    )
    return index


@lru_cache(maxsize=512)
def published(resource_type: str) -> dict[str, Any] | None:
    """The type's published schema as cfn-lint ships it (None if cfn-lint has none)."""
    digest = _index().get(resource_type)
    if not isinstance(digest, str):
        return None
    document: dict[str, Any] = json.loads(
        (resources.files(SCHEMA_PACKAGE) / "resources" / f"{digest}.json").read_text("utf-8")
    )
    return document


def schema_of(resource_type: str, model: Any = None) -> dict[str, Any]:
    """The type's schema: the model's own if it has one, else the published one ({} if none)."""
    own = getattr(model, "cloudformation_resource_schema", None)
    if callable(own):
        schema = own()
        if isinstance(schema, dict):
            return schema
    return published(resource_type) or {}


def _property_paths(pointers: list[str]) -> list[tuple[str, ...]]:
    paths = []
    for pointer in pointers:
        parts = pointer.split("/")
        if parts[:2] == ["", "properties"] and len(parts) > 2:
            paths.append(tuple(part.replace("~1", "/").replace("~0", "~") for part in parts[2:]))
    return paths


def create_only_paths(resource_type: str, model: Any = None) -> list[tuple[str, ...]]:
    """Property paths (tuples of names) whose change requires a new resource."""
    return _property_paths(list(schema_of(resource_type, model).get("createOnlyProperties", [])))


def primary_identifier(resource_type: str, model: Any = None) -> list[str]:
    """Top-level property names of the primary identifier, in schema order."""
    paths = _property_paths(list(schema_of(resource_type, model).get("primaryIdentifier", [])))
    return [path[0] for path in paths if len(path) == 1]


def ref_value(resource_type: str, properties: dict[str, Any], model: Any = None) -> str | None:
    """What ``Ref`` returns: the primary identifier's values joined with ``|`` (None if unknown)."""
    names = primary_identifier(resource_type, model)
    if not names or any(properties.get(name) is None for name in names):
        return None
    return "|".join(str(properties[name]) for name in names)


def tag_property(resource_type: str, model: Any = None) -> str | None:
    """The top-level property that holds the type's tags, or None if it takes none."""
    schema = schema_of(resource_type, model)
    tagging = schema.get("tagging")
    if isinstance(tagging, dict):
        if not tagging.get("taggable", True):
            return None
        paths = _property_paths([str(tagging.get("tagProperty", "/properties/Tags"))])
        return paths[0][0] if paths else None
    return "Tags" if "Tags" in schema.get("properties", {}) else None


_MISSING = object()


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def changed_create_only(
    resource_type: str, before: dict[str, Any], after: dict[str, Any], model: Any = None
) -> list[str]:
    """Create-only properties (dotted paths) whose value differs between two property sets."""
    return [
        ".".join(path)
        for path in create_only_paths(resource_type, model)
        if _at(before, path) != _at(after, path)
    ]
