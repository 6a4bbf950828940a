"""The floor for the cold start: a minimal provider on cloudformation-cli-python-lib.

One READ handler making the same GetEventTrigger call as the resource type's,
with everything the lib does by default (its own boto3 session per
invocation) and nothing more: no schema validation, no model mapping, no
client reuse. What the resource type pays above this is its own.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from cloudformation_cli_python_lib import (
    Action,
    BaseResourceHandlerRequest,
    OperationStatus,
    ProgressEvent,
    Resource,
    SessionProxy,
)
from cloudformation_cli_python_lib.interface import BaseModel

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME


@dataclass
class Model(BaseModel):
    DomainName: str | None = None
    EventTriggerName: str | None = None
    ObjectTypeName: str | None = None

    @classmethod
    def _deserialize(cls, json_data: Mapping[str, Any] | None) -> Model | None:
        if not json_data:
            return None
        return cls(
            DomainName=json_data.get("DomainName"),
            EventTriggerName=json_data.get("EventTriggerName"),
            ObjectTypeName=json_data.get("ObjectTypeName"),
        )


resource = Resource(TYPE_NAME, Model)


@resource.handler(Action.READ)
def read(
    session: SessionProxy | None,
    request: BaseResourceHandlerRequest,
    callback_context: MutableMapping[str, Any],
) -> ProgressEvent:
    assert session is not None
    model = request.desiredResourceState
    client = session.client("customer-profiles", region_name=request.region)
    found = client.get_event_trigger(
        DomainName=model.DomainName, EventTriggerName=model.EventTriggerName
    )
    return ProgressEvent(
        status=OperationStatus.SUCCESS,
        resourceModel=Model(
            DomainName=model.DomainName,
            EventTriggerName=found["EventTriggerName"],
            ObjectTypeName=found["ObjectTypeName"],
        ),
    )
