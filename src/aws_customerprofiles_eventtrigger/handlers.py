"""The registered handlers: one per action, each delegating to ``actions``."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from cloudformation_cli_python_lib.boto3_proxy import SessionProxy
from cloudformation_cli_python_lib.interface import Action, ProgressEvent

from . import actions
from .models import ResourceHandlerRequest, ResourceModel
from .resource import EventTriggerResource
from .schema_facts import TYPE_NAME

resource = EventTriggerResource(TYPE_NAME, ResourceModel)
test_entrypoint = resource.test_entrypoint

Handler = Callable[
    [SessionProxy | None, ResourceHandlerRequest, MutableMapping[str, Any]], ProgressEvent
]


def _registered(action: Action, function: actions.ActionFunction) -> Handler:
    """The handler of ``action``, registered with the lib: ``actions.run`` of ``function``.

    ``function`` is looked up in ``actions`` by name on each call, as a module-level
    handler calling ``actions.create`` would, so a test may replace it there.
    """
    name = function.__name__

    def handler(
        session: SessionProxy | None, request: ResourceHandlerRequest, _: MutableMapping[str, Any]
    ) -> ProgressEvent:
        run: actions.ActionFunction = getattr(actions, name)
        return actions.run(run, session, request)

    handler.__name__ = handler.__qualname__ = f"{action.name.lower()}_handler"
    resource.handler(action)(handler)
    return handler


create_handler = _registered(Action.CREATE, actions.create)
read_handler = _registered(Action.READ, actions.read)
update_handler = _registered(Action.UPDATE, actions.update)
delete_handler = _registered(Action.DELETE, actions.delete)
list_handler = _registered(Action.LIST, actions.list_)
