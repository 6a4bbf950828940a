"""The private names of cloudformation-cli-python-lib the provider relies on, pinned by behaviour.

One test per name. Each fails with a message naming the name and the lib
version pinned in requirements.txt, so a lib upgrade that moves or changes one
says which override to revisit (resource.py, clients.py, errors.py,
translate.py).
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest
from cloudformation_cli_python_lib import boto3_proxy, exceptions, utils
from cloudformation_cli_python_lib.interface import (
    Action,
    BaseResourceHandlerRequest,
    HandlerErrorCode,
    OperationStatus,
    ProgressEvent,
)
from cloudformation_cli_python_lib.resource import Resource

from aws_customerprofiles_eventtrigger.models import (
    EventTriggerCondition,
    ResourceModel,
    Tag,
)
from localcloud.core.offline import FAKE_CREDENTIALS
from localcloud.registry_handler import handler_request
from tests.support.pins import pinned

LIB = "cloudformation-cli-python-lib"


def changed(name: str, what: str) -> str:
    return (
        f"{LIB} {pinned(LIB)} (pinned in requirements.txt): {name} {what};"
        " the provider relies on it, so revisit the code that uses it"
    )


def parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


KEY = {"DomainName": "retail", "EventTriggerName": "t"}


class Recording(Resource):
    """The lib's Resource, recording what its entrypoint calls on itself."""

    calls: list[str]

    def __init__(self) -> None:
        super().__init__("Example::Test::Thing", ResourceModel)
        self.calls = []

        @self.handler(Action.READ)
        def read(session: Any, request: Any, _: Any) -> ProgressEvent:
            self.calls.append(f"handler:{type(request).__name__}")
            return ProgressEvent(status=OperationStatus.SUCCESS)

    @staticmethod
    def _parse_request(event_data: Any) -> Any:
        Recording.seen.append("_parse_request")
        return Resource._parse_request(event_data)

    def _cast_resource_request(self, request: Any) -> Any:
        self.calls.append("_cast_resource_request")
        return super()._cast_resource_request(request)

    seen: list[str] = []  # noqa: RUF012 - written by the static method


def test_resource_parse_request() -> None:
    name = "Resource._parse_request"
    assert isinstance(inspect.getattr_static(Resource, "_parse_request"), staticmethod), changed(
        name, "is no longer a static method"
    )
    assert parameters(Resource._parse_request) == ["event_data"], changed(
        name, "takes other parameters"
    )
    (caller, provider), action, callback, event = Resource._parse_request(
        handler_request("READ", KEY)
    )
    assert isinstance(caller, boto3_proxy.SessionProxy), changed(name, "returns no caller session")
    assert isinstance(provider, boto3_proxy.SessionProxy), changed(name, "returns no provider")
    assert action is Action.READ and callback == {}, changed(name, "returns another action shape")
    assert isinstance(event, utils.HandlerRequest), changed(name, "returns no HandlerRequest")
    Recording.seen.clear()
    Recording()(handler_request("READ", KEY), None)
    assert Recording.seen == ["_parse_request"], changed(name, "is not what the entrypoint calls")


def test_resource_cast_resource_request() -> None:
    name = "Resource._cast_resource_request"
    assert parameters(Resource._cast_resource_request) == ["self", "request"], changed(
        name, "takes other parameters"
    )
    resource = Recording()
    response = resource(handler_request("READ", KEY, next_token="n"), None)
    assert response["status"] == "SUCCESS", changed(name, "no longer runs the handler")
    assert resource.calls == ["_cast_resource_request", "handler:BaseResourceHandlerRequest"], (
        changed(name, "is not what the entrypoint calls before the handler")
    )
    event = utils.HandlerRequest.deserialize(handler_request("READ", KEY, next_token="n"))
    modelled = Resource("Example::Test::Thing", ResourceModel)._cast_resource_request(event)
    assert isinstance(modelled, BaseResourceHandlerRequest), changed(name, "returns another type")
    assert modelled.desiredResourceState == ResourceModel._deserialize(KEY), changed(
        name, "builds the model otherwise"
    )
    # The reasons for the override: these two are what resource.py puts right.
    assert modelled.nextToken is None, changed(name, "now forwards nextToken: drop the override")
    assert utils.UnmodelledRequest.get_partition("us-gov-west-1") == "aws-gov", changed(
        name, "now derives the partition right: actions.run's fix may go"
    )


def test_resource_model_cls() -> None:
    name = "Resource._model_cls"
    resource = Resource("Example::Test::Thing", ResourceModel)
    assert getattr(resource, "_model_cls", None) is ResourceModel, changed(
        name, "no longer holds the model class given to Resource()"
    )


def test_boto3_proxy_get_boto_session() -> None:
    name = "boto3_proxy._get_boto_session"
    assert hasattr(boto3_proxy, "_get_boto_session"), changed(name, "is gone")
    assert parameters(boto3_proxy._get_boto_session) == ["credentials", "region"], changed(
        name, "takes other parameters"
    )
    credentials = utils.Credentials(**FAKE_CREDENTIALS)
    proxy = boto3_proxy._get_boto_session(credentials)
    assert isinstance(proxy, boto3_proxy.SessionProxy), changed(name, "returns no SessionProxy")
    found = proxy.session.get_credentials()
    assert found is not None, changed(name, "builds a session without credentials")
    frozen = found.get_frozen_credentials()
    assert (frozen.access_key, frozen.token) == (
        FAKE_CREDENTIALS["accessKeyId"],
        FAKE_CREDENTIALS["sessionToken"],
    ), changed(name, "no longer builds the session from the request's credentials")
    bound_to = proxy.client.__self__  # type: ignore[attr-defined]
    assert bound_to is proxy.session, changed(name, "proxies another session")
    assert boto3_proxy._get_boto_session(None) is None, changed(name, "answers None otherwise")


def test_exceptions_handler_error() -> None:
    name = "exceptions._HandlerError"
    assert hasattr(exceptions, "_HandlerError"), changed(name, "is gone")
    for error in (exceptions.InvalidRequest("m"), exceptions.ResourceConflict("m")):
        assert isinstance(error, exceptions._HandlerError), changed(name, "is no longer the base")
    # errors.py rewords NotFound through args: the event's message must follow them.
    not_found = exceptions.NotFound("T", "id")
    not_found.args = ("Domain 'd' does not exist",)
    event = not_found.to_progress_event()
    assert event.status == OperationStatus.FAILED, changed(name, "fails otherwise")
    assert event.errorCode == HandlerErrorCode.NotFound, changed(name, "codes otherwise")
    assert event.message == "Domain 'd' does not exist", changed(
        name, "takes its message from elsewhere than str(error)"
    )


def test_utils_deserialize_list() -> None:
    name = "utils.deserialize_list"
    assert parameters(utils.deserialize_list) == ["json_data", "inner_dataclass"], changed(
        name, "takes other parameters"
    )
    condition = {"LogicalOperator": "ANY", "EventTriggerDimensions": []}
    [made] = utils.deserialize_list([condition], EventTriggerCondition) or []
    assert isinstance(made, EventTriggerCondition), changed(name, "builds other objects")
    assert made.LogicalOperator == "ANY", changed(name, "loses values")
    assert utils.deserialize_list([], EventTriggerCondition) is None, changed(
        name, "no longer reads an empty list as absent (resource.py refuses [] for that reason)"
    )


def test_generated_serialize_and_deserialize() -> None:
    name = "generated models' _serialize/_deserialize"
    model = ResourceModel._deserialize({**KEY, "Tags": [{"Key": "k", "Value": "v"}]})
    assert isinstance(model, ResourceModel), changed(name, "builds no ResourceModel")
    assert model.Tags == [Tag(Key="k", Value="v")], changed(name, "builds nested models otherwise")
    assert ResourceModel._deserialize(None) is None, changed(name, "answers None otherwise")
    assert model._serialize() == {**KEY, "Tags": [{"Key": "k", "Value": "v"}]}, changed(
        name, "no longer drops unset properties or serializes nested models"
    )
    try:
        ResourceModel._deserialize({"Colour": "blue"})
    except KeyError:
        pass
    else:
        pytest.fail(changed(name, "no longer raises KeyError for an unknown property"))
    assert {field.name for field in dataclasses.fields(ResourceModel)} >= set(KEY), changed(
        name, "no longer makes the model a dataclass of its properties"
    )
