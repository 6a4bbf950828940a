"""The backend and stack methods the engine replaces on moto's CloudFormation.

Each function here takes the place of the moto method of the same name (see
``localcloud.cloudformation.engine.install``); signatures are moto's. Options
moto's responses do not pass on (OnFailure, DisableRollback, RetainResources)
arrive through ``request_options``, set by the response wrappers in
``wire.py``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from localcloud.cloudformation.engine import operations
from localcloud.cloudformation.engine.changesets import NO_CHANGES, has_changes, plan, require
from localcloud.cloudformation.engine.exports import check_imports, withdraw_exports
from localcloud.cloudformation.engine.records import stack_event
from localcloud.cloudformation.engine.resource_map import EngineResourceMap
from localcloud.moto_adapter.cloudformation import (
    AlreadyExistsException,
    ChangeSet,
    CloudFormationBackend,
    Export,
    Stack,
    ValidationError,
    cloudformation_backends,
    generate_changeset_id,
    generate_stack_id,
    original,
    reparse_template,
    resolve_update_parameters,
    utcnow,
    validate_create_change_set,
)

__all__ = ["request_options"]

request_options: ContextVar[dict[str, Any] | None] = ContextVar(
    "cloudformation_request_options", default=None
)

# One stack operation at a time: a second waits, then sees the first's final status
# (CloudFormation refuses an operation on a stack that is *_IN_PROGRESS). Re-entrant:
# a nested stack's operation runs inside its parent's.
_operations = threading.RLock()
F = TypeVar("F", bound=Callable[..., Any])


def _one_at_a_time(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _operations:
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


# A stack in one of these can be updated (CloudFormation's rule).
UPDATABLE = frozenset(
    {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE"}
)


def _option(name: str, default: Any = None) -> Any:
    return (request_options.get() or {}).get(name, default)


def _on_failure() -> str:
    on_failure, disable = _option("OnFailure"), _option("DisableRollback")
    if on_failure and disable is not None:
        raise ValidationError(
            message="You can specify either DisableRollback or OnFailure, but not both."
        )
    if disable:
        return "DO_NOTHING"
    if on_failure and on_failure not in operations.ON_FAILURE:
        raise ValidationError(message=f"Invalid OnFailure value: {on_failure}")
    return str(on_failure or "ROLLBACK")


# -- Stack ------------------------------------------------------------------


def create_resource_map(self: Stack) -> EngineResourceMap:
    """``Stack._create_resource_map``: parameters and conditions resolved, nothing made."""
    exports: dict[str, Export] = self.cross_stack_resources
    review = self.template_dict == {} and self.template == {}
    return operations.build_map(
        self, self.template_dict, self.parameters, self.tags, exports, review=review, detached=True
    )


def _detached(stack: Stack) -> bool:
    """A Stack built in Python that no operation ran on: moto's own reads apply."""
    rmap = getattr(stack, "resource_map", None)
    return isinstance(rmap, EngineResourceMap) and rmap.detached


def stack_outputs(self: Stack) -> list[dict[str, Any]] | None:
    """``Stack.outputs``: resolved once when an operation completed; reads resolve nothing."""
    if _detached(self):
        return original(Stack, "outputs").fget(self)  # type: ignore[no-any-return]
    return list(getattr(self, "engine_outputs", None) or []) or None


def stack_exports(self: Stack) -> list[Export]:
    if _detached(self):
        return list(original(Stack, "exports").fget(self))
    return list(getattr(self, "engine_exports", None) or [])


def stack_resources(self: Stack) -> list[Any]:
    """``Stack.stack_resources``: the model instances that exist (nothing made on read)."""
    rmap = self.resource_map
    if not isinstance(rmap, EngineResourceMap):
        return []
    if rmap.detached:
        return list(original(Stack, "stack_resources").fget(self))
    return [record.instance for record in rmap.live().values()]


def _backend_of(stack: Stack) -> CloudFormationBackend:
    return cloudformation_backends[stack.account_id][stack.region_name]


def stack_create_resources(self: Stack) -> None:
    """``Stack.create_resources`` (StackSets' and nested stacks): the engine's create."""
    with _operations:
        operations.create(_backend_of(self), self)


def stack_verify_readiness(self: Stack) -> None:
    """``Stack.verify_readiness`` (a custom resource's response arrived): go on with the create."""
    with _operations:
        operations.resume_create(_backend_of(self), self)


def stack_update(
    self: Stack,
    template: str,
    role_arn: str | None = None,
    parameters: dict[str, Any] | None = None,
    tags: dict[str, str] | None = None,
) -> None:
    """``Stack.update``: the engine's update, from resolved values."""
    with _operations:
        backend = _backend_of(self)
        new_map = _new_map(backend, self, template, parameters or {}, tags)
        operations.update(backend, self, template, new_map, role_arn)


def stack_delete(self: Stack) -> None:
    """``Stack.delete``: the engine's delete, in reverse dependency order."""
    with _operations:
        operations.delete(_backend_of(self), self)


# -- CloudFormationBackend -----------------------------------------------------


def _find_stack(backend: CloudFormationBackend, name_or_id: str) -> Stack | None:
    if name_or_id in backend.stacks:
        return backend.stacks[name_or_id]
    for stack in backend.stacks.values():
        if stack.name == name_or_id:
            return stack
    return None


@_one_at_a_time
def create_stack(
    self: CloudFormationBackend,
    name: str,
    template: str,
    parameters: dict[str, Any],
    notification_arns: list[str] | None = None,
    tags: dict[str, str] | None = None,
    role_arn: str | None = None,
    enable_termination_protection: bool | None = False,
    timeout_in_mins: int | None = None,
    stack_policy_body: str | None = None,
) -> Stack:
    """Create every resource now; a failure rolls back (see ``operations.create``)."""
    on_failure = _on_failure()
    if _find_stack(self, name) is not None:
        raise AlreadyExistsException(f"Stack [{name}] already exists")
    stack = _new_stack(
        self,
        name,
        template,
        parameters,
        notification_arns,
        tags,
        role_arn,
        cross_stack_resources=self.exports,
        enable_termination_protection=enable_termination_protection,
        timeout_in_mins=timeout_in_mins,
        stack_policy_body=stack_policy_body,
    )
    check_imports(stack.template_dict, self.exports)
    stack.disable_rollback = on_failure == "DO_NOTHING"
    self.stacks[stack.stack_id] = stack
    operations.create(self, stack, on_failure)
    if stack.status == "DELETE_COMPLETE":
        _forget(self, stack)
    return stack


def _new_stack(
    backend: CloudFormationBackend,
    name: str,
    template: Any,
    parameters: dict[str, Any],
    notification_arns: list[str] | None,
    tags: dict[str, str] | None,
    role_arn: str | None,
    **options: Any,
) -> Stack:
    return Stack(  # type: ignore[abstract]
        stack_id=generate_stack_id(name, backend.region_name, backend.account_id),
        name=name,
        template=template,
        parameters=parameters,
        account_id=backend.account_id,
        region_name=backend.region_name,
        notification_arns=notification_arns,
        tags=tags,
        role_arn=role_arn,
        **options,
    )


def _forget(backend: CloudFormationBackend, stack: Stack) -> None:
    withdraw_exports(backend, stack)
    stack.deletion_time = utcnow()  # type: ignore[attr-defined]
    backend.stacks.pop(stack.stack_id, None)
    backend.deleted_stacks[stack.stack_id] = stack


def _new_map(
    backend: CloudFormationBackend,
    stack: Stack,
    template: str,
    parameters: dict[str, Any],
    tags: dict[str, str] | None,
) -> EngineResourceMap:
    template_dict = Stack.parse_template(template)
    if not isinstance(template_dict, dict):
        raise ValidationError(message="Template format error: the template is not an object")
    merged_tags = dict(stack.tags or {}) if tags is None else tags
    return operations.build_map(stack, template_dict, parameters, merged_tags, backend.exports)


@_one_at_a_time
def update_stack(
    self: CloudFormationBackend,
    name: str,
    template: str,
    role_arn: str | None,
    parameters: list[dict[str, Any]],
    tags: dict[str, str] | None,
) -> Stack:
    """Update from resolved values; no change is refused; a failure rolls back."""
    stack = self.get_stack(name)
    if stack.status not in UPDATABLE:
        raise ValidationError(
            message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated."
        )
    resolved_parameters = resolve_update_parameters(self, stack, parameters)
    new_map = _new_map(self, stack, template, resolved_parameters, tags)
    if not has_changes(stack, new_map, plan(stack, new_map)):
        raise ValidationError(message="No updates are to be performed.")
    fresh = _new_map(self, stack, template, resolved_parameters, tags)  # the plan filled the first
    operations.update(self, stack, template, fresh, role_arn)
    return stack


@_one_at_a_time
def delete_stack(self: CloudFormationBackend, name_or_stack_id: str) -> None:
    """Delete in reverse dependency order; a stack that does not exist is no error."""
    stack = _find_stack(self, name_or_stack_id)
    if stack is None:
        return
    if not isinstance(stack.resource_map, EngineResourceMap):
        raise ValidationError(message=f"Stack {stack.name} was not made by this endpoint")
    if stack.enable_termination_protection:
        raise ValidationError(
            message=f"Stack [{stack.name}] cannot be deleted while TerminationProtection is enabled"
        )
    retain = list(_option("RetainResources") or [])
    if retain and stack.status != "DELETE_FAILED":
        raise ValidationError(
            message="RetainResources is only valid for stacks in the DELETE_FAILED state"
        )
    operations.delete(self, stack, retain)
    if stack.status == "DELETE_COMPLETE":
        _forget(self, stack)


@_one_at_a_time
def create_change_set(
    self: CloudFormationBackend,
    stack_name: str,
    change_set_name: str,
    template: str,
    parameters: dict[str, str],
    description: str,
    change_set_type: str,
    notification_arns: list[str] | None = None,
    tags: dict[str, str] | None = None,
    role_arn: str | None = None,
) -> tuple[str, str]:
    """Plan now from resolved values; a change set with nothing to change is FAILED.

    A request without ChangeSetType means UPDATE, as CloudFormation documents
    (moto's response reads it as CREATE)."""
    if _option("ChangeSetType", change_set_type) is None:
        change_set_type = "UPDATE"
    validate_create_change_set(change_set_name)
    existing = _find_stack(self, stack_name)
    new_stack = None
    if change_set_type == "UPDATE":
        if existing is None:
            raise ValidationError(stack_name)
        if existing.status not in UPDATABLE:
            raise ValidationError(
                message=f"Stack:{existing.stack_id} is in {existing.status} state "
                "and can not be updated."
            )
        stack = existing
    elif existing is not None and existing.status != "REVIEW_IN_PROGRESS":
        raise AlreadyExistsException(f"Stack [{stack_name}] already exists")
    elif existing is not None:
        stack = existing
    else:
        stack = new_stack = _new_stack(
            self, stack_name, {}, parameters, notification_arns, tags, role_arn
        )
    change_set = ChangeSet(
        change_set_type=change_set_type,
        change_set_id=generate_changeset_id(change_set_name, self.region_name, self.account_id),
        change_set_name=change_set_name,
        stack=stack,
        template=template,
        parameters=parameters,
        description=description,
        notification_arns=notification_arns,
        tags=tags,
        role_arn=role_arn,
    )
    if new_stack is not None:
        self.stacks[new_stack.stack_id] = new_stack
        stack_event(new_stack, "REVIEW_IN_PROGRESS", "User Initiated")
    if getattr(change_set, "engine_has_changes", True):
        change_set.status, change_set.execution_status = "CREATE_COMPLETE", "AVAILABLE"
    else:
        change_set.status, change_set.execution_status = "FAILED", "UNAVAILABLE"
        change_set.status_reason = NO_CHANGES
    self.change_sets[change_set.change_set_id] = change_set
    return change_set.change_set_id, stack.stack_id


@_one_at_a_time
def execute_change_set(
    self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None
) -> None:
    """Run the change set as create_stack/update_stack would, with rollback."""
    change_set = require(self, change_set_name, stack_name)
    if change_set.execution_status != "AVAILABLE":
        raise ValidationError(
            message=f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current "
            f"execution status of [{change_set.execution_status}]"
        )
    stack = self.stacks[change_set.stack_id]
    disable = bool(_option("DisableRollback"))
    change_set.execution_status = "EXECUTE_IN_PROGRESS"
    if change_set.change_set_type == "CREATE":
        stack.template = change_set.template
        reparse_template(stack)
        stack.description = stack.template_dict.get("Description")
        stack.parameters = dict(change_set.parameters)
        stack.tags = dict(change_set.tags or {})
        stack.cross_stack_resources = self.exports
        stack.resource_map = create_resource_map(stack)
        stack.disable_rollback = disable
        operations.create(self, stack, "DO_NOTHING" if disable else "ROLLBACK")
        succeeded = stack.status == "CREATE_COMPLETE"
    else:
        new_map = _new_map(
            self, stack, change_set.template, change_set.parameters, change_set.tags or None
        )
        operations.update(self, stack, change_set.template, new_map, change_set.role_arn)
        succeeded = stack.status == "UPDATE_COMPLETE"
    change_set.execution_status = "EXECUTE_COMPLETE" if succeeded else "EXECUTE_FAILED"
    for other in self.change_sets.values():
        same_stack = other is not change_set and other.stack_id == stack.stack_id
        if same_stack and other.execution_status == "AVAILABLE":
            other.execution_status = "OBSOLETE"
