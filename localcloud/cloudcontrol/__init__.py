"""Offline AWS Cloud Control API for AWS::CustomerProfiles::EventTrigger.

The rules are plain classes with no moto in them: ``CloudControl`` (the eight
operations), ``wire.handle`` (the JSON 1.0 protocol), request tracking, the
schema, identifiers, JSON patch, and the background runner. ``register()``
plugs them into moto through the thin adapter, so ``python -m localcloud.server``
serves Cloud Control and Customer Profiles on one port. The command line is
``python -m localcloud.cloudcontrol --help``.
"""

from __future__ import annotations

from .errors import CloudControlError
from .service import CloudControl

__all__ = ["CloudControl", "CloudControlError", "register"]


def register() -> None:
    """Makes moto route Cloud Control requests here (idempotent); the server calls it."""
    from .adapter import register as register_adapter

    register_adapter()
