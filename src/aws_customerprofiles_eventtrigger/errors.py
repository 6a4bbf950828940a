"""One table from service errors to handler error codes, and the boundary that applies it.

Every handler runs inside ``boundary``: a service error becomes the lib's
exception named after its HandlerErrorCode, with a message naming what the
request addressed (the trigger, or for LIST the domain) and the service's own
message; anything unexpected becomes InternalFailure, logged once with its
traceback. Messages never carry credentials, conditions or descriptions: the
service's own messages name fields and resources, not values.
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

# Any operation.
ANY = "*"

# (operation, service error code) -> handler error code; an operation's own
# entry wins over the ANY entry for the same code.
ERROR_TABLE: dict[tuple[str, str], HandlerErrorCode] = {
    (ANY, "BadRequestException"): HandlerErrorCode.InvalidRequest,
    (ANY, "ResourceNotFoundException"): HandlerErrorCode.NotFound,
    (ANY, "AccessDeniedException"): HandlerErrorCode.AccessDenied,
    (ANY, "ThrottlingException"): HandlerErrorCode.Throttling,
    (ANY, "InternalServerException"): HandlerErrorCode.ServiceInternalError,
    # A trigger that an integration still names cannot be deleted (the API
    # reference for DeleteEventTrigger); the service's message names the integration.
    ("DeleteEventTrigger", "BadRequestException"): HandlerErrorCode.ResourceConflict,
}

# Operations that address the trigger itself: their NotFound means the trigger
# is missing, in CloudFormation's own words. For the others (create, list) what
# is missing is the domain or another resource, which the service's message names.
ADDRESS_THE_TRIGGER = frozenset(
    {"GetEventTrigger", "UpdateEventTrigger", "DeleteEventTrigger", "TagResource", "UntagResource"}
)

_PARAMETER = re.compile(r"parameter:? ([A-Za-z0-9_.\[\]]+)")

_EXCEPTION_FOR: dict[HandlerErrorCode, Callable[[str], exceptions._HandlerError]] = {
    HandlerErrorCode.InvalidRequest: exceptions.InvalidRequest,
    HandlerErrorCode.ResourceConflict: exceptions.ResourceConflict,
    HandlerErrorCode.AccessDenied: exceptions.AccessDenied,
    HandlerErrorCode.Throttling: exceptions.Throttling,
    HandlerErrorCode.ServiceInternalError: exceptions.ServiceInternalError,
    HandlerErrorCode.NetworkFailure: exceptions.NetworkFailure,
    HandlerErrorCode.InternalFailure: exceptions.InternalFailure,
}


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def handler_code(operation: str, service_code: str) -> HandlerErrorCode:
    """The table's answer for a service error code raised by ``operation``."""
    found = ERROR_TABLE.get((operation, service_code)) or ERROR_TABLE.get((ANY, service_code))
    return found or HandlerErrorCode.GeneralServiceException


def to_handler_error(error: Exception, identifier: str) -> exceptions._HandlerError:
    """The lib exception for ``error``, raised while working on ``identifier``."""
    if isinstance(error, ClientError):
        code = handler_code(error.operation_name, error_code(error))
        if code is HandlerErrorCode.NotFound and error.operation_name in ADDRESS_THE_TRIGGER:
            return exceptions.NotFound(TYPE_NAME, identifier)
        message = error.response.get("Error", {}).get("Message") or error_code(error)
        detail = f"{error.operation_name} failed for {identifier}: {message}"
        if code is HandlerErrorCode.NotFound:
            return _not_found(detail)
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


def _not_found(message: str) -> exceptions.NotFound:
    """NotFound with this message: the lib's constructor words it for a missing trigger."""
    error = exceptions.NotFound(TYPE_NAME, "")
    error.args = (message,)
    return error


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
