"""Cloud Control's JSON 1.0 protocol: ``X-Amz-Target`` and a JSON body in, JSON out.

Shapes come from botocore's model: the operation named by the target, the
input checked against its input shape (required members, lengths, ranges,
patterns matched whole as AWS does, and enums, reported the way AWS words a
ValidationException), and the
output keeping only members the output shape declares, with timestamps as
epoch seconds as the JSON protocol sends them. Nothing here knows moto: any
HTTP server can call ``handle``.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from datetime import datetime
from typing import Any

from botocore import xform_name
from botocore.model import (
    ListShape,
    OperationModel,
    OperationNotFoundError,
    Shape,
    StringShape,
    StructureShape,
)

from .errors import CloudControlError, service_model
from .service import CloudControl

LOG = logging.getLogger(__name__)

CONTENT_TYPE = "application/x-amz-json-1.0"
Response = tuple[int, dict[str, str], bytes]


def operation_for(target: str | None) -> OperationModel:
    """The operation ``X-Amz-Target`` names, e.g. ``CloudApiService.GetResource``."""
    model = service_model()
    prefix, _, name = (target or "").partition(".")
    try:
        if prefix == model.metadata["targetPrefix"]:
            return model.operation_model(name)
    except OperationNotFoundError:
        pass
    raise CloudControlError("UnknownOperationException", f"Unknown operation {target!r}")


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _constraints(shape: Shape, value: Any) -> list[str]:
    meta = shape.metadata
    kind = shape.type_name
    if kind == "string":
        if not isinstance(value, str):
            return ["Member must be a string"]
        if isinstance(shape, StringShape) and shape.enum and value not in shape.enum:
            return [f"Member must satisfy enum value set: [{', '.join(shape.enum)}]"]
        found = len(value)
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            return ["Member must be a number"]
        found = value
    elif kind == "list":
        if not isinstance(value, list):
            return ["Member must be a list"]
        found = len(value)
    elif kind == "structure":
        return [] if isinstance(value, dict) else ["Member must be an object"]
    else:
        return []
    size = "have value" if kind in ("integer", "long") else "have length"
    problems = []
    if "min" in meta and found < meta["min"]:
        problems.append(f"Member must {size} greater than or equal to {meta['min']}")
    if "max" in meta and found > meta["max"]:
        problems.append(f"Member must {size} less than or equal to {meta['max']}")
    if kind == "string" and "pattern" in meta and not re.fullmatch(meta["pattern"], value):
        problems.append(f"Member must satisfy regular expression pattern: {meta['pattern']}")
    return problems


def _check(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    shown = "null" if value is None else (f"'{value}'" if isinstance(value, str) else str(value))
    if shape.metadata.get("sensitive"):
        shown = "***"
    for problem in _constraints(shape, value):
        problems.append(f"Value {shown} at '{path}' failed to satisfy constraint: {problem}")
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        for name in shape.required_members:
            if value.get(name) is None:
                problems.append(
                    f"Value null at '{_join(path, name)}' failed to satisfy constraint: "
                    "Member must not be null"
                )
        for name, member in shape.members.items():
            if value.get(name) is not None:
                _check(member, value[name], _join(path, name), problems)
    elif isinstance(shape, ListShape) and isinstance(value, list):
        for index, item in enumerate(value):
            _check(shape.member, item, f"{path}.{index + 1}.member", problems)


def _join(path: str, name: str) -> str:
    return f"{path}.{_camel(name)}" if path else _camel(name)


def validate_input(operation: OperationModel, params: dict[str, Any]) -> None:
    """ValidationException listing every constraint ``params`` breaks, as AWS words it."""
    problems: list[str] = []
    if operation.input_shape is not None:
        _check(operation.input_shape, params, "", problems)
    if problems:
        count = len(problems)
        raise CloudControlError(
            "ValidationException",
            f"{count} validation error{'s' if count > 1 else ''} detected: {'; '.join(problems)}",
        )


def serialize(shape: Shape | None, value: Any) -> Any:
    """``value`` as the JSON protocol sends ``shape``: declared members only, epoch timestamps."""
    if shape is None or value is None:
        return value
    if isinstance(shape, StructureShape):
        return {
            name: serialize(shape.members[name], item)
            for name, item in value.items()
            if name in shape.members and item is not None
        }
    if isinstance(shape, ListShape):
        return [serialize(shape.member, item) for item in value]
    if shape.type_name == "timestamp" and isinstance(value, datetime):
        return value.timestamp()
    return value


def _reply(status: int, document: dict[str, Any], extra: dict[str, str] | None = None) -> Response:
    headers = {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": str(uuid.uuid4())}
    headers.update(extra or {})
    return status, headers, json.dumps(document).encode()


def error_response(error: CloudControlError) -> Response:
    return _reply(
        error.status,
        {"__type": error.code, "Message": error.message},
        {"x-amzn-ErrorType": error.code},
    )


def _parse_body(body: bytes | str | None) -> dict[str, Any]:
    if not body:
        return {}
    try:
        document = json.loads(body)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise CloudControlError("SerializationException", "The request body is not a JSON object")
    return document


def handle(service: CloudControl, target: str | None, body: bytes | str | None) -> Response:
    """One HTTP request's answer: status, headers and body."""
    try:
        operation = operation_for(target)
        params = _parse_body(body)
        validate_input(operation, params)
        members = operation.input_shape.members if operation.input_shape else {}
        arguments = {xform_name(name): params[name] for name in members if name in params}
        output = getattr(service, xform_name(operation.name))(**arguments)
        return _reply(200, serialize(operation.output_shape, output))
    except CloudControlError as error:
        return error_response(error)
    except Exception:
        LOG.exception("Cloud Control failed on %s", target)
        return error_response(CloudControlError("InternalFailure", "An internal error occurred"))
