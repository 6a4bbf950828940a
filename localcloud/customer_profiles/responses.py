"""The moto adapter: HTTP in, ``CustomerProfilesService`` calls, HTTP out.

The wire is the one every local service shares (``ModelResponse``: moto's
router, parser and serializer, driven by botocore's model). Before moto parses,
the shared model validator (``protocol``) checks the raw request strictly; each
call is counted (``calls``) and may suffer an injected fault (``faults``) first.
The rules raise this service's own exceptions (``exceptions``).

Requests no operation matches answer ``404 UnknownOperationException``;
operations of the model this emulator does not implement answer
``501 NotImplementedException``; a bug answers ``500 InternalServerException``.
"""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from botocore.exceptions import EndpointConnectionError

from localcloud.core.validation import InputValidationError, load_json_body
from localcloud.moto_adapter.core import ActionResult, Request
from localcloud.moto_adapter.responses import ModelResponse

from . import protocol
from .backend import CustomerProfilesBackend, customerprofiles_backends
from .calls import call_counts
from .exceptions import BadRequestException
from .faults import CONNECTION_ERROR, DELAY, Fault, faults
from .service import CustomerProfilesService


def _drop_connection(request: Request) -> None:
    """Fail the call as the network would: a dropped socket, or botocore's error in-process."""
    sock = request.environ.get("werkzeug.socket") if request.from_wsgi_server else None
    if sock is None:
        raise EndpointConnectionError(endpoint_url=request.url)
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    raise ConnectionAbortedError("connection dropped by an injected fault")


def _page(items: list[Any], token: str | None) -> ActionResult:
    return ActionResult({"Items": [item.summary() for item in items], "NextToken": token})


class CustomerProfilesResponse(ModelResponse):
    """One method per operation; the rest is routing, validation and faults."""

    SERVICE_NAME = protocol.SERVICE_NAME
    PROTOCOL = "rest-json"
    OPERATIONS = protocol.OPERATIONS
    INTERNAL_ERROR = "InternalServerException"

    @property
    def service(self) -> CustomerProfilesService:
        account = customerprofiles_backends[self.current_account]
        if self.region not in account:
            raise BadRequestException(f"Customer Profiles is not available in {self.region}")
        backend: CustomerProfilesBackend = account[self.region]
        return backend.service

    # -- plumbing ------------------------------------------------------------

    def unrouted(self, request: Request) -> str:
        """The operation of the model whose method and path the request has ("" for none).

        moto's router also needs required query arguments (UntagResource's
        ``tagKeys``): without them the call is still that operation, only
        invalid, so validation can say which member is missing. Every operation
        of the model is matched, so a path of one this emulator does not
        implement is that operation (501), never another one.
        """
        found = protocol.route(request.method, request.raw_path)
        if found is None:
            return ""
        operation, labels = found
        self.uri_match = {k: unquote(v) for k, v in labels.items()}
        return operation

    def misrouted(self, operation: str, request: Request) -> bool:
        """moto reads a template's last label as greedy: ``GET /domains/d/intents/DEFAULT``
        would be GetDomain of ``d/intents/DEFAULT``. The model's own routes decide."""
        found = protocol.route(request.method, request.raw_path)
        return found is None or found[0] != operation

    def before_parse(self, operation: str, request: Request) -> None:
        call_counts.count(operation)
        fault = faults.take(operation)
        if fault is not None:
            self._suffer(fault, request)
        try:
            body = load_json_body(request.get_data())
        except ValueError as error:
            raise BadRequestException(str(error)) from None
        try:
            params = protocol.wire_params(operation, body, self.uri_match, request.args.getlist)
            protocol.validate_input(operation, params)
        except InputValidationError as error:
            raise BadRequestException(str(error)) from None
        refusal = protocol.unsupported(operation, params)
        if refusal is not None:
            raise BadRequestException(refusal)

    @staticmethod
    def _suffer(fault: Fault, request: Request) -> None:
        if fault.fault == DELAY:
            time.sleep(fault.seconds)
        elif fault.fault == CONNECTION_ERROR:
            _drop_connection(request)
        elif (error := fault.error()) is not None:
            raise error

    # -- domains -------------------------------------------------------------

    def create_domain(self) -> ActionResult:
        settings = {k: v for k, v in self.params.items() if k not in ("DomainName", "Tags")}
        domain = self.service.create_domain(
            self._get_param("DomainName"), settings, self._get_param("Tags")
        )
        return ActionResult(domain.to_dict())

    def update_domain(self) -> ActionResult:
        changes = {k: v for k, v in self.params.items() if k not in ("DomainName", "Tags")}
        domain = self.service.update_domain(
            self._get_param("DomainName"), changes, self._get_param("Tags")
        )
        answer = domain.to_dict()
        answer.pop("Stats", None)  # UpdateDomain's answer has no Stats
        return ActionResult(answer)

    def get_domain(self) -> ActionResult:
        name = self._get_param("DomainName")
        domain = self.service.get_domain(name)
        return ActionResult(domain.to_dict(self.service.domain_stats(name)))

    def delete_domain(self) -> ActionResult:
        return ActionResult({"Message": self.service.delete_domain(self._get_param("DomainName"))})

    def list_domains(self) -> ActionResult:
        return _page(
            *self.service.list_domains(self._get_param("NextToken"), self._get_param("MaxResults"))
        )

    def _in_domain(self, call: Callable[[str, str], Any], member: str) -> Any:
        """``call`` on the request's domain and its ``member`` (the item's name or Uri)."""
        return call(self._get_param("DomainName"), self._get_param(member))

    def _got_in_domain(self, getter: Callable[[str, str], Any], member: str) -> ActionResult:
        """A Get* of one item of a domain: the item's own dict."""
        return ActionResult(self._in_domain(getter, member).to_dict())

    def _deleted_in_domain(self, deleter: Callable[[str, str], str], member: str) -> ActionResult:
        """A Delete* of one item of a domain: the service's message."""
        return ActionResult({"Message": self._in_domain(deleter, member)})

    def _page_in_domain(self, lister: Callable[..., tuple[list[Any], str | None]]) -> ActionResult:
        """A List* of one domain's collection, as ListDomains answers."""
        return _page(
            *lister(
                self._get_param("DomainName"),
                self._get_param("NextToken"),
                self._get_param("MaxResults"),
            )
        )

    # -- object types --------------------------------------------------------

    def put_profile_object_type(self) -> ActionResult:
        skip = ("DomainName", "ObjectTypeName", "Tags")
        settings = {k: v for k, v in self.params.items() if k not in skip}
        made = self.service.put_profile_object_type(
            self._get_param("DomainName"),
            self._get_param("ObjectTypeName"),
            settings,
            self._get_param("Tags"),
        )
        return ActionResult(made.to_dict(self._available(made.name)))

    def _available(self, name: str) -> int:
        return self.service.available_object_count(self._get_param("DomainName"), name)

    def get_profile_object_type(self) -> ActionResult:
        made = self._in_domain(self.service.get_profile_object_type, "ObjectTypeName")
        return ActionResult(made.to_dict(self._available(made.name)))

    def delete_profile_object_type(self) -> ActionResult:
        return self._deleted_in_domain(self.service.delete_profile_object_type, "ObjectTypeName")

    def list_profile_object_types(self) -> ActionResult:
        items, token = self.service.list_profile_object_types(
            self._get_param("DomainName"),
            self._get_param("NextToken"),
            self._get_param("MaxResults"),
        )
        listed = [item.summary(self._available(item.name)) for item in items]
        return ActionResult({"Items": listed, "NextToken": token})

    # -- integrations --------------------------------------------------------

    def put_integration(self) -> ActionResult:
        params = {k: v for k, v in self.params.items() if k != "DomainName"}
        made = self.service.put_integration(self._get_param("DomainName"), params)
        return ActionResult(made.to_dict())

    def get_integration(self) -> ActionResult:
        return self._got_in_domain(self.service.get_integration, "Uri")

    def list_integrations(self) -> ActionResult:
        return self._page_in_domain(self.service.list_integrations)

    def list_account_integrations(self) -> ActionResult:
        """Every domain's integration of a Uri; no hidden integrations exist offline, so
        IncludeHidden changes nothing."""
        return _page(
            *self.service.list_account_integrations(
                self._get_param("Uri"), self._get_param("NextToken"), self._get_param("MaxResults")
            )
        )

    def delete_integration(self) -> ActionResult:
        return self._deleted_in_domain(self.service.delete_integration, "Uri")

    # -- event triggers ------------------------------------------------------

    def _trigger_settings(self) -> dict[str, Any]:
        """The trigger's members of the request, but for its identifiers and tags."""
        skip = ("DomainName", "EventTriggerName", "Tags")
        return {key: value for key, value in self.params.items() if key not in skip}

    def create_event_trigger(self) -> ActionResult:
        made = self.service.create_event_trigger(
            self._get_param("DomainName"),
            self._get_param("EventTriggerName"),
            self._get_param("ObjectTypeName"),
            self._get_param("EventTriggerConditions"),
            self._trigger_settings(),
            tags=self._get_param("Tags"),
        )
        return ActionResult(made.to_dict())

    def get_event_trigger(self) -> ActionResult:
        return self._got_in_domain(self.service.get_event_trigger, "EventTriggerName")

    def update_event_trigger(self) -> ActionResult:
        updated = self.service.update_event_trigger(
            self._get_param("DomainName"),
            self._get_param("EventTriggerName"),
            self._trigger_settings(),
        )
        return ActionResult(updated.to_dict())

    def list_event_triggers(self) -> ActionResult:
        return self._page_in_domain(self.service.list_event_triggers)

    def delete_event_trigger(self) -> ActionResult:
        return self._deleted_in_domain(self.service.delete_event_trigger, "EventTriggerName")

    # -- intents (Predictive Intent) -----------------------------------------

    def put_intent_definition(self) -> ActionResult:
        made = self.service.put_intent_definition(
            self._get_param("DomainName"),
            self._get_param("IntentDomain"),
            self._get_param("Intents"),
            self._get_param("Tags"),
        )
        return ActionResult(made.to_dict())

    def get_intent_definition(self) -> ActionResult:
        return self._got_in_domain(self.service.get_intent_definition, "IntentDomain")

    def delete_intent_definition(self) -> ActionResult:
        self._in_domain(self.service.delete_intent_definition, "IntentDomain")
        return ActionResult({})

    def list_intent_types(self) -> ActionResult:
        items, token = self.service.list_intent_types(
            self._get_param("IntentDomain"),
            self._get_param("NextToken"),
            self._get_param("MaxResults"),
        )
        return ActionResult({"Items": items, "NextToken": token})

    def batch_get_intent_for_profile(self) -> ActionResult:
        return ActionResult(
            self.service.batch_get_intent_for_profile(
                self._get_param("DomainName"),
                self._get_param("IntentDomain"),
                self._get_param("Intents"),
                self._get_param("KeyName"),
                self._get_param("KeyValues"),
            )
        )

    # -- tags ----------------------------------------------------------------

    def tag_resource(self) -> ActionResult:
        self.service.tag_resource(self._get_param("resourceArn"), self._get_param("tags"))
        return ActionResult({})

    def untag_resource(self) -> ActionResult:
        self.service.untag_resource(self._get_param("resourceArn"), self._get_param("tagKeys"))
        return ActionResult({})

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult(
            {"tags": self.service.list_tags_for_resource(self._get_param("resourceArn"))}
        )

    # -- profile data (an ingested object fires its type's triggers) ---------

    def put_profile_object(self) -> ActionResult:
        key = self.service.put_profile_object(
            self._get_param("DomainName"),
            self._get_param("ObjectTypeName"),
            self._get_param("Object"),
        )
        return ActionResult({"ProfileObjectUniqueKey": key})

    def list_profile_objects(self) -> ActionResult:
        return _page(
            *self.service.list_profile_objects(
                self._get_param("DomainName"),
                self._get_param("ObjectTypeName"),
                self._get_param("ProfileId"),
                self._get_param("ObjectFilter"),
                self._get_param("NextToken"),
                self._get_param("MaxResults"),
            )
        )

    def delete_profile_object(self) -> ActionResult:
        message = self.service.delete_profile_object(
            self._get_param("DomainName"),
            self._get_param("ObjectTypeName"),
            self._get_param("ProfileId"),
            self._get_param("ProfileObjectUniqueKey"),
        )
        return ActionResult({"Message": message})

    def search_profiles(self) -> ActionResult:
        items, token = self.service.search_profiles(
            self._get_param("DomainName"),
            self._get_param("KeyName"),
            self._get_param("Values"),
            self._get_param("AdditionalSearchKeys"),
            self._get_param("LogicalOperator"),
            self._get_param("NextToken"),
            self._get_param("MaxResults"),
        )
        return ActionResult({"Items": items, "NextToken": token})

    def batch_get_profile(self) -> ActionResult:
        return ActionResult(
            self.service.batch_get_profile(
                self._get_param("DomainName"), self._get_param("ProfileIds")
            )
        )
