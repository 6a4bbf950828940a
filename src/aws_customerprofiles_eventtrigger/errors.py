"""One table from service errors to handler error codes, and the boundary that applies it.

Every handler runs inside ``boundary``: a service error becomes the lib's
exception named after its HandlerErrorCode, with a message naming the trigger;
anything unexpected becomes InternalFailure, logged once with its traceback.
Messages never carry credentials, conditions or descriptions: the service's
own messages name fields, not their values.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from botocore.exceptions import ClientError, HTTPClientError, ParamValidationError
from botocore.exceptions import ConnectionError as BotocoreConnectionError
from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.interface import HandlerErrorCode

from .schema_facts import TYPE_NAME

LOG = logging.getLogger(__name__)

ERROR_TABLE: dict[str, HandlerErrorCode] = {
    "BadRequestException": HandlerErrorCode.InvalidRequest,
    "ResourceNotFoundException": HandlerErrorCode.NotFound,
    "AccessDeniedException": HandlerErrorCode.AccessDenied,
    "ThrottlingException": HandlerErrorCode.Throttling,
    "InternalServerException": HandlerErrorCode.ServiceInternalError,
}

_PARAMETER = re.compile(r"parameter:? ([A-Za-z0-9_.\[\]]+)")

_EXCEPTION_FOR: dict[HandlerErrorCode, Callable[[str], exceptions._HandlerError]] = {
    HandlerErrorCode.InvalidRequest: exceptions.InvalidRequest,
    HandlerErrorCode.AccessDenied: exceptions.AccessDenied,
    HandlerErrorCode.Throttling: exceptions.Throttling,
    HandlerErrorCode.ServiceInternalError: exceptions.ServiceInternalError,
    HandlerErrorCode.NetworkFailure: exceptions.NetworkFailure,
    HandlerErrorCode.InternalFailure: exceptions.InternalFailure,
}


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def to_handler_error(error: Exception, identifier: str) -> exceptions._HandlerError:
    """The lib exception for ``error``, raised while working on ``identifier``."""
    if isinstance(error, ClientError):
        code = ERROR_TABLE.get(error_code(error), HandlerErrorCode.GeneralServiceException)
        if code is HandlerErrorCode.NotFound:
            return exceptions.NotFound(TYPE_NAME, identifier)
        message = error.response.get("Error", {}).get("Message") or error_code(error)
        detail = f"{error.operation_name} failed for {identifier}: {message}"
        return _EXCEPTION_FOR.get(code, exceptions.GeneralServiceException)(detail)
    if isinstance(error, ParamValidationError):
        # botocore's report quotes the values; name the parameters only.
        names = sorted(set(_PARAMETER.findall(str(error)))) or ["the parameters"]
        return exceptions.InvalidRequest(f"Invalid request for {identifier}: {', '.join(names)}")
    if isinstance(error, BotocoreConnectionError | HTTPClientError):
        return exceptions.NetworkFailure(
            f"Could not reach Customer Profiles for {identifier}: {type(error).__name__}"
        )
    return exceptions.InternalFailure(f"Unexpected {type(error).__name__} for {identifier}")


@contextmanager
def boundary(identifier: str) -> Iterator[None]:
    """Turns whatever the work raises into a handler error, logging the unexpected once."""
    try:
        yield
    except exceptions._HandlerError:
        raise
    except (ClientError, ParamValidationError, BotocoreConnectionError, HTTPClientError) as error:
        raise to_handler_error(error, identifier) from error
    except Exception as error:
        LOG.exception("Unexpected error while handling %s", identifier)
        raise to_handler_error(error, identifier) from error
