"""The moto adapter: HTTP in, ``CloudControl`` calls, HTTP out.

The wire is the one every local service shares (``ModelResponse``: moto's
router matches ``X-Amz-Target``, moto's parser reads the body and moto's
serializer writes answers and errors from botocore's model). Before moto
parses, ``protocol.check_input`` checks the raw body as AWS does (a JSON object,
valid for the input shape). The region is the one in the SigV4 credential
scope (moto's guess is used only for an unsigned request). The server points
the handlers' Customer Profiles calls at itself (``localcloud.server``), so
they land in the same local service.
"""

from __future__ import annotations

import re
from typing import Any

from botocore import xform_name

from localcloud.moto_adapter.core import ActionResult, Request
from localcloud.moto_adapter.responses import ModelResponse

from . import protocol
from .backend import cloudcontrol_backends
from .exceptions import SERVICE_NAME, CloudControlError
from .service import CloudControl

_SCOPE = re.compile(r"Credential=[^/,]+/\d{8}/([^/,]+)/")


def scope_region(authorization: str | None) -> str | None:
    """The region of a SigV4 Authorization header's credential scope."""
    match = _SCOPE.search(authorization or "")
    return match.group(1) if match else None


class CloudControlResponse(ModelResponse):
    """One method per operation, each the service's method of the same name."""

    SERVICE_NAME = SERVICE_NAME
    PROTOCOL = "json"
    OPERATIONS = protocol.OPERATIONS
    INTERNAL_ERROR = "InternalFailure"

    @property
    def service(self) -> CloudControl:
        region = scope_region(self.headers.get("Authorization")) or self.region
        service: CloudControl = cloudcontrol_backends[self.current_account][region].service
        return service

    def unknown(self, request: Request) -> CloudControlError:
        target = request.headers.get("X-Amz-Target")
        return CloudControlError("UnknownOperationException", f"Unknown operation {target!r}")

    def before_parse(self, operation: str, request: Request) -> None:
        protocol.check_input(operation, request.get_data())

    def _call(self, operation: str) -> ActionResult:
        arguments = {xform_name(name): value for name, value in self.params.items()}
        output: dict[str, Any] = getattr(self.service, xform_name(operation))(**arguments)
        return ActionResult(output)

    def create_resource(self) -> ActionResult:
        return self._call("CreateResource")

    def get_resource(self) -> ActionResult:
        return self._call("GetResource")

    def update_resource(self) -> ActionResult:
        return self._call("UpdateResource")

    def delete_resource(self) -> ActionResult:
        return self._call("DeleteResource")

    def list_resources(self) -> ActionResult:
        return self._call("ListResources")

    def get_resource_request_status(self) -> ActionResult:
        return self._call("GetResourceRequestStatus")

    def list_resource_requests(self) -> ActionResult:
        return self._call("ListResourceRequests")

    def cancel_resource_request(self) -> ActionResult:
        return self._call("CancelResourceRequest")
