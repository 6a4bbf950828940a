"""UpdateResource's patch document: RFC 6902, checked against the schema, then applied.

Paths are relative to the resource's properties (``/Description``); a path
without the leading ``/``, as in Cloud Control's own examples
(``"path": "RetentionInDays"``), is read as if it had one. An operation that
would change a create-only property is refused as NotUpdatableException, one
that would change a read-only property as ValidationException, both with the
wording Cloud Control uses ("Invalid patch update: ..."). ``test`` only reads, so
it may name any path. Nothing is applied unless every operation succeeds.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import jsonpatch
import jsonpointer

from localcloud.core import json_text
from localcloud.core.resource_schema import ResourceSchema

from .exceptions import CloudControlError

OPERATIONS = ("add", "remove", "replace", "move", "copy", "test")
_NEEDS_VALUE = ("add", "replace", "test")
_NEEDS_FROM = ("move", "copy")


def _invalid(message: str) -> CloudControlError:
    return CloudControlError("ValidationException", f"Invalid patch document: {message}")


def _normalized(value: Any, index: int, member: str) -> str:
    if not isinstance(value, str):
        raise _invalid(f"operation {index}: '{member}' must be a string")
    location = value if value.startswith("/") or value == "" else f"/{value}"
    try:
        jsonpointer.JsonPointer(location)
    except jsonpointer.JsonPointerException as error:
        raise _invalid(f"operation {index}: '{member}' is not a JSON pointer ({error})") from None
    return location


def parse(text: str) -> list[dict[str, Any]]:
    """The operations in ``text``, with their paths normalized; ValidationException if malformed."""
    try:
        document = json_text.loads(text, "it")
    except ValueError as error:
        raise _invalid(str(error)) from None
    if not isinstance(document, list) or not document:
        raise _invalid("it must be a non-empty JSON array of operations")
    operations = []
    for index, operation in enumerate(document):
        if not isinstance(operation, dict):
            raise _invalid(f"operation {index} is not an object")
        op = operation.get("op")
        if op not in OPERATIONS:
            raise _invalid(f"operation {index}: 'op' must be one of {', '.join(OPERATIONS)}")
        if op in _NEEDS_VALUE and "value" not in operation:
            raise _invalid(f"operation {index}: '{op}' needs a 'value'")
        normalized = dict(operation, path=_normalized(operation.get("path"), index, "path"))
        if op in _NEEDS_FROM:
            normalized["from"] = _normalized(operation.get("from"), index, "from")
        operations.append(normalized)
    return operations


def _segments(location: str) -> tuple[str, ...]:
    return tuple(jsonpointer.JsonPointer(location).parts)


def _touches(changed: tuple[str, ...], protected: tuple[str, ...]) -> bool:
    # Changing a parent changes its children, and changing a child changes its parent.
    shared = min(len(changed), len(protected))
    return all(
        a == b or b == "*" for a, b in zip(changed[:shared], protected[:shared], strict=True)
    )


def _changed_locations(operation: dict[str, Any]) -> list[str]:
    if operation["op"] == "test":
        return []
    if operation["op"] == "move":
        return [operation["from"], operation["path"]]
    return [operation["path"]]


def check_paths(operations: Sequence[dict[str, Any]], schema: ResourceSchema) -> None:
    """Refuses operations that would change create-only or read-only properties."""
    create_only: set[str] = set()
    read_only: set[str] = set()
    for operation in operations:
        for location in _changed_locations(operation):
            changed = _segments(location)
            create_only.update(
                "/properties/" + "/".join(p) for p in schema.create_only if _touches(changed, p)
            )
            read_only.update(
                "/properties/" + "/".join(p) for p in schema.read_only if _touches(changed, p)
            )
    if create_only:
        raise CloudControlError(
            "NotUpdatableException",
            f"Invalid patch update: createOnlyProperties [{', '.join(sorted(create_only))}] "
            "cannot be updated",
        )
    if read_only:
        raise CloudControlError(
            "ValidationException",
            f"Invalid patch update: readOnlyProperties [{', '.join(sorted(read_only))}] "
            "cannot be updated",
        )


def apply(document: dict[str, Any], operations: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A patched copy of ``document``; ValidationException naming the first operation that fails."""
    patched: Any = copy.deepcopy(document)
    for index, operation in enumerate(operations):
        try:
            patched = jsonpatch.JsonPatch([operation]).apply(patched, in_place=True)
        except jsonpatch.JsonPatchTestFailed:
            raise _invalid(f"operation {index}: test at {operation['path']} failed") from None
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as error:
            raise _invalid(f"operation {index} ({operation['op']}): {error}") from None
    if not isinstance(patched, dict):
        raise _invalid("the patched resource model must be a JSON object")
    return patched
