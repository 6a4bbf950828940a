"""Every moto CloudFormation internal the engine uses, and the patches it makes to moto.

The engine (``localcloud.cloudformation.engine``) imports moto only from here:
moto's classes and helpers (``Stack``, ``ResourceMap``, ``parsing``...), the
private attributes and methods it reads or calls (through the functions and
``MotoResourceMap`` below), and ``PATCHED``: every moto attribute the engine
replaces. ``install()`` puts the engine's replacements in place (``patches()``
names them); ``uninstall()`` puts moto's own back, exactly the objects that
were there (``MOTO_ORIGINALS``, taken when this module is first imported,
before anything is patched). ``tests/moto_adapter/test_cloudformation.py``
pins each name and checks that uninstall restores every original.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from moto.cloudformation import parsing
from moto.cloudformation.custom_model import CustomModel
from moto.cloudformation.exceptions import (
    AlreadyExistsException,
    CloudFormationError,
    UnformattedGetAttTemplateException,
    ValidationError,
)
from moto.cloudformation.models import (
    ChangeSet,
    CloudFormationBackend,
    Event,
    Stack,
    cloudformation_backends,
)
from moto.cloudformation.parsing import Export, ResourceMap, clean_json
from moto.cloudformation.responses import CloudFormationResponse
from moto.cloudformation.utils import (
    generate_changeset_id,
    generate_stack_id,
    validate_create_change_set,
)
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow
from moto.ec2.models import ec2_backends
from moto.ec2.models.core import TaggedEC2Resource

__all__ = [
    "MOTO_ORIGINALS",
    "PATCHED",
    "ActionResult",
    "AlreadyExistsException",
    "ChangeSet",
    "CloudFormationBackend",
    "CloudFormationError",
    "CloudFormationModel",
    "CloudFormationResponse",
    "CustomModel",
    "EmptyResult",
    "Event",
    "Export",
    "MotoResourceMap",
    "Stack",
    "TaggedEC2Resource",
    "UnformattedGetAttTemplateException",
    "ValidationError",
    "add_stack_event",
    "clean_json",
    "clear_model_caches",
    "cloudformation_backends",
    "ec2_backends",
    "generate_changeset_id",
    "generate_stack_id",
    "install",
    "installed",
    "is_null_model",
    "model_map",
    "original",
    "parse_resource",
    "patches",
    "reparse_template",
    "request_param",
    "request_params",
    "resolve_update_parameters",
    "uninstall",
    "utcnow",
    "validate_create_change_set",
]

# Every moto attribute the engine replaces: (moto class, attribute name).
PATCHED: list[tuple[type, str]] = [
    (Stack, "_create_resource_map"),
    (Stack, "outputs"),
    (Stack, "exports"),
    (Stack, "stack_resources"),
    (Stack, "create_resources"),
    (Stack, "verify_readiness"),
    (Stack, "update"),
    (Stack, "delete"),
    (CloudFormationBackend, "create_stack"),
    (CloudFormationBackend, "update_stack"),
    (CloudFormationBackend, "delete_stack"),
    (CloudFormationBackend, "create_change_set"),
    (CloudFormationBackend, "execute_change_set"),
    (ChangeSet, "diff"),
    (CloudFormationResponse, "create_stack"),
    (CloudFormationResponse, "create_change_set"),
    (CloudFormationResponse, "execute_change_set"),
    (CloudFormationResponse, "delete_stack"),
    (CloudFormationResponse, "describe_stack_resources"),
    (CloudFormationResponse, "describe_stack_resource"),
    (CloudFormationResponse, "list_stack_resources"),
    (CloudFormationResponse, "_validate_different_update"),
    (CloudFormationResponse, "describe_change_set"),
    (CloudFormationResponse, "delete_change_set"),
    (CloudFormationResponse, "list_change_sets"),
    (CloudFormationResponse, "get_template"),
]

# moto's own attributes, as this module found them (None: the class did not define it).
MOTO_ORIGINALS: dict[tuple[type, str], Any] = {
    (owner, name): owner.__dict__.get(name) for owner, name in PATCHED
}


def original(owner: type, name: str) -> Any:
    """moto's own ``owner.name``, whatever is installed now."""
    return MOTO_ORIGINALS[(owner, name)]


def patches() -> list[tuple[type, str, Any]]:
    """(moto class, attribute, the engine's replacement), one per entry of ``PATCHED``."""
    from localcloud.cloudformation.engine import backend, changesets, wire

    replacements: dict[tuple[type, str], Any] = {
        (Stack, "_create_resource_map"): backend.create_resource_map,
        (Stack, "outputs"): property(backend.stack_outputs),
        (Stack, "exports"): property(backend.stack_exports),
        (Stack, "stack_resources"): property(backend.stack_resources),
        (Stack, "create_resources"): backend.stack_create_resources,
        (Stack, "verify_readiness"): backend.stack_verify_readiness,
        (Stack, "update"): backend.stack_update,
        (Stack, "delete"): backend.stack_delete,
        (CloudFormationBackend, "create_stack"): backend.create_stack,
        (CloudFormationBackend, "update_stack"): backend.update_stack,
        (CloudFormationBackend, "delete_stack"): backend.delete_stack,
        (CloudFormationBackend, "create_change_set"): backend.create_change_set,
        (CloudFormationBackend, "execute_change_set"): backend.execute_change_set,
        (ChangeSet, "diff"): changesets.plan_change_set,
        (CloudFormationResponse, "describe_stack_resources"): wire.describe_stack_resources,
        (CloudFormationResponse, "describe_stack_resource"): wire.describe_stack_resource,
        (CloudFormationResponse, "list_stack_resources"): wire.list_stack_resources,
        (CloudFormationResponse, "_validate_different_update"): wire.validate_different_update,
        (CloudFormationResponse, "describe_change_set"): wire.describe_change_set,
        (CloudFormationResponse, "delete_change_set"): wire.delete_change_set,
        (CloudFormationResponse, "list_change_sets"): wire.list_change_sets,
        (CloudFormationResponse, "get_template"): wire.get_template,
    }
    for name in ("create_stack", "create_change_set", "execute_change_set", "delete_stack"):
        key = (CloudFormationResponse, name)
        replacements[key] = wire.with_request_options(original(*key))
    return [(owner, name, replacements[(owner, name)]) for owner, name in PATCHED]


_lock = threading.Lock()
_installed = False


def install() -> None:
    """Put the engine's replacements into moto (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        for owner, name, replacement in patches():
            setattr(owner, name, replacement)
        _installed = True


def uninstall() -> None:
    """Put moto's own attributes back, the very objects ``install()`` replaced."""
    global _installed
    with _lock:
        for (owner, name), moto_own in MOTO_ORIGINALS.items():
            if moto_own is None:
                if name in owner.__dict__:
                    delattr(owner, name)
            else:
                setattr(owner, name, moto_own)
        _installed = False


def installed() -> bool:
    return _installed


# -- moto's type registry (parsing) ---------------------------------------------


def clear_model_caches() -> None:
    """Forget moto's cached ``CloudFormationModel.__subclasses__()`` so new types are found."""
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()


def model_map() -> Mapping[str, Any]:
    """Resource type -> moto's CloudFormationModel subclass that provisions it."""
    models: Mapping[str, Any] = parsing.get_model_map()
    return models


def is_null_model(resource_type: str) -> bool:
    """moto's types that make nothing (WaitCondition, WaitConditionHandle...)."""
    return resource_type in parsing.NULL_MODELS


def parse_resource(logical_id: str, resource_json: dict[str, Any], rmap: Any) -> Any:
    """moto resolves a resource's JSON against ``rmap``: (model, resolved JSON, physical name)."""
    return parsing.parse_resource_and_generate_name(logical_id, resource_json, rmap)


# -- Stack, CloudFormationBackend and CloudFormationResponse internals ----------


def add_stack_event(stack: Stack, status: str, reason: str | None) -> None:
    stack._add_stack_event(status, resource_status_reason=reason)


def reparse_template(stack: Stack) -> None:
    """Parse ``stack.template`` into ``stack.template_dict``."""
    stack._parse_template()


def resolve_update_parameters(
    backend: CloudFormationBackend, stack: Stack, parameters: list[dict[str, Any]]
) -> dict[str, Any]:
    return dict(backend._resolve_update_parameters(instance=stack, incoming_params=parameters))


def request_params(response: CloudFormationResponse) -> dict[str, Any]:
    return dict(response._get_params())


def request_param(response: CloudFormationResponse, name: str) -> Any:
    return response._get_param(name)


class MotoResourceMap(ResourceMap):
    """moto's ResourceMap, its private state under public names for the engine."""

    @property
    def parsed(self) -> dict[str, Any]:
        """What moto resolves Ref and GetAtt against: pseudo parameters, parameters, resources."""
        parsed: dict[str, Any] = self._parsed_resources
        return parsed

    @property
    def resource_json_map(self) -> dict[str, Any]:
        resources: dict[str, Any] = self._resource_json_map
        return resources

    @property
    def template(self) -> dict[str, Any]:
        template: dict[str, Any] = self._template
        return template

    @template.setter
    def template(self, value: dict[str, Any]) -> None:
        self._template = value

    def moto_getitem(self, key: str) -> Any:
        """moto's own lookup, which makes the resource the first time it is asked for."""
        return ResourceMap.__getitem__(self, key)
