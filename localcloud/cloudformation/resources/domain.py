"""AWS::CustomerProfiles::Domain, through the local service's Create, Update and DeleteDomain.

Create and update end with GetDomain, so GetAtt sees what a read returns
(``Stats`` is only in GetDomain's answer). Update sends every updatable
property; an optional one the template no longer gives is cleared: an empty
string for DeadLetterQueueUrl and DefaultEncryptionKey (UpdateDomain's way to
clear them), ``Enabled: false`` for Matching, RuleBasedMatching and DataStore.
"""

from __future__ import annotations

from typing import Any

from moto.core.common_models import CloudFormationModel

from . import service
from .base import Json, SchemaResource
from .errors import ResourceFailed
from .stack import StackContext

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
    model = service.as_model(answer)
    model["Tags"] = service.tag_list(model.get("Tags") or {})
    return model


class CustomerProfilesDomain(SchemaResource, CloudFormationModel):
    TYPE_NAME = "AWS::CustomerProfiles::Domain"

    @classmethod
    def _create(cls, context: StackContext, properties: Json) -> Json:
        name = properties["DomainName"]
        api = service.client(context.region)
        tags = service.desired_tags(cls.tagged(properties), context.stack_tags)
        request = _request(properties)
        if tags:
            request["Tags"] = tags
        with service.calling(f"domain {name}"):
            api.create_domain(**request)
            return _model(api.get_domain(DomainName=name))

    @classmethod
    def _update(cls, context: StackContext, properties: Json, previous: Any) -> Json:
        name = properties["DomainName"]
        api = service.client(context.region)
        tags = service.desired_tags(cls.tagged(properties), context.stack_tags)
        request = _request(properties)
        for key in (*CLEARED, *FEATURES):  # removed from the template: cleared
            if key in previous.properties and key not in properties:
                request[key] = CLEARED.get(key, {"Enabled": False})
        with service.calling(f"domain {name}"):
            answer = api.update_domain(**request)
            arn = service.arn(api, context.account_id, f"domains/{name}")
            service.retag(api, arn, answer.get("Tags") or {}, tags)
            return _model(api.get_domain(DomainName=name))

    def _delete(self) -> None:
        name = self.properties["DomainName"]
        api = service.client(self.context.region)
        try:
            with service.calling(f"domain {name}"):
                api.delete_domain(DomainName=name)
        except ResourceFailed as error:
            if error.code != "NotFound":
                raise
