"""Cloud Control's JSON 1.0 protocol, read from botocore's model (no moto here).

``OPERATIONS`` is every operation of the model (the service emulates them all).
``check_input`` checks a request's raw body as AWS does: a JSON object, valid
for the operation's input shape by the shared model validator
(``localcloud.core.validation``, worded as AWS words a ValidationException).
Routing, parsing and the output's serialization are the moto adapter's
(``responses``), as for every local service.
"""

from __future__ import annotations

from typing import Any

from botocore.model import OperationModel

from localcloud.core import json_text
from localcloud.core.validation import InputValidationError, ModelValidator, aws_json_message

from .exceptions import SERVICE_NAME, CloudControlError, service_model

VALIDATOR = ModelValidator(SERVICE_NAME, aws_json_message)
OPERATIONS: tuple[str, ...] = tuple(service_model().operation_names)


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
        document = json_text.loads(body, "The request body")
    except ValueError as error:
        raise CloudControlError("SerializationException", str(error)) from None
    if not isinstance(document, dict):
        raise CloudControlError("SerializationException", "The request body is not a JSON object")
    return document


def check_input(operation: str, body: bytes | str | None) -> None:
    """SerializationException unless ``body`` is a JSON object, ValidationException unless
    it is valid for ``operation``'s input shape."""
    validate_input(service_model().operation_model(operation), _parse_body(body))
