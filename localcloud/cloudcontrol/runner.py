"""Runs a mutating request's handler in the background until it settles.

A step invokes the handler once (``localcloud.registry_handler.step``).
IN_PROGRESS keeps the request IN_PROGRESS and asks the scheduler to run the
step again after callbackDelaySeconds, with the next request the registry
contract makes of the reply (the handler's callbackContext and the model it
returned as the next desired state); as Cloud Control, the delay is the
handler's and callbacks are not bounded (``AS_THE_SERVICE``). SUCCESS and FAILED
settle the request. A cancel that arrives while the handler runs lets that
invocation finish (its effect stays, as in Cloud Control) and then settles as
CANCEL_COMPLETE.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from localcloud.registry_handler import AS_THE_SERVICE, CallbackPolicy, HandlerResult, Step, step

from .exceptions import CloudControlError
from .invoker import HandlerInvoker
from .models import RequestStore, ResourceRequest
from .scheduler import Scheduler


class Runner:
    """Starts, advances and cancels requests of one store."""

    def __init__(
        self,
        store: RequestStore,
        scheduler: Scheduler,
        invoke: HandlerInvoker,
        policy: CallbackPolicy = AS_THE_SERVICE,
    ) -> None:
        self.store = store
        self.scheduler = scheduler
        self.invoke = invoke
        self.policy = policy

    def start(
        self,
        request: ResourceRequest,
        *,
        desired: dict[str, Any],
        previous: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Queues the request's first step; the ProgressEvent as of the start.

        That is the operation's answer, IN_PROGRESS or PENDING as Cloud Control
        answers, however quickly the handler then finishes.
        """
        with self.store.lock:  # the first step waits for this lock: it cannot overtake us
            request.handler_request = self.invoke.request(
                request.operation, desired, previous=previous, request_token=request.token
            )
            queued = self.scheduler.pending(request.identifier) > 0
            request.status = "PENDING" if queued else "IN_PROGRESS"
            self.scheduler.submit(request.identifier, lambda: self.step(request))
            return request.progress_event()

    def step(self, request: ResourceRequest) -> float | None:
        """One handler invocation; the delay before the next one, or None when settled."""
        with self.store.lock:
            if request.cancel_requested:
                request.status = "CANCEL_COMPLETE"
                self.store.notify()
                return None
            request.status = "IN_PROGRESS"
            request.handler_running = True
            request.retry_after = None
            event, callbacks = request.handler_request, request.callbacks
        try:
            done = step(self.invoke.entrypoint, event, policy=self.policy, callbacks=callbacks)
        except Exception as error:  # the contract already guards; this guards the guard
            done = Step(HandlerResult.failure(f"The handler raised {type(error).__name__}"))
        with self.store.lock:
            delay = self._settle(request, done)
            self.store.notify()
            return delay

    def _settle(self, request: ResourceRequest, done: Step) -> float | None:
        now = self.store.clock()
        result = done.result
        request.handler_running = False
        request.event_time = now
        if result.model is not None and request.operation != "DELETE":
            request.resource_model = result.model
        if request.cancel_requested:
            request.status = "CANCEL_COMPLETE"
            return None
        request.status_message = result.message
        if done.next_request is not None:
            request.handler_request = done.next_request
            request.callbacks += 1
            request.retry_after = now + timedelta(seconds=done.delay_seconds)
            return done.delay_seconds
        request.status = result.status
        request.error_code = result.error_code if result.status == "FAILED" else None
        return None

    def cancel(self, request: ResourceRequest) -> dict[str, Any]:
        """Cancels a PENDING or IN_PROGRESS request; the ProgressEvent after the cancel."""
        with self.store.lock:
            if request.status not in ("PENDING", "IN_PROGRESS"):
                raise CloudControlError(
                    "ConcurrentModificationException",
                    f"Request {request.token} is {request.status}: only PENDING or IN_PROGRESS "
                    "requests can be canceled",
                )
            request.cancel_requested = True
            request.status = "CANCEL_IN_PROGRESS" if request.handler_running else "CANCEL_COMPLETE"
            request.event_time = self.store.clock()
            request.retry_after = None
            self.store.notify()
            return request.progress_event()
