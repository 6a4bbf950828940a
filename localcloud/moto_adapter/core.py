"""moto's core, as the local services use it: backends, responses, requests, the mock.

Every name a local service takes from ``moto.core`` comes from here, so that a
moto release that moves one breaks in this file and in
``tests/service/test_moto_private_names.py``, which pins each by name.

* ``BaseBackend`` / ``BackendDict``: a service's state per account and region;
  ``reset_backends()`` forgets all of them and every model instance moto tracks
  (the server's reset route).
* ``BaseResponse``, ``ActionResult``, ``ServiceException``, ``Request``: the
  response class a service subclasses, moto's serializer input, the exception
  moto serializes with the model's error shape, and moto's request wrapper.
* ``route(response, request)``: the operation moto's router matches by method,
  path, query and headers; the method is ``_get_action_from_request`` from moto
  5.2.6 on and ``_get_action_from_method_and_request_uri`` in 5.2.5.
"""

from __future__ import annotations

from moto import mock_aws
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.common_models import BaseModel
from moto.core.common_types import TYPE_RESPONSE
from moto.core.exceptions import ServiceException
from moto.core.request import Request
from moto.core.responses import ActionResult, BaseResponse
from moto.moto_api._internal.models import moto_api_backend

from .versions import routing_method_name

__all__ = [
    "TYPE_RESPONSE",
    "ActionResult",
    "BackendDict",
    "BaseBackend",
    "BaseResponse",
    "Request",
    "ServiceException",
    "mock_aws",
    "reset_backends",
    "route",
]

_ROUTING_METHOD = routing_method_name(BaseResponse) or ""


def route(response: BaseResponse, request: Request) -> str | None:
    """The operation moto's router matches for ``request``; None when none does."""
    action: str | None = getattr(response, _ROUTING_METHOD)(request)
    return action


def reset_backends() -> None:
    """Forget the state of every moto backend, ours included, and every model instance.

    moto's own reset (``POST /moto-api/reset``): its backends, and the list of
    instances each model class keeps (``instances_tracked``, filled by
    ``BaseModel.__new__`` for moto's dashboard), which would otherwise hold every
    stack, event and resource model made since the process started. moto empties
    the lists of the classes it registered by name; a subclass that shares a name
    with one of moto's is not registered, so every subclass's list is emptied too.
    """
    moto_api_backend.reset()
    pending = [BaseModel]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        tracked = model.__dict__.get("instances_tracked")
        if isinstance(tracked, list):
            tracked.clear()
