"""Custom resources (``Custom::*``, ``AWS::CloudFormation::CustomResource``), driven as
CloudFormation drives them, with their function's real code.

Each operation sends the function the request CloudFormation documents
(``RequestType`` Create, Update or Delete; ``ResponseURL``, ``StackId``,
``RequestId``, ``ResourceType``, ``LogicalResourceId``, ``ResourceProperties``;
``OldResourceProperties`` and ``PhysicalResourceId`` where they apply), invokes
the Lambda function ``ServiceToken`` names through the local Lambda runner, and
waits for the response document at the request's ``ResponseURL``
(``response_urls``):

* ``SUCCESS``: the resource is made, updated or deleted; ``PhysicalResourceId``
  is its physical id (its Ref) and ``Data`` its attributes (``Fn::GetAtt``).
  An Update that answers another PhysicalResourceId replaced the resource: the
  engine deletes the old one in the cleanup (``replaced_by(old)``).
* ``FAILED``: the operation fails with ``Received response status [FAILED] from
  custom resource. Message returned: <Reason>``. A failed Create still has the
  PhysicalResourceId it answered, and the rollback sends it a Delete, as
  CloudFormation does.
* No response within ``ServiceTimeout`` (seconds, 1 to 3600; 3600 when absent)
  fails it with CloudFormation's message. Offline the wait also ends when the
  function has returned or failed without responding (after a moment for a
  PUT still on its way): the reason then names what the function did.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from localcloud.cloudformation.engine import response_urls
from localcloud.cloudformation.engine.context import ResourceRequest, current_request
from localcloud.cloudformation.engine.errors import ResourceFailure
from localcloud.moto_adapter.awslambda import lambda_backends
from localcloud.moto_adapter.cloudformation import CloudFormationModel

__all__ = ["CUSTOM_RESOURCE", "CustomResource", "FailedResponse", "is_custom"]

CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource"
DEFAULT_SERVICE_TIMEOUT = 3600
# After the function returned without a response: how long a PUT it started may take.
LATE_RESPONSE_SECONDS = 5.0
NO_RESPONSE = (
    "CloudFormation did not receive a response from your Custom Resource. Please check your "
    "logs for requestId [{request_id}]."
)


def is_custom(resource_type: str) -> bool:
    return resource_type.startswith("Custom::") or resource_type == CUSTOM_RESOURCE


def _service_timeout(properties: dict[str, Any]) -> float:
    value = properties.get("ServiceTimeout", DEFAULT_SERVICE_TIMEOUT)
    try:
        seconds = int(str(value))
    except ValueError:
        seconds = 0
    if not 1 <= seconds <= DEFAULT_SERVICE_TIMEOUT:
        raise ResourceFailure(
            f"ServiceTimeout must be an integer from 1 to {DEFAULT_SERVICE_TIMEOUT}: {value!r}",
            "InvalidRequest",
        )
    return float(seconds)


def _function(token: Any, account_id: str, region_name: str) -> Any:
    if not isinstance(token, str) or not token:
        raise ResourceFailure("Property ServiceToken cannot be empty.", "InvalidRequest")
    if ":lambda:" not in token and token.startswith("arn:"):
        raise ResourceFailure(
            f"ServiceToken {token} is not a Lambda function: this endpoint runs custom "
            "resources backed by Lambda functions",
            "InvalidRequest",
        )
    try:
        return lambda_backends[account_id][region_name].get_function(token)
    except Exception as error:
        raise ResourceFailure(
            f"ServiceToken {token}: {getattr(error, 'message', None) or error}",
            "InvalidRequest",
        ) from error


class FailedResponse(ResourceFailure):
    """The function answered FAILED (with the PhysicalResourceId it gave, if any)."""

    def __init__(self, message: str, physical_id: Any) -> None:
        super().__init__(message)
        self.physical_id = physical_id if isinstance(physical_id, str) and physical_id else None


@dataclass
class _Invocation:
    """The function's invocation, in a thread: whether it ended, and how."""

    done: threading.Event
    outcome: str = ""

    def ended(self) -> bool:
        return self.done.is_set()


def _invoke(function: Any, event: dict[str, Any]) -> _Invocation:
    invocation = _Invocation(threading.Event())

    def run() -> None:
        headers: dict[str, str] = {}
        try:
            payload = function.invoke(
                json.dumps(event), {"X-Amz-Invocation-Type": "RequestResponse"}, headers
            )
            if headers.get("x-amz-function-error"):
                answer = json.loads(payload or b"{}")
                kind, message = answer.get("errorType"), answer.get("errorMessage")
                invocation.outcome = f"the function failed: {kind}: {message}"
            else:
                invocation.outcome = "the function returned without sending a response"
        except Exception as error:
            message = getattr(error, "message", None) or str(error) or type(error).__name__
            invocation.outcome = f"the function could not be invoked: {message}"
        finally:
            invocation.done.set()

    threading.Thread(target=run, name=f"custom-resource-{event['RequestId']}", daemon=True).start()
    return invocation


def _send(request: ResourceRequest, request_type: str, body: dict[str, Any]) -> dict[str, Any]:
    """Invoke the function with a ``request_type`` request; the SUCCESS response document."""
    properties = dict(body["ResourceProperties"])
    timeout = _service_timeout(properties)
    function = _function(properties.get("ServiceToken"), request.account_id, request.region_name)
    expected = response_urls.expect()
    request_id = str(uuid.uuid4())
    event = {
        "RequestType": request_type,
        "ServiceToken": properties.get("ServiceToken"),
        "ResponseURL": expected.url,
        "StackId": request.stack_id,
        "RequestId": request_id,
        "LogicalResourceId": request.logical_id,
        "ResourceType": request.resource_type,
        **body,
    }
    try:
        invocation = _invoke(function, event)
        deadline = time.monotonic() + timeout
        while not expected.wait(min(0.5, deadline - time.monotonic())):
            left = deadline - time.monotonic()
            if left <= 0:
                raise ResourceFailure(NO_RESPONSE.format(request_id=request_id))
            if invocation.ended():  # a PUT it made may still be on its way
                if expected.wait(min(LATE_RESPONSE_SECONDS, left)):
                    break
                raise ResourceFailure(
                    NO_RESPONSE.format(request_id=request_id) + f" Offline: {invocation.outcome}."
                )
    finally:
        expected.forget()
    return _checked(expected, event)


def _checked(expected: response_urls.Expected, event: dict[str, Any]) -> dict[str, Any]:
    if expected.problem is not None:
        raise ResourceFailure(expected.problem)
    document = expected.document or {}
    for key in ("StackId", "RequestId", "LogicalResourceId"):
        if document.get(key) != event[key]:
            raise ResourceFailure(f"Response object is invalid: {key} is not the request's")
    status = document.get("Status")
    if status == "FAILED":
        reason = document.get("Reason") or "(no reason given)"
        raise FailedResponse(
            "Received response status [FAILED] from custom resource. Message returned: "
            f"{reason} (RequestId: {event['RequestId']})",
            document.get("PhysicalResourceId"),
        )
    if status != "SUCCESS":
        raise ResourceFailure(f"Response object is invalid: Status {status!r}")
    physical = document.get("PhysicalResourceId")
    if not isinstance(physical, str) or not physical:
        raise ResourceFailure("Invalid PhysicalResourceId")
    data = document.get("Data") or {}
    if not isinstance(data, dict):
        raise ResourceFailure("Response object is invalid: Data is not an object")
    return document


def _request() -> ResourceRequest:
    found = current_request()
    if found is None:
        raise ResourceFailure("A custom resource was called outside a stack operation")
    return found


class CustomResource(CloudFormationModel):
    """A custom resource: its physical id, properties and the Data its function answered."""

    def __init__(
        self, logical_id: str, physical_id: str, properties: dict[str, Any], data: dict[str, Any]
    ) -> None:
        self.logical_resource_id = logical_id
        self.physical_id = physical_id
        self.properties = properties
        self.data = data

    @staticmethod
    def cloudformation_type() -> str:
        return CUSTOM_RESOURCE

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # no name property

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return True  # its function's Data decides

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name not in self.data:
            raise ResourceFailure(
                f"CustomResource attribute error: Vendor response doesn't contain "
                f"{attribute_name} key in object {self.logical_resource_id}"
            )
        return self.data[attribute_name]

    @property
    def physical_resource_id(self) -> str:
        return self.physical_id

    def is_created(self) -> bool:
        return True

    @classmethod
    def _answered(
        cls, request: ResourceRequest, properties: dict[str, Any], answer: dict[str, Any]
    ) -> CustomResource:
        """The resource a SUCCESS response describes."""
        physical = answer["PhysicalResourceId"]
        return cls(request.logical_id, physical, properties, answer.get("Data") or {})

    def replaced_by(self, new: Any) -> bool:
        """True if an update answered another physical id: the old resource is deleted."""
        return isinstance(new, CustomResource) and new.physical_id != self.physical_id

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> CustomResource:
        request = _request()
        properties = dict(cloudformation_json.get("Properties") or {})
        try:
            answer = _send(request, "Create", {"ResourceProperties": properties})
        except FailedResponse as failure:
            if failure.physical_id:  # CloudFormation sends it a Delete on rollback
                failure.leftover = cls(request.logical_id, failure.physical_id, properties, {})
            raise
        return cls._answered(request, properties, answer)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> CustomResource:
        request = _request()
        properties = dict(cloudformation_json.get("Properties") or {})
        body = {
            "ResourceProperties": properties,
            "OldResourceProperties": dict(original_resource.properties),
            "PhysicalResourceId": original_resource.physical_id,
        }
        return cls._answered(request, properties, _send(request, "Update", body))

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        """The engine deletes through the instance (``delete``), which knows its id."""

    def delete(self, account_id: str, region_name: str) -> None:
        body = {"ResourceProperties": dict(self.properties), "PhysicalResourceId": self.physical_id}
        _send(_request(), "Delete", body)
