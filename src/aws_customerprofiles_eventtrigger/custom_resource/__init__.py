"""The event trigger as a CloudFormation custom resource (``Custom::CustomerProfilesEventTrigger``).

``handler`` is the Lambda function's entry point: it takes CloudFormation's
custom resource requests, makes the change with the registry type's own
handlers (``lifecycle``), and answers at the request's ResponseURL
(``response``). Every path answers, FAILED with one line naming what was wrong
when it fails: a malformed request, bad properties, a service error, an
unexpected exception, and the function running out of time, which a timer
answers before Lambda's deadline. guides/custom-resource.md describes the form.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

from cloudformation_cli_python_lib import exceptions

from . import identity, lifecycle
from .response import FAILED, Outcome, Responder

__all__ = ["handler"]

LOG = logging.getLogger(__name__)

# The timer answers this long before the deadline, or a quarter of the time
# left if that is shorter; the response's delivery stops this long before it, or
# half the margin if that is shorter, so that the timer's answer has time to go.
DEADLINE_MARGIN_SECONDS = 10.0
MARGIN_SHARE = 0.25
DELIVERY_RESERVE_SECONDS = 0.5


def _remaining_seconds(context: Any) -> float | None:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if remaining is None:
        return None
    return max(0.0, float(remaining()) / 1000.0)


def _refuse(event: Any, message: str, deadline: float | None) -> dict[str, Any]:
    """FAILED for a request that cannot be read, sent if it says where to."""
    LOG.error("%s", message)
    fields = event if isinstance(event, Mapping) else {}
    request_id = str(fields.get("RequestId") or "unknown")
    physical_id = fields.get("PhysicalResourceId")
    if not isinstance(physical_id, str) or not physical_id:
        physical_id = identity.failed_create_id(request_id)
    outcome = Outcome(FAILED, physical_id, message)
    if not isinstance(fields.get("ResponseURL"), str) or not fields["ResponseURL"]:
        return {"Status": FAILED, "Reason": message, "PhysicalResourceId": physical_id}
    return Responder(fields, physical_id, deadline).send(outcome)


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Handles one custom resource request; returns the response document sent."""
    started = time.monotonic()
    remaining = _remaining_seconds(context)
    margin = 0.0 if remaining is None else min(DEADLINE_MARGIN_SECONDS, remaining * MARGIN_SHARE)
    deadline = None
    if remaining is not None:
        deadline = started + remaining - min(DELIVERY_RESERVE_SECONDS, margin / 2)
    try:
        request = lifecycle.Request.from_event(event)
    except exceptions.InvalidRequest as error:
        return _refuse(event, f"InvalidRequest: {error}", deadline)
    responder = Responder(event, lifecycle.failure_id(request), deadline)
    timer = None
    if remaining is not None:
        reason = (
            f"{request.request_type} of {request.logical_id} did not finish before the"
            f" function's time limit (answered {margin:.1f} s before it): raise the"
            " function's Timeout"
        )
        timer = threading.Timer(
            max(0.0, remaining - margin),
            lambda: responder.send(Outcome(FAILED, responder.failure_id, reason)),
        )
        timer.daemon = True
        timer.start()
    try:
        outcome = lifecycle.run(request, responder)
    except Exception as error:
        LOG.exception(
            "Unexpected error while handling %s of %s", request.request_type, request.logical_id
        )
        outcome = Outcome(
            FAILED,
            responder.failure_id,
            f"InternalFailure: unexpected {type(error).__name__} while handling"
            f" {request.request_type} of {request.logical_id}",
        )
    try:
        return responder.send(outcome)
    finally:
        if timer is not None:
            timer.cancel()
