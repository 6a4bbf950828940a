"""The five actions. Each makes only the calls its change needs.

Normal path, in API calls: create 1, read 1, update 1 (plus one UntagResource
and/or one TagResource only when the tags change), delete 1, list 1 per page.
Create and update return what read would return, without reading again: the
service's responses carry the whole trigger. Update reads first only where the
client's model has UpdateEventTrigger members the schema does not model
(``translate.unmodelled``: IntentFilterDefinition from botocore 1.44.18), to
keep what was set outside CloudFormation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError
from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.boto3_proxy import SessionProxy
from cloudformation_cli_python_lib.interface import OperationStatus, ProgressEvent

from . import clients, errors, identifier, schema_facts, tags, translate, validation
from .models import ResourceHandlerRequest, ResourceModel

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient

# What each action is: the calls for one request, on a client in its region.
ActionFunction = Callable[["CustomerProfilesClient", ResourceHandlerRequest], ProgressEvent]


def run(
    action: ActionFunction, session: SessionProxy | None, request: ResourceHandlerRequest
) -> ProgressEvent:
    """Runs an action, turning every failure into a FAILED event.

    The request's ``awsPartition`` is set from the client's ``meta.partition``
    (botocore's endpoint data, loaded once by the session), the same source
    the trigger's ARN is built from; the lib's own value says "aws-gov" where
    the partition is "aws-us-gov".
    """
    subject = identifier.subject(request.desiredResourceState)
    try:
        with errors.boundary(subject):
            client = clients.customer_profiles(session, request.region)
            request.awsPartition = client.meta.partition
            return action(client, request)
    except exceptions._HandlerError as error:
        return error.to_progress_event()


def _success(model: ResourceModel | None = None) -> ProgressEvent:
    return ProgressEvent(status=OperationStatus.SUCCESS, resourceModel=model)


def _existing(client: CustomerProfilesClient, model: ResourceModel) -> dict[str, Any] | None:
    """The trigger as the service holds it; None only if the service says it is not there."""
    try:
        return dict(client.get_event_trigger(**translate.identifiers(model)))
    except ClientError as error:
        if errors.error_code(error) == "ResourceNotFoundException":
            return None
        raise


def _made_by(parameters: dict[str, Any], existing: dict[str, Any]) -> bool:
    """Whether ``existing`` is what CreateEventTrigger with ``parameters`` makes."""
    # The API echoes every identifier but the domain, which the request addressed.
    sent = {name: value for name, value in parameters.items() if name != "DomainName"}
    echoed = [name for name in schema_facts.PRIMARY_IDENTIFIER if name != "DomainName"]
    held = {name: existing.get(name) for name in (*echoed, *schema_facts.UPDATABLE)}
    held[schema_facts.TAGS_PROPERTY] = existing.get(schema_facts.TAGS_PROPERTY) or None
    return all(held.get(name) == sent.get(name) for name in {*sent, *held})


def create(client: CustomerProfilesClient, request: ResourceHandlerRequest) -> ProgressEvent:
    model = validation.check(request.desiredResourceState)
    wanted_tags = tags.desired(model.Tags, request.desiredResourceTags)
    parameters = translate.create_request(model, wanted_tags)
    try:
        response = client.create_event_trigger(**parameters)
    except ClientError as error:
        # CreateEventTrigger models no conflict error: a name already taken is a
        # BadRequestException, told apart from other bad requests by a probe.
        if errors.error_code(error) != "BadRequestException":
            raise
        existing = _existing(client, model)
        if existing is None:
            raise
        # botocore retried a create whose first attempt landed but whose answer was
        # lost: the trigger found is this request's own, with what it sent. So is
        # one carrying the CREATED_BY tag this create sent: the custom resource
        # form's record of an earlier delivery of the same request.
        retried = error.response.get("ResponseMetadata", {}).get("RetryAttempts", 0) > 0
        tag_property = schema_facts.TAGS_PROPERTY
        repeated = tags.same_creator(parameters.get(tag_property), existing.get(tag_property))
        if repeated or (retried and _made_by(parameters, existing)):
            return _success(translate.to_model(existing, str(model.DomainName)))
        raise exceptions.AlreadyExists(
            schema_facts.TYPE_NAME,
            identifier.primary_identifier(model.DomainName, model.EventTriggerName),
        ) from error
    return _success(translate.to_model(response, str(model.DomainName)))


def read(client: CustomerProfilesClient, request: ResourceHandlerRequest) -> ProgressEvent:
    model = validation.check_identifiers(request.desiredResourceState, need_name=True)
    response = client.get_event_trigger(**translate.identifiers(model))
    return _success(translate.to_model(response, str(model.DomainName)))


def update(client: CustomerProfilesClient, request: ResourceHandlerRequest) -> ProgressEvent:
    model = validation.check(request.desiredResourceState)
    previous = request.previousResourceState
    if previous is not None:
        for name in schema_facts.CREATE_ONLY:
            if getattr(previous, name) != getattr(model, name):
                raise exceptions.NotUpdatable(
                    f"{name} is create-only: changing it replaces the trigger"
                )
    wanted_tags = tags.desired(model.Tags, request.desiredResourceTags)
    parameters = translate.update_request(model)
    unmodelled = translate.unmodelled(client.meta.service_model)
    if unmodelled:
        existing = client.get_event_trigger(**translate.identifiers(model))
        parameters.update(translate.carried_over(existing, unmodelled))
    response: dict[str, Any] = dict(client.update_event_trigger(**parameters))
    current_tags = response.get("Tags") or {}
    change = tags.diff(current_tags, wanted_tags)
    if change:
        arn = identifier.trigger_arn(
            client.meta.partition,
            client.meta.region_name,
            str(request.awsAccountId),
            str(model.DomainName),
            str(model.EventTriggerName),
        )
        if change.to_remove:
            client.untag_resource(resourceArn=arn, tagKeys=change.to_remove)
        if change.to_set:
            client.tag_resource(resourceArn=arn, tags=change.to_set)
        response["Tags"] = wanted_tags
    return _success(translate.to_model(response, str(model.DomainName)))


def delete(client: CustomerProfilesClient, request: ResourceHandlerRequest) -> ProgressEvent:
    model = validation.check_identifiers(request.desiredResourceState, need_name=True)
    client.delete_event_trigger(**translate.identifiers(model))
    return _success()


def list_(client: CustomerProfilesClient, request: ResourceHandlerRequest) -> ProgressEvent:
    model = validation.check_identifiers(request.desiredResourceState, need_name=False)
    page: dict[str, Any] = {"DomainName": model.DomainName}
    if request.nextToken:
        page["NextToken"] = request.nextToken
    response = client.list_event_triggers(**page)
    return ProgressEvent(
        status=OperationStatus.SUCCESS,
        resourceModels=[
            translate.to_model(item, str(model.DomainName)) for item in response.get("Items", [])
        ],
        nextToken=response.get("NextToken"),
    )
