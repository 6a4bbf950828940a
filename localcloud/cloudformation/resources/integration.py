"""AWS::CustomerProfiles::Integration, through PutIntegration and DeleteIntegration.

Its primary identifier is DomainName and Uri. PutIntegration creates or
replaces, so create first asks whether an integration of that Uri exists
(GetIntegration): a template never takes over one it did not make. Update puts
the whole desired integration with its tags: PutIntegration replaces the tags
when it is given some. The template's ObjectTypeNames (a list of Key/Value) is
the API's map.
"""

from __future__ import annotations

from typing import Any

from localcloud.cloudformation.engine import ResourceRequest
from localcloud.moto_adapter.cloudformation import CloudFormationModel

from . import service
from .base import Json, SchemaResource

SETTINGS = ("Uri", "ObjectTypeName", "FlowDefinition", "EventTriggerNames", "Scope")


LISTS: service.Lists = {"ObjectTypeNames": ("Key", "Value", "")}


def _request(properties: Json, tags: dict[str, str]) -> Json:
    return service.tagged(service.api_request(properties, ("DomainName", *SETTINGS), LISTS), tags)


def _model(answer: Any) -> Json:
    return service.model_of(answer, LISTS)


class CustomerProfilesIntegration(SchemaResource, CloudFormationModel):
    TYPE_NAME = "AWS::CustomerProfiles::Integration"

    @classmethod
    def _create(cls, request: ResourceRequest, properties: Json) -> Json:
        domain, uri = properties["DomainName"], properties.get("Uri")
        api = service.client(request.region_name)
        tags = service.desired_tags(cls.tagged(properties), request.stack_tags)
        if uri is not None:
            service.refuse_existing(
                cls.TYPE_NAME,
                f"{domain}|{uri}",
                lambda: api.get_integration(DomainName=domain, Uri=uri),
            )
        with service.calling(f"integration {domain}|{uri}"):
            return _model(api.put_integration(**_request(properties, tags)))

    @classmethod
    def _update(cls, request: ResourceRequest, properties: Json, previous: Any) -> Json:
        domain = properties["DomainName"]
        uri = properties.get("Uri") or previous.model.get("Uri")
        api = service.client(request.region_name)
        tags = service.desired_tags(cls.tagged(properties), request.stack_tags)
        put = _request({**properties, "Uri": uri} if uri else properties, tags)
        with service.calling(f"integration {domain}|{uri}"):
            return _model(api.put_integration(**put))

    def _delete(self, request: ResourceRequest) -> None:
        domain = self.properties["DomainName"]
        uri = self.model.get("Uri") or self.properties.get("Uri")
        if not uri:
            return  # never made
        api = service.client(request.region_name)
        with service.calling(f"integration {domain}|{uri}"):
            api.delete_integration(DomainName=domain, Uri=uri)
