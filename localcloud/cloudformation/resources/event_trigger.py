"""AWS::CustomerProfiles::EventTrigger, through the provider's own Lambda entrypoint.

Every operation is one HandlerRequest (plus callbacks while IN_PROGRESS) to
``aws_customerprofiles_eventtrigger.handlers.resource``: the resource is
whatever the handler makes it, with the handler's messages. Delete treats the
handler's NotFound as done, as CloudFormation does.
"""

from __future__ import annotations

from typing import Any

from moto.core.common_models import CloudFormationModel

from .base import Json, SchemaResource
from .errors import ResourceFailed
from .handler import invoke
from .stack import StackContext


class CustomerProfilesEventTrigger(SchemaResource, CloudFormationModel):
    TYPE_NAME = "AWS::CustomerProfiles::EventTrigger"

    @classmethod
    def _create(cls, context: StackContext, properties: Json) -> Json:
        result = invoke("CREATE", context, properties)
        return dict(result.model or properties)

    @classmethod
    def _update(cls, context: StackContext, properties: Json, previous: Any) -> Json:
        result = invoke(
            "UPDATE",
            context,
            properties,
            previous_properties=previous.properties,
            previous_stack_tags=previous.context.stack_tags,
        )
        return dict(result.model or properties)

    def _delete(self) -> None:
        try:
            invoke("DELETE", self.context, self.properties)
        except ResourceFailed as error:
            if error.code != "NotFound":
                raise
