"""AWS::CustomerProfiles::EventTrigger, through the provider's own Lambda entrypoint.

Every operation is one HandlerRequest (plus callbacks while IN_PROGRESS) to
``aws_customerprofiles_eventtrigger.handlers.resource``, by the registry handler
contract (``handler.invoke``): the resource is whatever the handler makes it,
with the handler's messages. The handler's
NotFound on delete is the engine's to count as deleted, as CloudFormation does.
"""

from __future__ import annotations

from typing import Any

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.cloudformation.engine import ResourceRequest
from localcloud.moto_adapter.cloudformation import CloudFormationModel

from .base import Json, SchemaResource
from .handler import invoke


class CustomerProfilesEventTrigger(SchemaResource, CloudFormationModel):
    TYPE_NAME = TYPE_NAME

    @classmethod
    def _create(cls, request: ResourceRequest, properties: Json) -> Json:
        return dict(invoke("CREATE", request, properties).model or properties)

    @classmethod
    def _update(cls, request: ResourceRequest, properties: Json, previous: Any) -> Json:
        return dict(invoke("UPDATE", request, properties).model or properties)

    def _delete(self, request: ResourceRequest) -> None:
        invoke("DELETE", request, self.properties)
