"""Connects the engine to moto, at one point, and disconnects it.

moto routes every CloudFormation request (its server and ``mock_aws`` alike)
to the backend its ``cloudformation_backends`` makes for the account and
region, and reads that backend's URLs. ``install()`` has it make the engine's
``EngineBackend``, whose URLs lead to the engine's ``EngineResponse``; the
backend makes ``EngineStack`` and ``EngineChangeSet``. Nothing of moto's own
classes changes, so stacks moto builds itself (a service-managed StackSet's
instances) stay moto's.

``CONNECTIONS`` names every attribute of moto's that ``install()`` changes
(``tests/moto_adapter/test_engine_install.py`` compares it with what really
changes); ``uninstall()`` puts moto's own objects back. Backends made before a
change of class are dropped (they hold moto's or the engine's stacks): install
before using CloudFormation.
"""

from __future__ import annotations

import threading
from typing import Any

from localcloud.cloudformation.engine.backend import EngineBackend
from localcloud.moto_adapter.cloudformation import CloudFormationBackend, cloudformation_backends

__all__ = ["CONNECTIONS", "install", "installed", "uninstall"]

# (moto object, attribute, moto's own value, the engine's): every attribute install() sets.
CONNECTIONS: list[tuple[Any, str, Any, Any]] = [
    (cloudformation_backends, "backend", CloudFormationBackend, EngineBackend),
]

_lock = threading.Lock()


def _connect(use_engine: bool) -> None:
    with _lock:
        for owner, name, moto_own, engine in CONNECTIONS:
            wanted = engine if use_engine else moto_own
            if getattr(owner, name) is wanted:
                continue
            setattr(owner, name, wanted)
            if isinstance(owner, dict):  # a BackendDict: its accounts' backends are of the
                owner.clear()  # class it had when they were made


def install() -> None:
    """Have moto route CloudFormation to the engine (idempotent)."""
    _connect(True)


def uninstall() -> None:
    """Put moto's own back (idempotent)."""
    _connect(False)


def installed() -> bool:
    return all(getattr(owner, name) is engine for owner, name, _, engine in CONNECTIONS)
