"""Translation between the resource model and the Customer Profiles API.

The model's property names are the API's member names, so translation is a
matter of choosing members, converting tags (list of Key/Value in the model, a
map in the API) and timestamps (ISO-8601 UTC strings in the model, datetimes in
the local zone from botocore).

Update semantics, assumed in one place: UpdateEventTrigger is sent the full
desired state, and the service replaces the updatable fields with what is sent,
so an optional property left out of the template (Description, SegmentFilter,
EventTriggerLimits) is removed from the trigger. If the real service turns out
to keep members that are not sent, the change belongs here: ``update_request``
would then have to clear them explicitly.

The API grows faster than the schema: botocore 1.44.18 added
IntentFilterDefinition, which the schema has no property for. A template can
neither set nor clear it, so an update must not clear one set outside
CloudFormation: ``unmodelled`` names such members of the installed model, and
the update carries over their current values (``carried_over``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from botocore.model import ServiceModel
from cloudformation_cli_python_lib.utils import deserialize_list

from . import schema_facts, tags
from .models import EventTriggerCondition, EventTriggerLimits, ResourceModel


def _updatable_members(model: ResourceModel) -> dict[str, Any]:
    # The schema's updatable properties, read at call time from the generated facts.
    properties = model._serialize()
    return {name: properties[name] for name in schema_facts.UPDATABLE if name in properties}


def identifiers(model: ResourceModel) -> dict[str, Any]:
    """The primary identifier's members, as the API names them."""
    return {name: getattr(model, name) for name in schema_facts.PRIMARY_IDENTIFIER}


def create_request(model: ResourceModel, tag_map: Mapping[str, str]) -> dict[str, Any]:
    """CreateEventTrigger's parameters: every property set, tags left out when empty."""
    request = {**identifiers(model), **_updatable_members(model)}
    if tag_map:
        request[schema_facts.TAGS_PROPERTY] = dict(tag_map)
    return request


def update_request(model: ResourceModel) -> dict[str, Any]:
    """UpdateEventTrigger's parameters: the full desired state (see the module docstring)."""
    return {**identifiers(model), **_updatable_members(model)}


@functools.cache
def unmodelled(service: ServiceModel) -> tuple[str, ...]:
    """UpdateEventTrigger's members that GetEventTrigger answers but the schema has no
    property for, in ``service`` (the client's model): none for botocore before 1.44.18."""
    request = service.operation_model("UpdateEventTrigger").input_shape
    answer = service.operation_model("GetEventTrigger").output_shape
    if request is None or answer is None:
        return ()
    modelled = {*schema_facts.PRIMARY_IDENTIFIER, *schema_facts.UPDATABLE}
    return tuple(
        name for name in request.members if name not in modelled and name in answer.members
    )


def carried_over(existing: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The members ``names`` the trigger has now, to send again with an update."""
    return {name: existing[name] for name in names if existing.get(name) is not None}


def timestamp(value: datetime | None) -> str | None:
    """ISO-8601 UTC with a ``Z``, whatever zone botocore attached."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def to_model(response: Mapping[str, Any], domain_name: str) -> ResourceModel:
    """A fresh model from a Get, Create or Update response, or a list item.

    The API echoes neither DomainName nor an ARN, so the domain comes from the
    request. Absent members stay absent. The model is built directly rather
    than through ``ResourceModel._deserialize``, which scans the models module
    on every call and recasts strings CloudFormation sends (the API's members
    are typed already): a third of a READ's own cost.
    """
    return ResourceModel(
        DomainName=domain_name,
        EventTriggerName=response.get("EventTriggerName"),
        ObjectTypeName=response.get("ObjectTypeName"),
        Description=response.get("Description"),
        EventTriggerConditions=deserialize_list(
            response.get("EventTriggerConditions") or [], EventTriggerCondition
        ),
        SegmentFilter=response.get("SegmentFilter"),
        EventTriggerLimits=EventTriggerLimits._deserialize(response.get("EventTriggerLimits")),
        CreatedAt=timestamp(response.get("CreatedAt")),
        LastUpdatedAt=timestamp(response.get("LastUpdatedAt")),
        Tags=tags.to_model(response.get("Tags")),
    )
