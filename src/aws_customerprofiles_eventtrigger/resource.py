"""The lib's Resource, with what its Lambda path gets wrong put right.

Each override works around cloudformation-cli-python-lib 2.1.20; no upstream
issue is filed for any of them (searched in
aws-cloudformation/cloudformation-cli-python-plugin, where the lib lives):

- ``_cast_resource_request`` builds the handler request without the
  HandlerRequest's ``nextToken`` (only ``test_entrypoint`` forwards it), so
  LIST could never reach a second page. The field itself came with
  https://github.com/aws-cloudformation/cloudformation-cli-python-plugin/pull/29;
  it is put back here.
- ``_parse_request`` makes two new boto3 sessions per invocation, and a client
  on a new session loads the service model again; sessions come from
  ``clients.session_for`` instead, which keeps them per credentials.
- The lib derives ``awsPartition`` from the region's prefix, as "aws-gov" for
  us-gov regions (the field came with
  https://github.com/aws-cloudformation/cloudformation-cli-python-plugin/pull/107).
  ``actions.run`` sets it from the client's own partition, the one source of
  the partition, before any action reads it.
- The lib reports an unknown or mistyped property without naming it, and reads
  ``[]`` as absent; ``_cast_resource_request`` names the property and refuses
  empty lists.

tests/handlers/test_lib_private_names.py pins every private name used here.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.boto3_proxy import SessionProxy
from cloudformation_cli_python_lib.interface import Action, BaseResourceHandlerRequest
from cloudformation_cli_python_lib.resource import Resource
from cloudformation_cli_python_lib.utils import HandlerRequest

from .clients import session_for
from .schema_facts import TAGS_PROPERTY

LOG = logging.getLogger(__name__)


class EventTriggerResource(Resource):
    @staticmethod
    def _parse_request(
        event_data: MutableMapping[str, Any],
    ) -> tuple[
        tuple[SessionProxy | None, SessionProxy | None],
        Action,
        MutableMapping[str, Any],
        HandlerRequest,
    ]:
        try:
            event = HandlerRequest.deserialize(event_data)
            caller = session_for(event.requestData.callerCredentials)
            provider = session_for(event.requestData.providerCredentials)
            action = Action[event.action]
            callback_context = event.callbackContext or {}
        except Exception as error:
            LOG.error("Invalid request: %s", type(error).__name__)
            raise exceptions.InvalidRequest(f"Invalid request: {type(error).__name__}") from error
        return (caller, provider), action, callback_context, event

    def _cast_resource_request(self, request: HandlerRequest) -> BaseResourceHandlerRequest:
        try:
            modelled = super()._cast_resource_request(request)
        except exceptions.InvalidRequest as error:
            raise exceptions.InvalidRequest(self._describe_cast_failure(error, request)) from error
        if request.action in ("CREATE", "UPDATE"):
            for path in _empty_lists(request.requestData.resourceProperties or {}):
                raise exceptions.InvalidRequest(f"Invalid property {path} must not be empty")
        modelled.nextToken = request.nextToken
        return modelled

    def _describe_cast_failure(self, error: Any, request: HandlerRequest) -> str:
        # The lib reports an unknown property as the bare KeyError of its name.
        cause = error.__cause__
        if isinstance(cause, KeyError):
            return f"Unknown property {cause.args[0]!r}: the schema does not define it"
        # Its other messages name a class or a value, not the property: cast the
        # properties one at a time to find the one at fault.
        data = request.requestData
        for properties in (data.resourceProperties, data.previousResourceProperties):
            for name, value in (properties or {}).items():
                try:
                    self._model_cls._deserialize({name: copy.deepcopy(value)})
                except Exception:
                    return f"Invalid property {name}: {error}"
        return f"Invalid resource model: {error}"


def _empty_lists(value: Any, path: str = "") -> Iterator[str]:
    """Paths of empty lists. The lib reads ``[]`` as absent, so minItems would go
    unchecked; every list of the schema but Tags has minItems 1."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _empty_lists(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        if not value and path != TAGS_PROPERTY:
            yield path
        for index, item in enumerate(value):
            yield from _empty_lists(item, f"{path}[{index}]")
