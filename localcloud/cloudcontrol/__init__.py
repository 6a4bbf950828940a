"""Offline AWS Cloud Control API for AWS::CustomerProfiles::EventTrigger.

The rules are plain classes with no moto in them: ``CloudControl`` (``service``,
the eight operations), ``protocol`` (the JSON 1.0 input checks), the requests and
their store (``models``), identifiers, JSON patch, listing, and the
background runner; the type's schema is read by
``localcloud.core.resource_schema`` and its handler called by
``localcloud.registry_handler``. ``register()`` plugs them into moto through the
thin adapter (``backend``, ``responses``, ``urls``), so ``python -m localcloud.server`` serves
Cloud Control and Customer Profiles on one port. The command line is
``python -m localcloud.cloudcontrol --help``.
"""

from __future__ import annotations

from .exceptions import CloudControlError
from .service import CloudControl

__all__ = ["CloudControl", "CloudControlError", "register"]

SIGNING_NAME = "cloudcontrolapi"


def register() -> None:
    """Makes moto route Cloud Control requests here (idempotent); the server calls it."""
    from localcloud.moto_adapter.registry import register_service

    from .backend import MOTO_NAME
    from .urls import url_bases

    register_service(MOTO_NAME, f"{__name__}.backend", url_bases, SIGNING_NAME)
