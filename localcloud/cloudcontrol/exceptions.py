"""Cloud Control's exceptions, named and given HTTP statuses by botocore's model.

botocore's ``cloudcontrol`` model is the authority: an exception shape's name is
its wire code, and its status is the shape's ``httpStatusCode`` if it has one,
else 500 for a ``fault`` and 400 otherwise (the model marks which are faults).
Only the errors every AWS API may send are listed by hand, because no service
model carries them.
"""

from __future__ import annotations

from functools import cache

from botocore.model import ServiceModel

from localcloud.core import regions
from localcloud.core.exceptions import ServiceError

SERVICE_NAME = "cloudcontrol"

# AWS's "Common Errors": sent by any API, absent from every service model.
COMMON_ERRORS: dict[str, int] = {
    "ValidationException": 400,
    "SerializationException": 400,
    "UnknownOperationException": 400,
    "InternalFailure": 500,
}

# Handler error codes whose Cloud Control exception is not "<code>Exception".
_RENAMED = {
    "NotFound": "ResourceNotFoundException",
    "InternalFailure": "HandlerInternalFailureException",
    "ServiceTimeout": "HandlerFailureException",
}


def service_model() -> ServiceModel:
    """botocore's Cloud Control model, loaded once."""
    return regions.service_model(SERVICE_NAME)


@cache
def modelled_statuses() -> dict[str, int]:
    """Every exception the model declares, with the HTTP status it is sent with."""
    # The raw shapes: botocore's Shape objects drop the ``fault`` flag.
    loader = regions.session().get_component("data_loader")
    shapes = loader.load_service_model(SERVICE_NAME, "service-2")["shapes"]
    statuses: dict[str, int] = {}
    for name, shape in shapes.items():
        if not shape.get("exception"):
            continue
        error = shape.get("error", {})
        fallback = 500 if shape.get("fault") else 400
        statuses[error.get("code", name)] = int(error.get("httpStatusCode", fallback))
    return statuses


def http_status(code: str) -> int:
    """The status ``code`` is sent with; KeyError for a code no model or common list has."""
    statuses = modelled_statuses()
    return statuses[code] if code in statuses else COMMON_ERRORS[code]


@cache
def exception_for_handler_code(handler_code: str) -> str:
    """The Cloud Control exception a synchronous handler failure becomes.

    ``X`` maps to ``XException`` when the model has it; the few that are named
    otherwise are in ``_RENAMED``; anything left is a GeneralServiceException.
    """
    statuses = modelled_statuses()
    for candidate in (_RENAMED.get(handler_code), f"{handler_code}Exception", handler_code):
        if candidate and candidate in statuses:
            return candidate
    return "GeneralServiceException"


class CloudControlError(ServiceError):
    """An error Cloud Control sends back instead of the operation's output."""

    def __init__(self, code: str, message: str) -> None:
        # http_status fails fast on a code the service never sends
        super().__init__(message, code=code, status=http_status(code))

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
