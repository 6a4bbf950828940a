"""The lib's Resource, with the request fields its Lambda path loses put back.

cloudformation-cli-python-lib 2.1.20 builds the handler request without the
HandlerRequest's ``nextToken`` on the Lambda path (only ``test_entrypoint``
forwards it), so LIST could never reach a second page; and it derives
``awsPartition`` as "aws-gov" for us-gov regions. Both are set right here.
"""

from __future__ import annotations

from typing import Any

from botocore.session import get_session
from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.interface import BaseResourceHandlerRequest
from cloudformation_cli_python_lib.resource import Resource
from cloudformation_cli_python_lib.utils import HandlerRequest


def partition_of(region: str | None) -> str | None:
    """The partition botocore's endpoint data gives for a region."""
    if not region:
        return None
    return str(get_session().get_partition_for_region(region))


class EventTriggerResource(Resource):
    def _cast_resource_request(self, request: HandlerRequest) -> BaseResourceHandlerRequest:
        try:
            modelled = super()._cast_resource_request(request)
        except exceptions.InvalidRequest as error:
            raise exceptions.InvalidRequest(_describe_cast_failure(error)) from error
        modelled.nextToken = request.nextToken
        modelled.awsPartition = partition_of(request.region)
        return modelled


def _describe_cast_failure(error: Any) -> str:
    # The lib reports an unknown property as the bare KeyError of its name.
    cause = error.__cause__
    if isinstance(cause, KeyError):
        return f"Unknown property {cause.args[0]!r}: the schema does not define it"
    return f"Invalid resource model: {error}"
