"""AWS::CustomerProfiles::ObjectType, through PutProfileObjectType and DeleteProfileObjectType.

PutProfileObjectType creates or replaces, so create first asks whether the
object type exists (GetProfileObjectType): a template never takes over one it
did not make (AlreadyExists). Update puts the whole desired object type (an
optional property removed from the template is gone after it) and then changes
only the tags that differ. The template's lists of Fields and Keys (``Name`` with
the value) are the API's maps.
"""

from __future__ import annotations

from typing import Any

from localcloud.cloudformation.engine import ResourceRequest
from localcloud.moto_adapter.cloudformation import CloudFormationModel

from . import service
from .base import Json, SchemaResource

SETTINGS = (
    "Description",
    "TemplateId",
    "ExpirationDays",
    "EncryptionKey",
    "AllowProfileCreation",
    "SourceLastUpdatedTimestampFormat",
    "MaxProfileObjectCount",
    "SourcePriority",
)


LISTS: service.Lists = {
    "Fields": ("Name", "ObjectTypeField", {}),
    "Keys": ("Name", "ObjectTypeKeyList", []),
}


def _request(properties: Json) -> Json:
    return service.api_request(properties, ("DomainName", "ObjectTypeName", *SETTINGS), LISTS)


def _model(domain: str, answer: Any) -> Json:
    return {**service.model_of(answer, LISTS), "DomainName": domain}


class CustomerProfilesObjectType(SchemaResource, CloudFormationModel):
    TYPE_NAME = "AWS::CustomerProfiles::ObjectType"

    @classmethod
    def _create(cls, request: ResourceRequest, properties: Json) -> Json:
        domain, name = properties["DomainName"], properties["ObjectTypeName"]
        api = service.client(request.region_name)
        tags = service.desired_tags(cls.tagged(properties), request.stack_tags)
        put = service.tagged(_request(properties), tags)
        service.refuse_existing(
            cls.TYPE_NAME,
            f"{domain}|{name}",
            lambda: api.get_profile_object_type(DomainName=domain, ObjectTypeName=name),
        )
        with service.calling(f"object type {domain}|{name}"):
            return _model(domain, api.put_profile_object_type(**put))

    @classmethod
    def _update(cls, request: ResourceRequest, properties: Json, previous: Any) -> Json:
        domain, name = properties["DomainName"], properties["ObjectTypeName"]
        api = service.client(request.region_name)
        tags = service.desired_tags(cls.tagged(properties), request.stack_tags)
        with service.calling(f"object type {domain}|{name}"):
            answer: dict[str, Any] = dict(api.put_profile_object_type(**_request(properties)))
            current: dict[str, str] = answer.get("Tags") or {}
            arn = service.arn(api, request.account_id, f"domains/{domain}/object-types/{name}")
            service.retag(api, arn, current, tags)
            answer["Tags"] = tags
            return _model(domain, answer)

    def _delete(self, request: ResourceRequest) -> None:
        domain, name = self.properties["DomainName"], self.properties["ObjectTypeName"]
        api = service.client(request.region_name)
        with service.calling(f"object type {domain}|{name}"):
            api.delete_profile_object_type(DomainName=domain, ObjectTypeName=name)
