"""The registered handlers: one per action, each delegating to ``actions``."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from cloudformation_cli_python_lib.boto3_proxy import SessionProxy
from cloudformation_cli_python_lib.interface import Action, ProgressEvent

from . import actions
from .models import ResourceHandlerRequest, ResourceModel
from .resource import EventTriggerResource
from .schema_facts import TYPE_NAME

resource = EventTriggerResource(TYPE_NAME, ResourceModel)
test_entrypoint = resource.test_entrypoint


@resource.handler(Action.CREATE)
def create_handler(
    session: SessionProxy | None, request: ResourceHandlerRequest, _: MutableMapping[str, Any]
) -> ProgressEvent:
    return actions.run(actions.create, session, request)


@resource.handler(Action.READ)
def read_handler(
    session: SessionProxy | None, request: ResourceHandlerRequest, _: MutableMapping[str, Any]
) -> ProgressEvent:
    return actions.run(actions.read, session, request)


@resource.handler(Action.UPDATE)
def update_handler(
    session: SessionProxy | None, request: ResourceHandlerRequest, _: MutableMapping[str, Any]
) -> ProgressEvent:
    return actions.run(actions.update, session, request)


@resource.handler(Action.DELETE)
def delete_handler(
    session: SessionProxy | None, request: ResourceHandlerRequest, _: MutableMapping[str, Any]
) -> ProgressEvent:
    return actions.run(actions.delete, session, request)


@resource.handler(Action.LIST)
def list_handler(
    session: SessionProxy | None, request: ResourceHandlerRequest, _: MutableMapping[str, Any]
) -> ProgressEvent:
    return actions.run(actions.list_, session, request)
