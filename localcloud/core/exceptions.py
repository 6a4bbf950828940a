"""The base of every local service's errors: a wire code, an HTTP status and a message.

Plain Python: a service's rules raise these, and its moto adapter (or protocol
module) turns ``code``, ``status`` and ``message`` into the service's wire form.
"""

from __future__ import annotations


class ServiceError(Exception):
    """An error a service answers with instead of an operation's output.

    Subclasses set ``code`` and ``status`` as class attributes, or pass them per
    instance (a service whose statuses come from its model).
    """

    code = "InternalServerException"
    status = 500

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return self.message
