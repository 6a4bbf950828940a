"""What follows IN_PROGRESS: CloudFormation's callback contract, one step at a time or driven.

A handler that answers IN_PROGRESS is invoked again with the same request
(the same bearer token), carrying the ``resourceModel`` it returned as the
desired resource state (the previous desired state when it returned none) and
its ``callbackContext``, after its ``callbackDelaySeconds``. That is what
CloudFormation and Cloud Control send, and what the CloudFormation CLI's
contract tests send (``rpdk.core.contract.resource_client.ResourceClient.call``).
READ and LIST answer at once: IN_PROGRESS from them is a FAILED InternalFailure.

A ``CallbackPolicy`` bounds the callbacks and caps the delay. ``OFFLINE``
(the stack engine, ``make run``) sleeps at most ``MAX_DELAY_SECONDS`` per
callback and fails NotStabilized after ``MAX_CALLBACKS``; ``AS_THE_SERVICE``
(Cloud Control, whose scheduler waits out the delay) keeps both as the
handler asks.

``step`` is one invocation and what comes next, for a caller that runs the
next step later itself (Cloud Control's scheduler); ``drive`` runs the steps
to the end, sleeping between them (the stack engine).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .progress import Entrypoint, HandlerResult, invoke

__all__ = [
    "AS_THE_SERVICE",
    "MAX_CALLBACKS",
    "MAX_DELAY_SECONDS",
    "OFFLINE",
    "CallbackPolicy",
    "Step",
    "drive",
    "next_request",
    "step",
]

MAX_CALLBACKS = 20
MAX_DELAY_SECONDS = 0.5
ANSWERS_AT_ONCE = frozenset({"READ", "LIST"})


@dataclass(frozen=True)
class CallbackPolicy:
    """How many callbacks a request gets (None: no bound) and the longest wait before one."""

    max_callbacks: int | None = MAX_CALLBACKS
    max_delay_seconds: float | None = MAX_DELAY_SECONDS

    def delay(self, result: HandlerResult) -> float:
        """The seconds to wait before the callback ``result`` asks for."""
        delay = max(result.delay_seconds, 0.0)
        return delay if self.max_delay_seconds is None else min(delay, self.max_delay_seconds)


OFFLINE = CallbackPolicy()
AS_THE_SERVICE = CallbackPolicy(max_callbacks=None, max_delay_seconds=None)


@dataclass(frozen=True)
class Step:
    """One invocation's result and, while IN_PROGRESS, the request to send after the delay."""

    result: HandlerResult
    next_request: dict[str, Any] | None = None
    delay_seconds: float = 0.0


def next_request(event: Mapping[str, Any], result: HandlerResult) -> dict[str, Any]:
    """The callback of ``event`` after the IN_PROGRESS ``result``."""
    following = copy.deepcopy(dict(event))
    context = result.callback_context
    following["callbackContext"] = dict(context) if context else None
    if result.model is not None:
        following.setdefault("requestData", {})["resourceProperties"] = dict(result.model)
    return following


def step(
    entrypoint: Entrypoint | None,
    event: Mapping[str, Any],
    *,
    policy: CallbackPolicy = OFFLINE,
    callbacks: int = 0,
) -> Step:
    """Invokes ``entrypoint`` once with ``event``, the ``callbacks``-th callback of its request."""
    result = invoke(entrypoint, event)
    if result.status != "IN_PROGRESS":
        return Step(result)
    action = event.get("action")
    if action in ANSWERS_AT_ONCE:
        return Step(HandlerResult.failure(f"The {action} handler answered IN_PROGRESS"))
    if policy.max_callbacks is not None and callbacks >= policy.max_callbacks:
        message = f"The {action} handler was still IN_PROGRESS after {callbacks} callbacks"
        return Step(HandlerResult("FAILED", "NotStabilized", message, model=result.model))
    return Step(result, next_request(event, result), policy.delay(result))


def drive(
    entrypoint: Entrypoint | None,
    event: Mapping[str, Any],
    *,
    policy: CallbackPolicy = OFFLINE,
    sleep: Callable[[float], None] = time.sleep,
) -> HandlerResult:
    """The request's final result, SUCCESS or FAILED, following every callback it asks for."""
    callbacks = 0
    while True:
        done = step(entrypoint, event, policy=policy, callbacks=callbacks)
        if done.next_request is None:
            return done.result
        sleep(done.delay_seconds)
        event, callbacks = done.next_request, callbacks + 1
