"""Extensions to moto's CloudFormation engine, installed in one place.

moto's engine parses templates, resolves intrinsic functions and finds a model
per resource type; this package adds what it lacks, shaped as changes to moto's
own classes: resources made at create time in dependency order, per-resource
status and events, rollback of failed creates and updates, updates and change
sets from resolved values (with replacement from the type's create-only
properties), delete in reverse dependency order with DeletionPolicy, reads that
never make anything, and unsupported types that fail the stack.

``install()`` replaces the moto methods listed in ``PATCHES`` (idempotent).
``tests/cloudformation/test_engine_canary.py`` fails by name if a moto upgrade
moves one of them.
"""

from __future__ import annotations

import threading
from typing import Any

from moto.cloudformation.models import ChangeSet, CloudFormationBackend, Stack
from moto.cloudformation.responses import CloudFormationResponse

from localcloud.cloudformation.engine import backend, changesets, wire
from localcloud.cloudformation.engine.context import ResourceRequest, current_request
from localcloud.cloudformation.engine.errors import ResourceFailure, UnsupportedType

__all__ = [
    "ORIGINALS",
    "PATCHES",
    "ResourceFailure",
    "ResourceRequest",
    "UnsupportedType",
    "current_request",
    "install",
    "installed",
]

# (moto class, attribute, replacement): everything the engine changes in moto.
PATCHES: list[tuple[type, str, Any]] = [
    (Stack, "_create_resource_map", backend.create_resource_map),
    (Stack, "outputs", property(backend.stack_outputs)),
    (Stack, "exports", property(backend.stack_exports)),
    (Stack, "stack_resources", property(backend.stack_resources)),
    (CloudFormationBackend, "create_stack", backend.create_stack),
    (CloudFormationBackend, "update_stack", backend.update_stack),
    (CloudFormationBackend, "delete_stack", backend.delete_stack),
    (CloudFormationBackend, "create_change_set", backend.create_change_set),
    (CloudFormationBackend, "execute_change_set", backend.execute_change_set),
    (ChangeSet, "diff", changesets.plan_change_set),
    (
        CloudFormationResponse,
        "create_stack",
        wire.with_request_options(CloudFormationResponse.create_stack),
    ),
    (
        CloudFormationResponse,
        "execute_change_set",
        wire.with_request_options(CloudFormationResponse.execute_change_set),
    ),
    (
        CloudFormationResponse,
        "delete_stack",
        wire.with_request_options(CloudFormationResponse.delete_stack),
    ),
    (CloudFormationResponse, "describe_stack_resources", wire.describe_stack_resources),
    (CloudFormationResponse, "describe_stack_resource", wire.describe_stack_resource),
    (CloudFormationResponse, "list_stack_resources", wire.list_stack_resources),
    (CloudFormationResponse, "_validate_different_update", wire.validate_different_update),
]

# What each patch replaced (moto's own), filled by install().
ORIGINALS: dict[tuple[type, str], Any] = {}

_lock = threading.Lock()
_installed = False


def install() -> None:
    """Install the engine's extensions into moto's CloudFormation (once per process)."""
    global _installed
    with _lock:
        if _installed:
            return
        for owner, name, replacement in PATCHES:
            ORIGINALS[(owner, name)] = owner.__dict__.get(name)
            setattr(owner, name, replacement)
        _installed = True


def installed() -> bool:
    return _installed
