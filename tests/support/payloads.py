"""What CloudFormation hands the provider: HandlerRequest payloads and modelled requests.

Payloads come from ``localcloud.registry_handler``, the one home of their wire
shape; here they are shaped as CloudFormation sends properties (every scalar a
string) and sent through the real Lambda entrypoint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_customerprofiles_eventtrigger.handlers import resource
from localcloud.core.offline import ACCOUNT_ID
from localcloud.registry_handler import handler_request
from tests.support.constants import REGION


def cfn_shaped(value: Any) -> Any:
    """What CloudFormation sends: every scalar as a string, booleans as "true"/"false"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        return {key: cfn_shaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cfn_shaped(item) for item in value]
    return value


def invoke(action: str, properties: Mapping[str, Any] | None, **kwargs: Any) -> dict[str, Any]:
    """One invocation of the Lambda entrypoint, as CloudFormation makes it."""
    previous = kwargs.pop("previous_properties", None)
    if previous is not None:
        kwargs["previous_properties"] = cfn_shaped(previous)
    shaped = cfn_shaped(properties) if properties is not None else None
    return dict(resource(handler_request(action, shaped, **kwargs), None))


def make_request(
    properties: dict[str, Any] | None,
    *,
    previous: dict[str, Any] | None = None,
    stack_tags: dict[str, str] | None = None,
    next_token: str | None = None,
    region: str = REGION,
) -> Any:
    """A modelled handler request, as the lib builds it from a HandlerRequest."""
    from cloudformation_cli_python_lib.utils import UnmodelledRequest

    from aws_customerprofiles_eventtrigger.models import ResourceModel

    return UnmodelledRequest(
        clientRequestToken="token",
        desiredResourceState=properties,
        previousResourceState=previous,
        desiredResourceTags=stack_tags or {},
        systemTags={"aws:cloudformation:stack-name": "stack"},
        awsAccountId=ACCOUNT_ID,
        logicalResourceIdentifier="Trigger",
        region=region,
        nextToken=next_token,
    ).to_modelled(ResourceModel, None)
