"""Connecting the S3 extension to moto: one attribute, ``s3_backends.backend``.

moto's ``s3_backends`` makes each account's (and partition's) S3 backend from
its ``backend`` class. ``install()`` sets that to ``LocalS3Backend``, for the
server and ``mock_aws`` alike; ``uninstall()`` puts moto's own class back.
Buckets made before ``install()`` keep moto's evaluation until moto resets
(``mock_aws`` does when it starts, the server's reset route too).
"""

from __future__ import annotations

import threading

from localcloud.moto_adapter.s3 import BACKEND_ATTRIBUTE, S3Backend, s3_backends

from .backend import LocalS3Backend

__all__ = ["TOUCH_POINTS", "install", "installed", "uninstall"]

# (moto object, attribute): what install() changes, and all it changes.
TOUCH_POINTS: list[tuple[object, str]] = [(s3_backends, BACKEND_ATTRIBUTE)]

_lock = threading.Lock()
_moto_backend: type[S3Backend] | None = None


def install() -> None:
    global _moto_backend
    with _lock:
        if _moto_backend is None:
            _moto_backend = getattr(s3_backends, BACKEND_ATTRIBUTE)
            setattr(s3_backends, BACKEND_ATTRIBUTE, LocalS3Backend)


def uninstall() -> None:
    global _moto_backend
    with _lock:
        if _moto_backend is not None:
            setattr(s3_backends, BACKEND_ATTRIBUTE, _moto_backend)
            _moto_backend = None


def installed() -> bool:
    with _lock:
        return _moto_backend is not None
