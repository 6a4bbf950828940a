"""Cloud Control identifiers: ``DomainName|EventTriggerName``, or the same as a JSON object.

Each part must be a value the schema accepts for its property, checked with the
schema's own pattern and lengths, so a name with ``/``, ``..``, ``%2F``, a
newline or non-ASCII letters never reaches a handler or a service URL.
"""

from __future__ import annotations

from typing import Any

from localcloud.core import json_text
from localcloud.core.resource_schema import ResourceSchema

from .exceptions import CloudControlError

SEPARATOR = "|"
_SHOWN = 200  # characters of a bad identifier quoted back in an error


def _refuse(message: str) -> CloudControlError:
    return CloudControlError("ValidationException", message)


def _paths(schema: ResourceSchema) -> str:
    return ", ".join(f"/properties/{name}" for name in schema.primary_identifier)


def parse(raw: str, schema: ResourceSchema) -> dict[str, str]:
    """The primary identifier's properties named in ``raw``, in schema order."""
    if raw.lstrip().startswith("{"):
        values = _from_json(raw, schema)
    else:
        values = raw.split(SEPARATOR)
        if len(values) != len(schema.primary_identifier):
            raise _refuse(
                f"Identifier {raw[:_SHOWN]!r} has {len(values)} part(s); the primary identifier "
                f"[{_paths(schema)}] needs {len(schema.primary_identifier)}, "
                f"joined by {SEPARATOR!r}"
            )
    properties = dict(zip(schema.primary_identifier, values, strict=True))
    problems = [
        message
        for name, value in properties.items()
        for message in schema.validate_property(name, value)
    ]
    if problems:
        raise _refuse(f"Invalid identifier ({'; '.join(problems)[: _SHOWN * 2]})")
    return properties


def _from_json(raw: str, schema: ResourceSchema) -> list[Any]:
    try:
        document = json_text.loads(raw, "Identifier")
    except ValueError:
        document = None
    if not isinstance(document, dict) or set(document) != set(schema.primary_identifier):
        raise _refuse(
            "When specifying the identifier as JSON, you must specify exactly one identifier "
            f"from [[{_paths(schema)}]], and no additional properties can be specified"
        )
    return [document[name] for name in schema.primary_identifier]
