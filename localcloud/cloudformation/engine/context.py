"""What a resource model is told about the operation it runs in.

moto calls a model's ``create_from_cloudformation_json``,
``update_from_cloudformation_json`` and delete with the resolved resource JSON
only. CloudFormation tells a resource handler more: the stack, the logical id,
the stack's tags and system tags, and on update the previous properties and
previous stack tags. The engine sets that here for the duration of each call::

    from localcloud.cloudformation.engine.context import current_request

    request = current_request()        # None outside a stack operation
    request.previous_properties        # on UPDATE: the properties before it

``request_options`` is the same for a whole stack operation: the request's
options that moto's response methods do not pass to the backend (OnFailure,
DisableRollback, RetainResources, ChangeSetType as given), set by the engine's
response class for the duration of the call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ResourceRequest",
    "current_request",
    "request_option",
    "request_options",
    "resource_request",
]


@dataclass(frozen=True)
class ResourceRequest:
    """One resource operation of a stack operation, as CloudFormation describes it."""

    action: str  # CREATE, UPDATE or DELETE
    stack_id: str
    stack_name: str
    logical_id: str
    resource_type: str
    account_id: str
    region_name: str
    properties: dict[str, Any] = field(default_factory=dict)
    stack_tags: dict[str, str] = field(default_factory=dict)
    system_tags: dict[str, str] = field(default_factory=dict)
    previous_properties: dict[str, Any] | None = None
    previous_stack_tags: dict[str, str] | None = None
    physical_id: str | None = None
    rollback: bool = False  # True while undoing a failed stack operation


_current: ContextVar[ResourceRequest | None] = ContextVar("cloudformation_request", default=None)


def current_request() -> ResourceRequest | None:
    """The resource operation running now, or None outside one."""
    return _current.get()


@contextmanager
def resource_request(request: ResourceRequest) -> Iterator[ResourceRequest]:
    token = _current.set(request)
    try:
        yield request
    finally:
        _current.reset(token)


request_options: ContextVar[dict[str, Any] | None] = ContextVar(
    "cloudformation_request_options", default=None
)


def request_option(name: str, default: Any = None) -> Any:
    """An option of the stack operation's request (``default`` outside one)."""
    return (request_options.get() or {}).get(name, default)
