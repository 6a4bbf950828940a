"""Request sizes: the largest request botocore's model allows, and the largest trigger input.

``largest_request_bytes`` walks an operation's input shape with every list and
map at its maximum count and every string at its maximum length; ``per_char``
is what one character costs on the wire (1 for ASCII, 6 for a ``\\uXXXX``
escape). Members sent in the URI, query or headers do not count.
"""

from __future__ import annotations

import json
import math
from typing import Any

from botocore.model import Shape

from localcloud.core.regions import service_model
from localcloud.core.tags import tag_map
from tests.support.constants import ROOT

_SCALARS = {"integer": 20, "long": 20, "boolean": 5, "timestamp": 30, "double": 25, "float": 25}


def _size(shape: Shape, per_char: int) -> float:
    meta: dict[str, Any] = shape.metadata
    kind = shape.type_name
    if kind in _SCALARS:
        return _SCALARS[kind]
    if kind == "string":
        enum: list[str] = getattr(shape, "enum", [])
        if enum:
            return 2 + max(len(value) for value in enum)
        return 2.0 + int(meta["max"]) * per_char if "max" in meta else math.inf
    if kind == "structure":
        total = 2.0
        members: dict[str, Shape] = shape.members  # type: ignore[attr-defined]
        for name, member in members.items():
            if member.serialization.get("location") not in ("uri", "querystring", "header"):
                total += len(name) + 4 + _size(member, per_char)
        return total
    if kind == "list":
        each = _size(shape.member, per_char) + 1  # type: ignore[attr-defined]
        return 2 + int(meta["max"]) * each if "max" in meta else math.inf
    if kind == "map":
        key, value = shape.key, shape.value  # type: ignore[attr-defined]
        each = _size(key, per_char) + _size(value, per_char) + 2
        return 2 + int(meta["max"]) * each if "max" in meta else math.inf
    return math.inf


def largest_request_bytes(operation: str, per_char: int = 1) -> float:
    """The largest JSON body ``operation`` accepts (``inf`` when the model bounds none)."""
    shape = service_model("customer-profiles").operation_model(operation).input_shape
    return 0.0 if shape is None else _size(shape, per_char)


def largest_trigger_model() -> dict[str, Any]:
    """The contract suite's largest input: every count and string at the schema's maximum."""
    loaded: dict[str, Any] = json.loads((ROOT / "inputs" / "inputs_3_create.json").read_text())
    return loaded


def largest_trigger_request(domain: str, object_type: str) -> dict[str, Any]:
    """CreateEventTrigger's parameters for the largest input, in ``domain``'s ``object_type``."""
    model = largest_trigger_model()
    request = {k: v for k, v in model.items() if k != "Tags"}
    request.update(DomainName=domain, ObjectTypeName=object_type)
    request["Tags"] = tag_map(model.get("Tags"))
    return request
