"""How a resource operation fails, and when a failed delete means "already gone".

A model's ``create_from_cloudformation_json``, ``update_from_cloudformation_json``
or delete may raise any exception: the engine records it as that resource's
failure (``CREATE_FAILED``, ``UPDATE_FAILED``, ``DELETE_FAILED``) with the
exception's message as ``ResourceStatusReason``. ``ResourceFailure`` lets a model
say which handler error code it failed with, as a resource handler does; the
reason is then its ``str()``, the message prefixed with the code.

On delete, CloudFormation treats a handler's ``NotFound`` as success: the
resource is already gone, so it is ``DELETE_COMPLETE``. The engine does the
same for ``ResourceFailure(error_code="NotFound")`` and for the not-found errors
of moto's own services (``NoSuchBucket``, ``...NonExistentQueue``, ``ParameterNotFound``...).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["ResourceFailure", "UnsupportedType", "is_not_found", "reason_of"]

_NOT_FOUND = re.compile(r"NotFound|NoSuch|NonExistent|DoesNotExist", re.IGNORECASE)


class ResourceFailure(Exception):
    """A resource operation failed; ``str()`` becomes the ResourceStatusReason.

    ``str()`` is the message, prefixed with the handler error code when there is
    one, e.g. ``InvalidRequest: CreateEventTrigger failed for shop|large-order:
    Object type 'Orders' does not exist in domain 'shop'``. ``leftover``: a model
    instance the failed create still made, which the rollback deletes.
    """

    def __init__(self, message: str, error_code: str | None = None, leftover: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.error_code = error_code
        # What the failed operation still made (a custom resource's failed Create has a
        # physical id): the engine keeps it, so the rollback deletes it.
        self.leftover = leftover

    def __str__(self) -> str:
        return f"{self.error_code}: {self.message}" if self.error_code else self.message


class UnsupportedType(ResourceFailure):
    """The endpoint has no model that can provision this resource type."""

    def __init__(self, resource_type: str) -> None:
        super().__init__(
            f"Resource type {resource_type} is not supported by this endpoint "
            "(no CloudFormation model provisions it)",
            error_code="InvalidRequest",
        )
        self.resource_type = resource_type


def reason_of(error: BaseException) -> str:
    """The message a person should read: a ``ResourceFailure``'s ``str()``, another
    error's own message, else ``str(error)``."""
    if isinstance(error, ResourceFailure):
        return str(error)
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return message
    text = str(error)
    return text or type(error).__name__


def is_not_found(error: BaseException) -> bool:
    """True if ``error`` says the resource does not exist (a delete of it is then done)."""
    for attribute in ("error_code", "code", "error_type"):
        value = getattr(error, attribute, None)
        if isinstance(value, str) and _NOT_FOUND.search(value):
            return True
    return False
