"""A custom resource's ResourceProperties as the resource model, by the type's schema.

CloudFormation hands a custom resource every scalar as a string: ``"60000"``,
``"true"``, inside nested objects and arrays too. The values the schema types as
integer, number or boolean are converted back at the paths the generated facts
name (``schema_facts.INTEGER_PATHS`` and the others); a string that does not
convert is refused, naming its path. Then the properties are checked by the
schema's own validator, as the registry type's are, and become the model the
registered handlers take.

``ServiceToken`` and ``ServiceTimeout`` are CloudFormation's properties of every
custom resource, not the type's: they are set aside before anything else.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any

from cloudformation_cli_python_lib import exceptions

from .. import schema_facts, validation
from ..models import ResourceModel

CLOUDFORMATION_PROPERTIES = ("ServiceToken", "ServiceTimeout")
ITEMS = "[]"
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_BOOLEANS = {"true": True, "false": False}

Converter = Callable[[Any, str], Any]


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "...")


def _integer(value: Any, where: str) -> Any:
    if not isinstance(value, str):
        return value
    if _INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    raise exceptions.InvalidRequest(
        f"Invalid property {where} must be integer: {_shown(value)} is not"
    )


def _number(value: Any, where: str) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    if _NUMBER.fullmatch(text):
        return float(text)
    raise exceptions.InvalidRequest(
        f"Invalid property {where} must be number: {_shown(value)} is not"
    )


def _boolean(value: Any, where: str) -> Any:
    if not isinstance(value, str):
        return value
    converted = _BOOLEANS.get(value.strip().lower())
    if converted is None:
        raise exceptions.InvalidRequest(
            f"Invalid property {where} must be boolean (true or false): {_shown(value)} is not"
        )
    return converted


def _segments(path: str) -> list[str]:
    """``"A.B[].C"`` -> ``["A", "B", "[]", "C"]``."""
    segments: list[str] = []
    for part in path.split("."):
        depth = 0
        while part.endswith(ITEMS):
            part, depth = part.removesuffix(ITEMS), depth + 1
        segments.extend([part, *[ITEMS] * depth])
    return segments


def _convert(node: Any, segments: list[str], where: str, convert: Converter) -> None:
    """Converts, in place, the values at ``segments`` below ``node``.

    A container of another shape than the path expects is left as it is: the
    schema's validator names it next.
    """
    head, rest = segments[0], segments[1:]
    if head == ITEMS:
        if isinstance(node, list):
            for index, item in enumerate(node):
                if rest:
                    _convert(item, rest, f"{where}[{index}]", convert)
                else:
                    node[index] = convert(item, f"{where}[{index}]")
        return
    if not isinstance(node, dict) or head not in node:
        return
    path = f"{where}.{head}" if where else head
    if rest:
        _convert(node[head], rest, path, convert)
    else:
        node[head] = convert(node[head], path)


def typed(properties: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``properties`` with the schema's integers, numbers and booleans typed."""
    result = copy.deepcopy(dict(properties))
    conversions: tuple[tuple[tuple[str, ...], Converter], ...] = (
        (schema_facts.INTEGER_PATHS, _integer),
        (schema_facts.NUMBER_PATHS, _number),
        (schema_facts.BOOLEAN_PATHS, _boolean),
    )
    for paths, convert in conversions:
        for path in paths:
            _convert(result, _segments(path), "", convert)
    return result


def model_of(properties: Mapping[str, Any] | None) -> ResourceModel:
    """The resource model ``properties`` describe, if the schema accepts them.

    InvalidRequest names the property at fault: a read-only one (its value is
    the trigger's to report, through Fn::GetAtt), one that does not convert, or
    one the schema refuses.
    """
    if properties is not None and not isinstance(properties, Mapping):
        raise exceptions.InvalidRequest("Invalid request: ResourceProperties must be an object")
    given = {
        name: value
        for name, value in (properties or {}).items()
        if name not in CLOUDFORMATION_PROPERTIES
    }
    for name in schema_facts.READ_ONLY:
        if name in given:
            raise exceptions.InvalidRequest(
                f"Invalid property {name}: it is read-only; read it with Fn::GetAtt"
            )
    converted = typed(given)
    validation.check_properties(converted)
    model = ResourceModel._deserialize(converted)
    if model is None:  # pragma: no cover - the schema requires properties
        raise exceptions.InvalidRequest("Invalid request: no resource properties")
    return model


def previous_model(properties: Mapping[str, Any] | None) -> ResourceModel | None:
    """The model of an Update's OldResourceProperties; None if they do not make one.

    They were accepted when applied, but by the code of that day: an update must
    not fail for them (the handlers read only their create-only properties).
    """
    try:
        return model_of(properties)
    except exceptions.InvalidRequest:
        return None
