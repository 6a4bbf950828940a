"""Per-resource state of a stack, and the events that report it.

moto keeps only the model instances of a stack; CloudFormation also keeps, per
logical id, a status, a reason, a physical id and the resolved properties the
resource was last made with. ``ResourceRecord`` is that; ``resource_event``
moves a record to a status and appends the matching stack event (events are
kept oldest first; DescribeStackEvents returns them newest first).

Each event is at least a millisecond after the one before it in its stack.
Clients order events by their time to the millisecond (the AWS SDK for
JavaScript parses it so, and the CDK CLI sorts by it): events made within one
millisecond, as a fast local resource makes them, would be shown out of order.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from localcloud.moto_adapter.cloudformation import Event, Stack, add_stack_event, utcnow

__all__ = ["LIVE", "ResourceRecord", "resource_event", "stack_event"]

# Statuses of a resource that exists.
LIVE = frozenset(
    {
        "CREATE_COMPLETE",
        "UPDATE_COMPLETE",
        "UPDATE_IN_PROGRESS",
        "UPDATE_FAILED",
        "DELETE_FAILED",
        "IMPORT_COMPLETE",
    }
)


@dataclass
class ResourceRecord:
    logical_id: str
    resource_type: str
    status: str = "CREATE_IN_PROGRESS"
    reason: str | None = None
    instance: Any = None
    physical_id: str | None = None
    name: str = ""  # the physical name moto generated or the template gave
    resolved: dict[str, Any] = field(default_factory=dict)  # the resource JSON, resolved
    stack_tags: dict[str, str] = field(default_factory=dict)
    timestamp: datetime = field(default_factory=utcnow)

    @property
    def properties(self) -> dict[str, Any]:
        return dict(self.resolved.get("Properties") or {})

    @property
    def exists(self) -> bool:
        return self.instance is not None

    def attach(self, instance: Any) -> None:
        self.instance = instance
        physical = getattr(instance, "physical_resource_id", None)
        self.physical_id = None if physical is None else str(physical)

    def copy(self) -> ResourceRecord:
        twin = copy.copy(self)
        twin.resolved = copy.deepcopy(self.resolved)
        twin.stack_tags = dict(self.stack_tags)
        return twin


# The resolution clients read an event's time at.
EVENT_STEP = timedelta(milliseconds=1)


def _in_order(stack: Stack) -> datetime:
    """The last event's time, moved to a millisecond after the one before it if need be."""
    events = stack.events
    if len(events) >= 2 and events[-1].timestamp < events[-2].timestamp + EVENT_STEP:
        events[-1].timestamp = events[-2].timestamp + EVENT_STEP
    timestamp: datetime = events[-1].timestamp
    return timestamp


def _append(stack: Stack, event: Event) -> None:
    stack.events.append(event)
    _in_order(stack)
    event.sendToSns(stack.account_id, stack.region_name, stack.notification_arns)


def resource_event(
    stack: Stack, record: ResourceRecord, status: str, reason: str | None = None
) -> None:
    """Move ``record`` to ``status`` and report it as a stack event."""
    record.status = status
    record.reason = reason
    event = Event(
        stack_id=stack.stack_id,
        stack_name=stack.name,
        logical_resource_id=record.logical_id,
        physical_resource_id=record.physical_id or "",
        resource_type=record.resource_type,
        resource_status=status,
        resource_status_reason=reason,
        resource_properties=None,
    )
    _append(stack, event)
    record.timestamp = event.timestamp


def stack_event(stack: Stack, status: str, reason: str | None = None) -> None:
    """Move the stack to ``status`` and report it."""
    stack.status = status
    stack.status_reason = reason  # type: ignore[attr-defined]
    add_stack_event(stack, status, reason)
    _in_order(stack)
