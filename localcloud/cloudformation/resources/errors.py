"""The one exception a resource operation fails with, read by the engine."""

from __future__ import annotations


class ResourceFailed(Exception):
    """A create, update or delete of a resource failed.

    ``str()`` is the status reason CloudFormation records for the resource: the
    handler's (or service's) message, prefixed with the handler error code when
    there is one, e.g. ``InvalidRequest: CreateEventTrigger failed for
    shop|large-order: Object type 'Orders' does not exist in domain 'shop'``.
    """

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.message}" if self.code else self.message
