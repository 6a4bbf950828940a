"""Cloud Control's eight operations over this project's handlers, with no HTTP in sight.

Each public method takes an operation's input members (snake_case) and returns
its output as a dict named as on the wire, with datetimes for timestamps. Errors
are raised as CloudControlError. What runs when:

* CreateResource and DeleteResource check their input and return at once; the
  handler runs on the scheduler.
* UpdateResource reads the resource, applies and validates the patch before it
  returns, as Cloud Control does (a failed ``test``, a refused path or an
  invalid result is the call's error, and nothing changes); only the update
  handler runs in the background.
* GetResource and ListResources call the read and list handlers directly.
* GetResourceRequestStatus answers what the request's state is, waiting up to
  ``status_wait`` seconds (``STATUS_WAIT_SECONDS`` by default) while its handler
  is running or about to run. A handler that finishes within that time is seen
  settled on the first poll, so a waiter polling every few seconds does not
  sleep through a ten-millisecond operation; the operations still answer
  IN_PROGRESS as Cloud Control does, and a request waiting out a callback delay
  is answered at once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any, TypedDict, Unpack

from localcloud.core import json_text
from localcloud.core.offline import ACCOUNT_ID
from localcloud.core.resource_schema import ResourceSchema
from localcloud.registry_handler import Entrypoint

from . import identifiers, listing, patch
from .exceptions import CloudControlError, exception_for_handler_code
from .invoker import HandlerInvoker
from .models import Clock, RequestStore, ResourceRequest, utcnow
from .runner import Runner
from .scheduler import Scheduler

STATUS_WAIT_SECONDS = 1.0


class Unused(TypedDict, total=False):
    """Members Cloud Control accepts that the local service has no use for."""

    role_arn: str | None
    type_version_id: str | None


@cache
def default_schema() -> ResourceSchema:
    return ResourceSchema.load()


def _fingerprint(*parts: Any) -> str:
    return json.dumps(parts, sort_keys=True, default=str)


def _json_object(
    text: str | None, member: str, code: str = "ValidationException"
) -> dict[str, Any]:
    try:
        value = json_text.loads(text, member) if text is not None else None
    except ValueError as error:
        raise CloudControlError(code, f"{member} must be a JSON object: {error}") from None
    if not isinstance(value, dict):
        raise CloudControlError(code, f"{member} must be a JSON object")
    return value


class CloudControl:
    """One region's Cloud Control, serving the one resource type of ``schema``."""

    def __init__(
        self,
        *,
        region: str = "us-east-1",
        account_id: str = ACCOUNT_ID,
        schema: ResourceSchema | None = None,
        entrypoint: Entrypoint | None = None,
        scheduler: Scheduler | None = None,
        clock: Clock = utcnow,
        status_wait: float = STATUS_WAIT_SECONDS,
    ) -> None:
        self.status_wait = status_wait
        self.schema = schema or default_schema()
        self.invoke = HandlerInvoker(entrypoint, region=region, account_id=account_id)
        self.store = RequestStore(clock)
        self._owns_scheduler = scheduler is None
        self.scheduler = scheduler or Scheduler()
        self.runner = Runner(self.store, self.scheduler, self.invoke)

    def close(self) -> None:
        """Stops the background workers, if this instance started them."""
        if self._owns_scheduler:
            self.scheduler.shutdown()

    # -- checks shared by the operations ------------------------------------------------

    def _check_type(self, type_name: str) -> None:
        if type_name != self.schema.type_name:
            raise CloudControlError(
                "TypeNotFoundException", f"The type '{type_name}' cannot be found."
            )

    def _validated(self, properties: Mapping[str, Any]) -> None:
        problems = self.schema.validate(properties)
        if problems:
            raise CloudControlError(
                "ValidationException", f"Model validation failed ({chr(10).join(problems)})"
            )

    def _failure(self, code: str | None, message: str | None, action: str) -> CloudControlError:
        code = code or "InternalFailure"
        return CloudControlError(
            exception_for_handler_code(code),
            message or f"The {action} handler failed with {code}",
        )

    def _read(self, key: Mapping[str, str]) -> dict[str, Any]:
        result = self.invoke("READ", key)
        if result.status == "SUCCESS" and result.model is not None:
            return result.model
        if result.status == "SUCCESS":
            raise CloudControlError(
                "HandlerInternalFailureException", "The read handler returned no resource model"
            )
        raise self._failure(result.error_code, result.message, "read")

    def _event(self, request: ResourceRequest) -> dict[str, Any]:
        with self.store.lock:
            return {"ProgressEvent": request.progress_event()}

    def _start(
        self,
        operation: str,
        type_name: str,
        name: str,
        client_token: str | None,
        fingerprint: str,
        exclusive: bool,
        desired: dict[str, Any],
        previous: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Record the request (or find the one ``client_token`` made) and run it if new."""
        request, new = self.store.begin(
            operation,
            type_name,
            name,
            client_token=client_token,
            fingerprint=fingerprint,
            exclusive=exclusive,
        )
        if new:  # the answer as of the start: IN_PROGRESS or PENDING, as Cloud Control answers
            return {"ProgressEvent": self.runner.start(request, desired=desired, previous=previous)}
        return self._event(request)

    def _key(self, type_name: str, identifier: str) -> tuple[dict[str, str], str]:
        """The primary key an ``Identifier`` names, and its name, for a known type."""
        self._check_type(type_name)
        key = identifiers.parse(identifier, self.schema)
        return key, self.schema.identifier_of(key)

    # -- mutating operations --------------------------------------------------------

    def create_resource(
        self,
        type_name: str,
        desired_state: str,
        client_token: str | None = None,
        **_: Unpack[Unused],
    ) -> dict[str, Any]:
        self._check_type(type_name)
        desired = _json_object(desired_state, "DesiredState")
        fingerprint = _fingerprint("CREATE", type_name, desired)
        if (earlier := self.store.replay(client_token, fingerprint)) is not None:
            return self._event(earlier)
        read_only = sorted(f"/properties/{p[0]}" for p in self.schema.read_only if p[0] in desired)
        if read_only:
            raise CloudControlError(
                "ValidationException",
                f"Model validation failed (#: readOnlyProperties [{', '.join(read_only)}] "
                "cannot be specified)",
            )
        self._validated(desired)
        name = self.schema.identifier_of(desired)
        # exclusive=False: racing creates queue; all but the first fail AlreadyExists
        # (guess: concurrent-creates-queue)
        return self._start("CREATE", type_name, name, client_token, fingerprint, False, desired)

    def update_resource(
        self,
        type_name: str,
        identifier: str,
        patch_document: str,
        client_token: str | None = None,
        **_: Unpack[Unused],
    ) -> dict[str, Any]:
        key, name = self._key(type_name, identifier)
        operations = patch.parse(patch_document)
        fingerprint = _fingerprint("UPDATE", type_name, name, operations)
        if (earlier := self.store.replay(client_token, fingerprint)) is not None:
            return self._event(earlier)
        patch.check_paths(operations, self.schema)
        self.store.refuse_if_busy(type_name, name)
        current = self._read(key)
        patched = patch.apply(current, operations)
        self._validated(patched)
        desired = self.schema.without_read_only(patched)
        previous = self.schema.without_read_only(current)
        return self._start(
            "UPDATE", type_name, name, client_token, fingerprint, True, desired, previous
        )

    def delete_resource(
        self, type_name: str, identifier: str, client_token: str | None = None, **_: Unpack[Unused]
    ) -> dict[str, Any]:
        key, name = self._key(type_name, identifier)
        fingerprint = _fingerprint("DELETE", type_name, name)
        return self._start("DELETE", type_name, name, client_token, fingerprint, True, dict(key))

    # -- reads ----------------------------------------------------------------------

    def get_resource(self, type_name: str, identifier: str, **_: Unpack[Unused]) -> dict[str, Any]:
        key, name = self._key(type_name, identifier)
        model = self._read(key)
        return {
            "TypeName": type_name,
            "ResourceDescription": {
                "Identifier": name,
                "Properties": json.dumps(model),
            },
        }

    def list_resources(
        self,
        type_name: str,
        resource_model: str | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
        **_: Unpack[Unused],
    ) -> dict[str, Any]:
        self._check_type(type_name)
        model = (
            {}
            if resource_model is None
            else _json_object(resource_model, "ResourceModel", "InvalidRequestException")
        )
        problems = self.schema.validate_list_model(model)
        if problems:
            raise CloudControlError(
                "InvalidRequestException",
                f"Missing or invalid ResourceModel property in {type_name} list handler request "
                f"input. Required property: ({'; '.join(problems)})",
            )
        digest = listing.model_digest(model)
        start = (
            listing.Position.decode(next_token, digest)
            if next_token
            else listing.Position(None, 0, digest)
        )
        models, following, failure = listing.collect(
            lambda token: self.invoke("LIST", model, next_token=token), start, max_results
        )
        if failure is not None:
            raise self._failure(failure.error_code, failure.message, "list")
        output: dict[str, Any] = {
            "TypeName": type_name,
            "ResourceDescriptions": [
                {
                    "Identifier": "|".join(
                        str(m.get(n, "")) for n in self.schema.primary_identifier
                    ),
                    "Properties": json.dumps(m),
                }
                for m in models
            ],
        }
        if following is not None:
            output["NextToken"] = following.encode()
        return output

    # -- request tracking -----------------------------------------------------------

    def get_resource_request_status(self, request_token: str) -> dict[str, Any]:
        request = self.store.get(request_token)
        self.store.settled(request, self.status_wait)
        return self._event(request)

    def list_resource_requests(
        self,
        max_results: int | None = None,
        next_token: str | None = None,
        resource_request_status_filter: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        chosen = resource_request_status_filter or {}
        page, following = self.store.page(
            operations=chosen.get("Operations") or (),
            statuses=chosen.get("OperationStatuses") or (),
            max_results=max_results or 20,
            next_token=next_token,
        )
        with self.store.lock:
            output: dict[str, Any] = {
                "ResourceRequestStatusSummaries": [r.progress_event() for r in page]
            }
        if following:
            output["NextToken"] = following
        return output

    def cancel_resource_request(self, request_token: str) -> dict[str, Any]:
        return {"ProgressEvent": self.runner.cancel(self.store.get(request_token))}
