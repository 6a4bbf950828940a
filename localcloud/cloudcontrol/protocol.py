"""Cloud Control's JSON 1.0 protocol, read from botocore's model (no moto here).

``OPERATIONS`` is every operation of the model (the service emulates them all).
``read_input`` takes a request's raw body to the operation's parameters: a JSON
object checked against the input shape by the shared model validator
(``localcloud.core.validation``, worded as AWS words a ValidationException),
with member names as the service's methods take them. Routing, parsing and
the output's serialization are the moto adapter's (``responses``), as for
every local service.
"""

from __future__ import annotations

import json
from typing import Any

from botocore import xform_name
from botocore.model import OperationModel, OperationNotFoundError

from localcloud.core.validation import InputValidationError, ModelValidator, aws_json_message

from .exceptions import SERVICE_NAME, CloudControlError, service_model

VALIDATOR = ModelValidator(SERVICE_NAME, aws_json_message)
OPERATIONS: tuple[str, ...] = tuple(service_model().operation_names)


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


def read_input(operation: str, body: bytes | str | None) -> dict[str, Any]:
    """The operation's arguments, by the service's (snake_case) names, from a checked body."""
    model = operation_for(f"{service_model().metadata['targetPrefix']}.{operation}")
    params = _parse_body(body)
    validate_input(model, params)
    members = model.input_shape.members if model.input_shape else {}
    return {xform_name(name): params[name] for name in members if name in params}
