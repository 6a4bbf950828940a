"""AWS::CustomerProfiles::Domain, through the local service's Create, Update and DeleteDomain.

Create first asks GetDomain whether the domain exists and fails AlreadyExists if
it does (the resource contract's create): a stack never takes over, or fails
obscurely on, a domain it did not make. Create and update end with GetDomain, so
GetAtt sees what a read returns (``Stats`` is only in GetDomain's answer). An
update that changes only tags (the template's or the stack's) is
TagResource/UntagResource alone; otherwise update sends every updatable property
with UpdateDomain; an optional one the template no longer gives is cleared: an
empty string for DeadLetterQueueUrl and DefaultEncryptionKey (UpdateDomain's way
to clear them), ``Enabled: false`` for Matching, RuleBasedMatching and DataStore.
"""

from __future__ import annotations

from typing import Any

from localcloud.cloudformation.engine import ResourceRequest
from localcloud.moto_adapter.cloudformation import CloudFormationModel

from . import service
from .base import Json, SchemaResource

SETTINGS = ("DefaultExpirationDays", "DefaultEncryptionKey", "DeadLetterQueueUrl")
FEATURES = ("Matching", "RuleBasedMatching", "DataStore")
CLEARED: Json = {"DefaultEncryptionKey": "", "DeadLetterQueueUrl": ""}


def _request(properties: Json) -> Json:
    request = {"DomainName": properties["DomainName"]}
    request.update({key: properties[key] for key in (*SETTINGS, *FEATURES) if key in properties})
    if "RuleBasedMatching" in request:  # Status is read-only
        request["RuleBasedMatching"] = {
            k: v for k, v in request["RuleBasedMatching"].items() if k != "Status"
        }
    if "DataStore" in request:  # Readiness is read-only
        request["DataStore"] = {k: v for k, v in request["DataStore"].items() if k != "Readiness"}
    return request


def _model(answer: Any) -> Json:
    return service.model_of(answer)


class CustomerProfilesDomain(SchemaResource, CloudFormationModel):
    TYPE_NAME = "AWS::CustomerProfiles::Domain"

    @classmethod
    def _create(cls, request: ResourceRequest, properties: Json) -> Json:
        name = properties["DomainName"]
        api = service.client(request.region_name)
        tags = service.desired_tags(cls.tagged(properties), request.stack_tags)
        create = service.tagged(_request(properties), tags)
        service.refuse_existing(cls.TYPE_NAME, name, lambda: api.get_domain(DomainName=name))
        with service.calling(f"domain {name}"):
            api.create_domain(**create)
            return _model(api.get_domain(DomainName=name))

    @classmethod
    def _update(cls, request: ResourceRequest, properties: Json, previous: Any) -> Json:
        name = properties["DomainName"]
        api = service.client(request.region_name)
        tags = service.desired_tags(cls.tagged(properties), request.stack_tags)
        update = _request(properties)
        before = cls.schema().coerce(request.previous_properties or {})
        only_tags = bool(before) and _request(before) == update
        for key in (*CLEARED, *FEATURES):  # removed from the template: cleared
            if key in before and key not in properties:
                update[key] = CLEARED.get(key, {"Enabled": False})
        with service.calling(f"domain {name}"):
            if only_tags:
                current = api.get_domain(DomainName=name).get("Tags") or {}
            else:
                current = api.update_domain(**update).get("Tags") or {}
            arn = service.arn(api, request.account_id, f"domains/{name}")
            service.retag(api, arn, current, tags)
            return _model(api.get_domain(DomainName=name))

    def _delete(self, request: ResourceRequest) -> None:
        name = self.properties["DomainName"]
        with service.calling(f"domain {name}"):
            service.client(request.region_name).delete_domain(DomainName=name)
