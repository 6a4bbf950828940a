"""Connecting the runner to moto: one attribute, ``lambda_backends.backend``.

moto's ``lambda_backends`` (a ``BackendDict``) makes each account's and
region's Lambda backend from its ``backend`` class. ``install()`` sets that
attribute to ``LocalLambdaBackend``, so the server and ``mock_aws`` alike make
backends whose functions run their code; nothing else of moto changes
(``TOUCH_POINTS``, counted by ``tests/awslambda/test_install.py``).
``uninstall()`` puts moto's own class back (the same object), shuts the
runner's environments down and stops its endpoint server.

Backends moto made before ``install()`` keep moto's class until moto resets
them (``mock_aws`` does when it starts, the server's reset route too), so
install before creating functions; ``install()`` logs a warning when it finds
such functions.
"""

from __future__ import annotations

import logging
import threading

from localcloud.moto_adapter.awslambda import BACKEND_ATTRIBUTE, LambdaBackend, lambda_backends

from . import endpoint
from .backend import LocalLambdaBackend
from .runner import shut_down_shared

__all__ = ["TOUCH_POINTS", "install", "installed", "uninstall"]

log = logging.getLogger("localcloud.awslambda")

# (moto object, attribute): what install() changes, and all it changes.
TOUCH_POINTS: list[tuple[object, str]] = [(lambda_backends, BACKEND_ATTRIBUTE)]

_lock = threading.Lock()
_moto_backend: type[LambdaBackend] | None = None


def install() -> None:
    """Make moto's Lambda backends run functions locally (idempotent, thread-safe)."""
    global _moto_backend
    with _lock:
        if _moto_backend is not None:
            return
        _moto_backend = getattr(lambda_backends, BACKEND_ATTRIBUTE)
        setattr(lambda_backends, BACKEND_ATTRIBUTE, LocalLambdaBackend)
    older = [
        f"{account}/{region}"
        for account, region, backend in lambda_backends.iter_backends()
        if isinstance(backend, LambdaBackend)
        and not isinstance(backend, LocalLambdaBackend)
        and list(backend.list_functions())
    ]
    if older:
        log.warning(
            "Lambda functions made before the local runner was installed keep moto's invoke "
            "until moto resets (%s)",
            ", ".join(older),
        )


def uninstall() -> None:
    """Put moto's own backend class back; end every execution environment."""
    global _moto_backend
    with _lock:
        if _moto_backend is not None:
            setattr(lambda_backends, BACKEND_ATTRIBUTE, _moto_backend)
            _moto_backend = None
    shut_down_shared()
    endpoint.stop()


def installed() -> bool:
    with _lock:
        return _moto_backend is not None
