"""The HandlerRequests Cloud Control sends the resource type's Lambda entrypoint.

Cloud Control's event is the registry contract's HandlerRequest
(``localcloud.registry_handler``) with offline credentials that include a
session token, the caller's region and account, and no stack: Cloud Control
sends no CloudFormation system tags. Invocation and the reading of the reply
are the contract's: a handler that raises or answers with something that is not
a ProgressEvent is a FAILED InternalFailure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from localcloud.core.offline import ACCOUNT_ID
from localcloud.registry_handler import Entrypoint, HandlerResult, handler_request, invoke


class HandlerInvoker:
    """Builds and sends one entrypoint's requests, for one region and account."""

    def __init__(
        self,
        entrypoint: Entrypoint | None = None,
        *,
        region: str = "us-east-1",
        account_id: str = ACCOUNT_ID,
    ) -> None:
        self.entrypoint = entrypoint  # None: the project's own, looked up on each call
        self.region = region
        self.account_id = account_id

    def request(
        self,
        action: str,
        properties: Mapping[str, Any],
        *,
        previous: Mapping[str, Any] | None = None,
        next_token: str | None = None,
        request_token: str | None = None,
    ) -> dict[str, Any]:
        """The HandlerRequest Cloud Control sends for ``action``."""
        return handler_request(
            action,
            properties,
            previous_properties=previous,
            system_tags={},
            region=self.region,
            account_id=self.account_id,
            next_token=next_token,
            bearer_token=request_token,
        )

    def __call__(
        self, action: str, properties: Mapping[str, Any], *, next_token: str | None = None
    ) -> HandlerResult:
        """One invocation for ``action``, read: for READ and LIST, which answer at once."""
        return invoke(self.entrypoint, self.request(action, properties, next_token=next_token))
