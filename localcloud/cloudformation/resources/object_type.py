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

from moto.core.common_models import CloudFormationModel

from localcloud.cloudformation.engine import ResourceRequest

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


def _request(properties: Json) -> Json:
    request = {
        key: properties[key]
        for key in ("DomainName", "ObjectTypeName", *SETTINGS)
        if key in properties
    }
    if properties.get("Fields"):
        request["Fields"] = {f["Name"]: f.get("ObjectTypeField", {}) for f in properties["Fields"]}
    if properties.get("Keys"):
        request["Keys"] = {k["Name"]: k.get("ObjectTypeKeyList", []) for k in properties["Keys"]}
    return request


def _model(domain: str, answer: Any) -> Json:
    model = service.as_model(answer)
    model["DomainName"] = domain
    fields = model.pop("Fields", None) or {}
    keys = model.pop("Keys", None) or {}
    if fields:
        model["Fields"] = [{"Name": n, "ObjectTypeField": fields[n]} for n in sorted(fields)]
    if keys:
        model["Keys"] = [{"Name": n, "ObjectTypeKeyList": keys[n]} for n in sorted(keys)]
    model["Tags"] = service.tag_list(model.get("Tags") or {})
    return model


class CustomerProfilesObjectType(SchemaResource, CloudFormationModel):
    TYPE_NAME = "AWS::CustomerProfiles::ObjectType"

    @classmethod
    def _create(cls, request: ResourceRequest, properties: Json) -> Json:
        domain, name = properties["DomainName"], properties["ObjectTypeName"]
        api = service.client(request.region_name)
        tags = service.desired_tags(cls.tagged(properties), request.stack_tags)
        put = _request(properties)
        if tags:
            put["Tags"] = tags
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
