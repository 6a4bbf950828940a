"""Create, Update and Delete of the custom resource, on the registry type's handlers.

Every change is made by the handlers ``aws_customerprofiles_eventtrigger.handlers``
registers, called with a ``ResourceHandlerRequest`` as the lib builds one, so
the two forms cannot disagree; an IN_PROGRESS answer is followed in-process with its callback
context. The function acts with its own credentials (``clients.own_session``).

- Create: the handlers' create, tagging the trigger ``tags.CREATED_BY`` (see
  ``identity``). A repeat of the same request finds its own trigger (the
  create handler recognises the tag) and succeeds; a trigger that is not this
  request's is AlreadyExists, answered with a failed-create id.
- Update: in place when the properties name the trigger the physical id names
  (the type's create-only properties are its identifier), with
  OldResourceProperties as the previous state; otherwise a create, answering the
  new trigger's id, after which CloudFormation deletes the old one. If that
  trigger exists already and this resource created it (a rollback of a rename
  finds the old trigger still there), it is updated in place to the properties
  and its id answered, so CloudFormation's cleanup deletes the other one.
- Delete: only a trigger this resource created (its CREATED_BY tag says so) is
  deleted. An id naming no trigger, a trigger already gone, or anyone else's
  trigger is SUCCESS with no write call.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError
from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.boto3_proxy import SessionProxy
from cloudformation_cli_python_lib.interface import HandlerErrorCode, OperationStatus, ProgressEvent

from .. import clients, errors, handlers, schema_facts, tags
from ..models import ResourceHandlerRequest, ResourceModel
from . import identity, properties
from .response import FAILED, SUCCESS, Outcome, Responder

LOG = logging.getLogger(__name__)

REQUEST_TYPES = ("Create", "Update", "Delete")
# The event's fields every request needs, and those Update and Delete add.
REQUIRED = ("RequestType", "ResponseURL", "StackId", "RequestId", "LogicalResourceId")
REQUIRED_FOR = {"Update": ("PhysicalResourceId",), "Delete": ("PhysicalResourceId",)}


@dataclass(frozen=True)
class Request:
    """A custom resource request, as CloudFormation sends it to the function."""

    request_type: str
    request_id: str
    stack_id: str
    logical_id: str
    physical_id: str | None
    properties: Mapping[str, Any] | None
    old_properties: Mapping[str, Any] | None
    partition: str
    region: str
    account: str

    @classmethod
    def from_event(cls, event: Any) -> Request:
        """The request; InvalidRequest naming the first field missing or malformed."""
        if not isinstance(event, Mapping):
            raise exceptions.InvalidRequest("The event is not a JSON object")
        request_type = event.get("RequestType")
        if request_type is not None and request_type not in REQUEST_TYPES:
            raise exceptions.InvalidRequest(
                f"RequestType {str(request_type)[:40]!r} is not one of {', '.join(REQUEST_TYPES)}"
            )
        for name in (*REQUIRED, *REQUIRED_FOR.get(str(request_type), ())):
            if not isinstance(event.get(name), str) or not event[name]:
                raise exceptions.InvalidRequest(f"{name} is missing or not a string")
        for name in ("ResourceProperties", "OldResourceProperties"):
            if event.get(name) is not None and not isinstance(event[name], Mapping):
                raise exceptions.InvalidRequest(f"{name} is not an object")
        # arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<id>
        arn = str(event["StackId"]).split(":", 5)
        if len(arn) != 6 or arn[0] != "arn" or not all(arn[1:5]):
            raise exceptions.InvalidRequest("StackId is not a stack's ARN")
        return cls(
            request_type=str(request_type),
            request_id=str(event["RequestId"]),
            stack_id=str(event["StackId"]),
            logical_id=str(event["LogicalResourceId"]),
            physical_id=event.get("PhysicalResourceId"),
            properties=event.get("ResourceProperties"),
            old_properties=event.get("OldResourceProperties"),
            partition=arn[1],
            region=arn[3],
            account=arn[4],
        )

    @property
    def created_by(self) -> str:
        return identity.created_by(self.stack_id, self.logical_id, self.request_id)

    @property
    def owner(self) -> str:
        return identity.owner(self.stack_id, self.logical_id)


def failure_id(request: Request) -> str:
    """The physical id a failure answers before the work learns more."""
    if request.request_type == "Create":
        return identity.failed_create_id(request.request_id)
    return str(request.physical_id)


def _handler_request(
    request: Request,
    model: ResourceModel,
    previous: ResourceModel | None = None,
    stack_tags: Mapping[str, str] | None = None,
) -> ResourceHandlerRequest:
    return ResourceHandlerRequest(
        clientRequestToken=request.request_id,
        desiredResourceState=model,
        previousResourceState=previous,
        desiredResourceTags=dict(stack_tags or {}),
        previousResourceTags=None,
        systemTags=None,
        previousSystemTags=None,
        awsAccountId=request.account,
        logicalResourceIdentifier=request.logical_id,
        typeConfiguration=None,
        nextToken=None,
        region=request.region,
        awsPartition=request.partition,
        stackId=request.stack_id,
    )


def _run(
    handler: handlers.Handler, session: SessionProxy, request: ResourceHandlerRequest
) -> ProgressEvent:
    """The handler's final event, following IN_PROGRESS with its callback context.

    The wait is the Lambda function's, not a handler's: the deadline timer answers
    if it runs too long.
    """
    callback_context: MutableMapping[str, Any] = {}
    while True:
        event = handler(session, request, callback_context)
        if event.status != OperationStatus.IN_PROGRESS:
            return event
        callback_context = dict(event.callbackContext or {})
        time.sleep(max(0, event.callbackDelaySeconds or 0))


def reason_of(event: ProgressEvent) -> str:
    code = event.errorCode
    name = code.value if isinstance(code, HandlerErrorCode) else str(code or "Failed")
    return f"{name}: {event.message}" if event.message else name


def _data(model: ResourceModel | None) -> dict[str, Any]:
    """What ``Fn::GetAtt`` reads: the identifiers and the read-only attributes."""
    serialized = model._serialize() if model is not None else {}
    names = (*schema_facts.PRIMARY_IDENTIFIER, *schema_facts.READ_ONLY)
    return {name: serialized[name] for name in names if serialized.get(name) is not None}


def _outcome(event: ProgressEvent, physical_id: str, failure_id: str) -> Outcome:
    if event.status == OperationStatus.SUCCESS:
        return Outcome(SUCCESS, physical_id, data=_data(event.resourceModel))
    return Outcome(FAILED, failure_id, reason_of(event))


def _held_creator(
    session: SessionProxy, request: Request, trigger: identity.Trigger
) -> tuple[bool, str | None]:
    """Whether the trigger exists, and its CREATED_BY tag value: one GetEventTrigger."""
    with errors.boundary(trigger.physical_id):
        client = clients.customer_profiles(session, request.region)
        try:
            held = client.get_event_trigger(
                DomainName=trigger.domain_name, EventTriggerName=trigger.name
            )
        except ClientError as error:
            if errors.error_code(error) == "ResourceNotFoundException":
                return False, None
            raise
    return True, (held.get("Tags") or {}).get(tags.CREATED_BY)


def _identifiers_model(trigger: identity.Trigger) -> ResourceModel:
    model = ResourceModel._deserialize(
        {"DomainName": trigger.domain_name, "EventTriggerName": trigger.name}
    )
    assert model is not None
    return model


def create(request: Request, responder: Responder, session: SessionProxy) -> Outcome:
    model = properties.model_of(request.properties)
    target = identity.Trigger(str(model.DomainName), str(model.EventTriggerName))
    responder.failure_id = identity.failed_create_id(request.request_id, target)
    created_by = {tags.CREATED_BY: request.created_by}
    event = _run(
        handlers.create_handler, session, _handler_request(request, model, None, created_by)
    )
    return _outcome(event, target.physical_id, responder.failure_id)


def update(request: Request, responder: Responder, session: SessionProxy) -> Outcome:
    model = properties.model_of(request.properties)
    target = identity.Trigger(str(model.DomainName), str(model.EventTriggerName))
    current = identity.parse(request.physical_id)
    physical_id = str(request.physical_id)
    if current is not None and current.failed_request_id is None and current == target:
        previous = properties.previous_model(request.old_properties)
        if previous is not None and (previous.DomainName, previous.EventTriggerName) != (
            target.domain_name,
            target.name,
        ):
            previous = None
        event = _run(handlers.update_handler, session, _handler_request(request, model, previous))
        return _outcome(event, physical_id, physical_id)
    created_by = {tags.CREATED_BY: request.created_by}
    event = _run(
        handlers.create_handler, session, _handler_request(request, model, None, created_by)
    )
    if event.errorCode == HandlerErrorCode.AlreadyExists:
        exists, creator = _held_creator(session, request, target)
        if exists and identity.owner_of(creator) == request.owner:
            LOG.info("%s is this resource's own: updated in place", target.physical_id)
            event = _run(handlers.update_handler, session, _handler_request(request, model))
    return _outcome(event, target.physical_id, physical_id)


def delete(request: Request, responder: Responder, session: SessionProxy) -> Outcome:
    physical_id = str(request.physical_id)
    trigger = identity.parse(physical_id)
    if trigger is None:
        LOG.info("%s names no trigger: nothing to delete", physical_id)
        return Outcome(SUCCESS, physical_id)
    exists, creator = _held_creator(session, request, trigger)
    if trigger.failed_request_id is not None:
        created_by = identity.created_by(
            request.stack_id, request.logical_id, trigger.failed_request_id
        )
        ours = creator == created_by
    else:
        ours = identity.owner_of(creator) == request.owner
    if not exists or not ours:
        LOG.info(
            "%s is %s: nothing to delete",
            trigger.physical_id,
            "gone" if not exists else "not this resource's",
        )
        return Outcome(SUCCESS, physical_id)
    event = _run(
        handlers.delete_handler, session, _handler_request(request, _identifiers_model(trigger))
    )
    if event.errorCode == HandlerErrorCode.NotFound:
        return Outcome(SUCCESS, physical_id)
    return _outcome(event, physical_id, physical_id)


STEPS: dict[str, Callable[[Request, Responder, SessionProxy], Outcome]] = {
    "Create": create,
    "Update": update,
    "Delete": delete,
}


def run(request: Request, responder: Responder) -> Outcome:
    """The request's outcome; a handler error of any step is a FAILED outcome naming it."""
    try:
        return STEPS[request.request_type](request, responder, clients.own_session())
    except exceptions._HandlerError as error:
        return Outcome(FAILED, responder.failure_id, reason_of(error.to_progress_event()))
