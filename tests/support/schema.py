"""The resource schema read for comparing models, and the schema AWS publishes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cfnlint.data.schemas  # type: ignore[import-untyped]

from tests.support.constants import SCHEMA, TYPE_NAME

READ_ONLY = frozenset(pointer.rsplit("/", 1)[-1] for pointer in SCHEMA["readOnlyProperties"])
# The resource model as one object node, so it is walked like any definition.
MODEL: dict[str, Any] = {
    "type": "object",
    "properties": SCHEMA["properties"],
    "required": SCHEMA["required"],
    "additionalProperties": False,
}


def published_schema() -> dict[str, Any]:
    """The registry schema AWS publishes, as cfn-lint ships it."""
    data = Path(cfnlint.data.schemas.__file__).parent
    digest = json.loads((data / "providers" / "us-east-1.json").read_text())[TYPE_NAME]
    found: dict[str, Any] = json.loads((data / "resources" / f"{digest}.json").read_text())
    return found


def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = SCHEMA["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def canonical(value: Any, node: Mapping[str, Any] = MODEL) -> Any:
    """A model in a form where equal means equal to CloudFormation.

    Lists whose schema says ``insertionOrder: false`` are compared as
    multisets (sorted), read-only properties are dropped, and an empty object
    or empty list is the same as an absent one (the lib deserializes both to
    None, and the API leaves them out of its answers).
    """
    node = resolve(node)
    if isinstance(value, Mapping):
        properties = node.get("properties", {})
        result = {}
        for key, item in value.items():
            if key in READ_ONLY and node is MODEL:
                continue
            shaped = canonical(item, properties.get(key, {}))
            if shaped in ({}, []):
                continue
            result[key] = shaped
        return result
    if isinstance(value, list):
        items = [canonical(item, node.get("items", {})) for item in value]
        if node.get("insertionOrder") is False:
            items.sort(key=lambda item: json.dumps(item, sort_keys=True))
        return items
    return value
