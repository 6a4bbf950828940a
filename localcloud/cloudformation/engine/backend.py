"""The engine's CloudFormation backend: moto's ``CloudFormationBackend``, subclassed.

moto routes CloudFormation (its server and ``mock_aws`` alike) to the backend
its ``cloudformation_backends`` makes per account and region;
``localcloud.cloudformation.engine.connection`` has it make ``EngineBackend``.
Its URLs are the engine's (``urls``), so requests reach the engine's response
class (``responses.EngineResponse``). Signatures are moto's. Options moto's
responses do not pass on (OnFailure, DisableRollback, RetainResources,
ChangeSetType as given) arrive through ``context.request_options``, set by the
response class.

Every stack it makes is an ``EngineStack`` and every change set an
``EngineChangeSet``; StackSets and everything else are moto's own.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

from localcloud.cloudformation.engine import operations, templates
from localcloud.cloudformation.engine.changesets import (
    NO_CHANGES,
    EngineChangeSet,
    has_changes,
    plan,
    require,
)
from localcloud.cloudformation.engine.context import request_option
from localcloud.cloudformation.engine.exports import withdraw_exports
from localcloud.cloudformation.engine.records import stack_event
from localcloud.cloudformation.engine.resource_map import EngineResourceMap, build_map
from localcloud.cloudformation.engine.stack import EngineStack
from localcloud.moto_adapter.cloudformation import (
    AlreadyExistsException,
    CloudFormationBackend,
    Stack,
    ValidationError,
    generate_changeset_id,
    generate_stack_id,
    resolve_update_parameters,
    utcnow,
    validate_create_change_set,
)

__all__ = ["UPDATABLE", "EngineBackend"]

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

URLS_MODULE = "localcloud.cloudformation.engine.urls"


def _on_failure() -> str:
    on_failure, disable = request_option("OnFailure"), request_option("DisableRollback")
    if on_failure and disable is not None:
        raise ValidationError(
            message="You can specify either DisableRollback or OnFailure, but not both."
        )
    if disable:
        return "DO_NOTHING"
    if on_failure and on_failure not in operations.ON_FAILURE:
        raise ValidationError(message=f"Invalid OnFailure value: {on_failure}")
    return str(on_failure or "ROLLBACK")


class EngineBackend(CloudFormationBackend):
    """Stacks created, updated and deleted as CloudFormation does (``operations``)."""

    @property
    def _url_module(self) -> ModuleType:
        """The engine's URLs (moto looks for ``urls`` beside the backend's module)."""
        return importlib.import_module(URLS_MODULE)

    def _find_stack(self, name_or_id: str) -> Stack | None:
        if name_or_id in self.stacks:
            return self.stacks[name_or_id]
        for stack in self.stacks.values():
            if stack.name == name_or_id:
                return stack
        return None

    def _engine_stack(self, stack: Stack) -> EngineStack:
        if not isinstance(stack, EngineStack):
            raise ValidationError(message=f"Stack {stack.name} was not made by this endpoint")
        return stack

    def _new_stack(
        self,
        name: str,
        template: Any,
        parameters: dict[str, Any],
        notification_arns: list[str] | None,
        tags: dict[str, str] | None,
        role_arn: str | None,
        **options: Any,
    ) -> EngineStack:
        # moto's Stack leaves two abstract methods of CloudFormationModel undefined (unenforced)
        return EngineStack(  # type: ignore[abstract]
            stack_id=generate_stack_id(name, self.region_name, self.account_id),
            name=name,
            template=template,
            parameters=parameters,
            account_id=self.account_id,
            region_name=self.region_name,
            notification_arns=notification_arns,
            tags=tags,
            role_arn=role_arn,
            **options,
        )

    def _forget(self, stack: EngineStack) -> None:
        withdraw_exports(self, stack)
        stack.deletion_time = utcnow()
        self.stacks.pop(stack.stack_id, None)
        self.deleted_stacks[stack.stack_id] = stack

    def _new_map(
        self,
        stack: EngineStack,
        template: str,
        parameters: dict[str, Any],
        tags: dict[str, str] | None,
    ) -> EngineResourceMap:
        template_dict = stack.process(template, parameters)
        merged_tags = dict(stack.tags or {}) if tags is None else tags
        return build_map(
            stack.stack_id,
            stack.name,
            stack.account_id,
            stack.region_name,
            template_dict,
            parameters,
            merged_tags,
            self.exports,
        )

    # -- moto's backend methods ------------------------------------------------

    @_one_at_a_time
    def create_stack(
        self,
        name: str,
        template: str,
        parameters: dict[str, Any],
        notification_arns: list[str] | None = None,
        tags: dict[str, str] | None = None,
        role_arn: str | None = None,
        enable_termination_protection: bool | None = False,
        timeout_in_mins: int | None = None,
        stack_policy_body: str | None = None,
    ) -> EngineStack:
        """Create every resource now; a failure rolls back (see ``operations.create``)."""
        on_failure = _on_failure()
        if self._find_stack(name) is not None:
            raise AlreadyExistsException(f"Stack [{name}] already exists")
        stack = self._new_stack(
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
        stack.disable_rollback = on_failure == "DO_NOTHING"
        self.stacks[stack.stack_id] = stack
        operations.create(self, stack, on_failure)
        if stack.status == "DELETE_COMPLETE":
            self._forget(stack)
        return stack

    @_one_at_a_time
    def update_stack(
        self,
        name: str,
        template: str,
        role_arn: str | None,
        parameters: list[dict[str, Any]],
        tags: dict[str, str] | None,
    ) -> EngineStack:
        """Update from resolved values; no change is refused; a failure rolls back."""
        stack = self._engine_stack(self.get_stack(name))
        if stack.status not in UPDATABLE:
            raise ValidationError(
                message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated."
            )
        resolved_parameters = resolve_update_parameters(self, stack, parameters)
        new_map = self._new_map(stack, template, resolved_parameters, tags)
        if not has_changes(stack, new_map, plan(stack, new_map)):
            raise ValidationError(message="No updates are to be performed.")
        fresh = self._new_map(stack, template, resolved_parameters, tags)  # the plan filled it
        operations.update(self, stack, template, fresh, role_arn)
        return stack

    @_one_at_a_time
    def delete_stack(self, name_or_stack_id: str) -> None:
        """Delete in reverse dependency order; a stack that does not exist is no error."""
        found = self._find_stack(name_or_stack_id)
        if found is None:
            return
        stack = self._engine_stack(found)
        if stack.enable_termination_protection:
            raise ValidationError(
                message=f"Stack [{stack.name}] cannot be deleted while TerminationProtection "
                "is enabled"
            )
        retain = list(request_option("RetainResources") or [])
        if retain and stack.status != "DELETE_FAILED":
            raise ValidationError(
                message="RetainResources is only valid for stacks in the DELETE_FAILED state"
            )
        operations.delete(self, stack, retain)
        if stack.status == "DELETE_COMPLETE":
            self._forget(stack)

    @_one_at_a_time
    def create_change_set(
        self,
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
        if request_option("ChangeSetType", change_set_type) is None:
            change_set_type = "UPDATE"
        validate_create_change_set(change_set_name)
        found = self._find_stack(stack_name)
        existing = None if found is None else self._engine_stack(found)
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
            stack = new_stack = self._new_stack(
                stack_name, {}, parameters, notification_arns, tags, role_arn
            )
        change_set = EngineChangeSet(
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
        if change_set.engine_has_changes:
            change_set.status, change_set.execution_status = "CREATE_COMPLETE", "AVAILABLE"
        else:
            change_set.status, change_set.execution_status = "FAILED", "UNAVAILABLE"
            change_set.status_reason = change_set.transform_failure or NO_CHANGES
        self.change_sets[change_set.change_set_id] = change_set
        return change_set.change_set_id, stack.stack_id

    @_one_at_a_time
    def execute_change_set(self, change_set_name: str, stack_name: str | None = None) -> None:
        """Run the change set as create_stack/update_stack would, with rollback."""
        change_set = require(self, change_set_name, stack_name)
        if change_set.execution_status != "AVAILABLE":
            raise ValidationError(
                message=f"ChangeSet [{change_set.change_set_id}] cannot be executed in its "
                f"current execution status of [{change_set.execution_status}]"
            )
        stack = self._engine_stack(self.stacks[change_set.stack_id])
        disable = bool(request_option("DisableRollback"))
        change_set.execution_status = "EXECUTE_IN_PROGRESS"
        if change_set.change_set_type == "CREATE":
            stack.template, stack.template_dict = change_set.template, change_set.template_dict
            stack.description = stack.template_dict.get("Description")
            stack.parameters = dict(change_set.parameters)
            stack.tags = dict(change_set.tags or {})
            stack.cross_stack_resources = self.exports
            stack.resource_map = stack._create_resource_map()
            stack.disable_rollback = disable
            operations.create(self, stack, "DO_NOTHING" if disable else "ROLLBACK")
            succeeded = stack.status == "CREATE_COMPLETE"
        else:
            new_map = self._new_map(
                stack, change_set.template, change_set.parameters, change_set.tags or None
            )
            operations.update(self, stack, change_set.template, new_map, change_set.role_arn)
            succeeded = stack.status == "UPDATE_COMPLETE"
        change_set.execution_status = "EXECUTE_COMPLETE" if succeeded else "EXECUTE_FAILED"
        for other in self.change_sets.values():
            same_stack = other is not change_set and other.stack_id == stack.stack_id
            if same_stack and other.execution_status == "AVAILABLE":
                other.execution_status = "OBSOLETE"

    def create_stack_set(
        self,
        name: str,
        template: str,
        parameters: dict[str, str],
        tags: dict[str, str],
        permission_model: str,
        admin_role: str | None,
        exec_role: str | None,
        description: str | None,
    ) -> Any:
        """moto's, for a template that reads safely (moto reads it later with PyYAML's
        unsafe loader, when a stack instance is made; a text the safe loader takes holds
        no tag that loader would run)."""
        templates.parse(template)
        return super().create_stack_set(
            name, template, parameters, tags, permission_model, admin_role, exec_role, description
        )

    def update_stack_set(
        self,
        stackset_name: str,
        template: str,
        description: str,
        parameters: list[dict[str, str]],
        tags: dict[str, str],
        admin_role: str,
        execution_role: str,
        accounts: list[str],
        regions: list[str],
        operation_id: str,
    ) -> dict[str, Any]:
        """moto's, for a template that reads safely (see ``create_stack_set``)."""
        if template:
            templates.parse(template)
        return super().update_stack_set(
            stackset_name,
            template,
            description,
            parameters,
            tags,
            admin_role,
            execution_role,
            accounts,
            regions,
            operation_id,
        )

    # -- what moto's calls on a stack itself run (``stack.StackOperations``) ----

    def run_create(self, stack: EngineStack) -> None:
        with _operations:
            operations.create(self, stack)

    def run_update(
        self,
        stack: EngineStack,
        template: str,
        role_arn: str | None,
        parameters: dict[str, Any],
        tags: dict[str, str] | None,
    ) -> None:
        with _operations:
            new_map = self._new_map(stack, template, parameters, tags)
            operations.update(self, stack, template, new_map, role_arn)

    def run_delete(self, stack: EngineStack) -> None:
        with _operations:
            operations.delete(self, stack)
