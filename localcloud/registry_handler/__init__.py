"""The registry resource handler contract: HandlerRequest in, ProgressEvent out.

One home for how a resource type's handler is called, whoever calls it: Cloud
Control (``localcloud.cloudcontrol``), the stack engine's registry types
(``localcloud.cloudformation.resources``), ``make run`` (``localcloud.lifecycle``).

* ``request``: ``handler_request(...)`` builds the HandlerRequest event.
* ``progress``: ``invoke(entrypoint, event)`` calls an ``(event, context)``
  entrypoint defensively and reads its ProgressEvent into a ``HandlerResult``
  (``read_reply``); ``default_entrypoint()`` is the project's own.
* ``callbacks``: what IN_PROGRESS leads to. ``step`` is one invocation and the
  next request (``next_request``) with its delay, for a caller that schedules
  it; ``drive`` follows callbacks to the end; ``CallbackPolicy`` bounds them.
"""

from __future__ import annotations

from .callbacks import (
    AS_THE_SERVICE,
    MAX_CALLBACKS,
    MAX_DELAY_SECONDS,
    OFFLINE,
    CallbackPolicy,
    Step,
    drive,
    next_request,
    step,
)
from .progress import STATUSES, Entrypoint, HandlerResult, default_entrypoint, invoke, read_reply
from .request import handler_request

__all__ = [
    "AS_THE_SERVICE",
    "MAX_CALLBACKS",
    "MAX_DELAY_SECONDS",
    "OFFLINE",
    "STATUSES",
    "CallbackPolicy",
    "Entrypoint",
    "HandlerResult",
    "Step",
    "default_entrypoint",
    "drive",
    "handler_request",
    "invoke",
    "next_request",
    "read_reply",
    "step",
]
