"""Cloud Control's JSON 1.0 protocol: ``X-Amz-Target`` and a JSON body in, JSON out.

Shapes come from botocore's model: the operation named by the target, the
input checked against its input shape by the shared model validator
(``localcloud.core.validation``, worded as AWS words a ValidationException),
and the output keeping only members the output shape declares, with timestamps
as epoch seconds as the JSON protocol sends them. Nothing here knows moto: any
HTTP server can call ``handle``.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime
from typing import Any

from botocore import xform_name
from botocore.model import ListShape, OperationModel, OperationNotFoundError, Shape, StructureShape

from localcloud.core.validation import InputValidationError, ModelValidator, aws_json_message

from .exceptions import SERVICE_NAME, CloudControlError, service_model
from .service import CloudControl

LOG = logging.getLogger(__name__)

CONTENT_TYPE = "application/x-amz-json-1.0"
Response = tuple[int, dict[str, str], bytes]
VALIDATOR = ModelValidator(SERVICE_NAME, aws_json_message)


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


def validate_input(operation: OperationModel, params: dict[str, Any]) -> None:
    """ValidationException listing the constraints ``params`` break, as AWS words it."""
    try:
        VALIDATOR.validate_input(operation, params)
    except InputValidationError as error:
        raise CloudControlError("ValidationException", str(error)) from None


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
