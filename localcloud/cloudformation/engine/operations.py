"""Stack operations: create with rollback, update with rollback and cleanup, delete.

The sequence of statuses and events follows CloudFormation:

* create: CREATE_IN_PROGRESS, each resource in dependency order, then
  CREATE_COMPLETE; on a resource failure ROLLBACK_IN_PROGRESS, what was made is
  deleted in reverse order, ROLLBACK_COMPLETE (``OnFailure=DO_NOTHING`` keeps
  CREATE_FAILED, ``OnFailure=DELETE`` deletes the stack).
* update: UPDATE_IN_PROGRESS, each resource whose resolved properties changed is
  updated or (a create-only property changed) replaced, added resources are
  created, then UPDATE_COMPLETE_CLEANUP_IN_PROGRESS deletes replaced and removed
  resources, UPDATE_COMPLETE. On failure UPDATE_ROLLBACK_IN_PROGRESS puts back
  the previous template, parameters, tags and properties, then
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS deletes what the update made,
  UPDATE_ROLLBACK_COMPLETE.
* delete: reverse dependency order; DeletionPolicy Retain (and RetainResources)
  skip; a failure gives DELETE_FAILED on the resource and the stack.

Operations run synchronously: the request returns when the stack has reached
its final status, so a waiter's first poll sees it. Not done (differs from
CloudFormation): an update always rolls back on failure (DisableRollback
applies to creates only); an empty Tags list on update keeps the stack's tags
(moto's request parsing cannot tell it from no Tags); stack policies are
stored, not enforced.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from localcloud.cloudformation.engine import graph
from localcloud.cloudformation.engine.errors import ResourceFailure, reason_of
from localcloud.cloudformation.engine.exports import exports_in_use, publish_outputs
from localcloud.cloudformation.engine.records import ResourceRecord, resource_event, stack_event
from localcloud.cloudformation.engine.resource_map import EngineResourceMap, Resolved, model_of
from localcloud.cloudformation.engine.stack import EngineStack
from localcloud.cloudformation.engine.steps import (
    create_resource,
    custom_name,
    delete_resource,
    diff,
    replaced_in_update,
    replaces_in_update,
    retag_resource,
    tags_only,
    updatable,
    update_resource,
)
from localcloud.moto_adapter.cloudformation import CloudFormationBackend

__all__ = ["create", "delete", "update"]

ON_FAILURE = ("ROLLBACK", "DO_NOTHING", "DELETE")
log = logging.getLogger(__name__)


def _delete_all(
    stack: EngineStack,
    rmap: EngineResourceMap,
    logical_ids: Iterable[str],
    retain: Iterable[str] = (),
    on_create_rollback: bool = False,
) -> list[str]:
    """Delete in reverse dependency order; returns what failed (their dependencies stay)."""
    kept = set(retain)
    failed: list[str] = []
    for logical_id in rmap.deletion_order(list(logical_ids)):
        if graph.dependents_of(rmap.resource_json_map, logical_id, failed):
            continue  # something that needs it is still there
        policy = "Retain" if logical_id in kept else rmap.policy(logical_id)
        if on_create_rollback and policy == "RetainExceptOnCreate":
            policy = "Delete"
        if not delete_resource(stack, rmap, rmap.records[logical_id], policy, on_create_rollback):
            failed.append(logical_id)
    return failed


def _as_failure(error: Exception) -> ResourceFailure:
    if isinstance(error, ResourceFailure):
        return error
    log.error("stack operation failed inside the engine", exc_info=error)
    return ResourceFailure(f"Internal error: {reason_of(error)}")


def create(
    backend: CloudFormationBackend, stack: EngineStack, on_failure: str = "ROLLBACK"
) -> None:
    """Create every resource of ``stack.resource_map`` now, in dependency order."""
    rmap = stack.resource_map
    stack_event(stack, "CREATE_IN_PROGRESS", "User Initiated")
    current: str | None = None
    try:
        for current in rmap.order():
            create_resource(stack, rmap, current)
        current = None
        publish_outputs(backend, stack, rmap)
    except Exception as error:  # a resource's failure, or the engine's own: roll back
        failure = _as_failure(error)
        reason = (
            f"The following resource(s) failed to create: [{current}]."
            if current
            else failure.message.rstrip(".") + "."
        )
        if on_failure == "DO_NOTHING":
            stack_event(stack, "CREATE_FAILED", reason)
            return
        deleting = on_failure == "DELETE"
        verb = "Delete" if deleting else "Rollback"
        stack_event(
            stack,
            "DELETE_IN_PROGRESS" if deleting else "ROLLBACK_IN_PROGRESS",
            f"{reason} {verb} requested by user.",
        )
        failed = _delete_all(stack, rmap, list(rmap.records), on_create_rollback=True)
        if failed:
            message = f"The following resource(s) failed to delete: [{', '.join(failed)}]. "
            stack_event(stack, "DELETE_FAILED" if deleting else "ROLLBACK_FAILED", message)
        else:
            stack_event(stack, "DELETE_COMPLETE" if deleting else "ROLLBACK_COMPLETE")
        return
    stack_event(stack, "CREATE_COMPLETE")


def _resolve_existing(stack: EngineStack, rmap: EngineResourceMap, old: ResourceRecord) -> Resolved:
    try:
        return rmap.resolve(old.logical_id)
    except ResourceFailure as failure:
        record = old.copy()
        resource_event(stack, record, "UPDATE_FAILED", failure.message)
        raise


def update(
    backend: CloudFormationBackend,
    stack: EngineStack,
    template: str,
    new_map: EngineResourceMap,
    role_arn: str | None = None,
) -> None:
    """Move the stack to ``template`` as resolved in ``new_map``; roll back on failure."""
    old_map = stack.resource_map
    saved = (stack.template, stack.template_dict, stack.parameters, stack.tags, stack.description)
    stack_event(stack, "UPDATE_IN_PROGRESS", "User Initiated")
    journal: list[tuple[str, ResourceRecord | None, ResourceRecord | None]] = []
    current: str | None = None
    verb = "update"
    try:
        for current in new_map.order():
            old = old_map.live().get(current)
            if old is None:
                verb = "create"
                journal.append(("created", None, create_resource(stack, new_map, current)))
                continue
            verb = "update"
            resolved = _resolve_existing(stack, new_map, old)
            change = diff(old, resolved, new_map)
            if not change:
                new_map.adopt(old)
            elif change.replace:
                _refuse_custom_name(stack, old, resolved)
                if replaces_in_update(resolved.model):
                    journal.append(("updating", old, None))
                    new = update_resource(stack, new_map, old, resolved, replacing=True)
                    journal[-1] = ("updated", old, new)
                    continue
                journal.append(("replaced", old, create_resource(stack, new_map, current, old)))
            elif not updatable(resolved.model) and tags_only(
                change, old.resource_type, resolved.model
            ):
                journal.append(("retagged", old, retag_resource(stack, new_map, old, resolved)))
            else:
                journal.append(("updating", old, None))
                new = update_resource(stack, new_map, old, resolved)
                kind = "replaced in update" if replaced_in_update(old, new) else "updated"
                journal[-1] = (kind, old, new)
        current = None
        stack.template, stack.template_dict = template, new_map.template
        stack.parameters, stack.tags = dict(new_map.input_parameters), dict(new_map.stack_tags)
        stack.description = new_map.template.get("Description")
        stack.resource_map = new_map
        publish_outputs(backend, stack, new_map)
    except Exception as error:  # a resource's failure, or the engine's own: roll back
        failure = _as_failure(error)
        stack.template, stack.template_dict, stack.parameters, stack.tags, stack.description = saved
        stack.resource_map = old_map
        leftover = new_map.records.get(current) if current and verb == "create" else None
        if leftover is not None and leftover.exists:
            journal.append(("created", None, leftover))  # a failed create that still made it
        reason = (
            f"The following resource(s) failed to {verb}: [{current}]. "
            if current
            else failure.message
        )
        _roll_back_update(stack, old_map, new_map, journal, reason)
        return
    stack.role_arn = role_arn or stack.role_arn
    stack.last_updated_time = stack.events[-1].timestamp
    stack_event(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
    replaced = {old.logical_id: old for kind, old, _ in journal if kind in REPLACED and old}
    removed = {lid: rec for lid, rec in old_map.live().items() if lid not in new_map.records}
    left: list[str] = []
    for logical_id in old_map.deletion_order([*replaced, *removed]):
        record = replaced.get(logical_id) or removed[logical_id]
        attribute = "UpdateReplacePolicy" if logical_id in replaced else "DeletionPolicy"
        if not delete_resource(stack, old_map, record, old_map.policy(logical_id, attribute)):
            left.append(logical_id)
    # CloudFormation removes an old resource it cannot delete from the stack, and says so
    # in the UPDATE_COMPLETE event's reason.
    failed = f"The following resource(s) failed to delete: [{', '.join(left)}]. " if left else None
    stack_event(stack, "UPDATE_COMPLETE", failed)


# Journal kinds whose old resource the cleanup deletes: replaced by a new resource the
# engine made, or by one the resource's own update made (a custom resource's new id).
REPLACED = ("replaced", "replaced in update")

CUSTOM_NAME_REPLACED = (
    "CloudFormation cannot update a stack when a custom-named resource requires replacing. "
    "Rename {name} and update the stack again."
)


def _refuse_custom_name(stack: EngineStack, old: ResourceRecord, resolved: Resolved) -> None:
    """A replacement needs a new name; one the template fixes cannot be reused."""
    name = custom_name(resolved, old)
    if name is None:
        return
    message = CUSTOM_NAME_REPLACED.format(name=name)
    resource_event(stack, old.copy(), "UPDATE_FAILED", message)
    raise ResourceFailure(message)


def _roll_back_update(
    stack: EngineStack,
    old_map: EngineResourceMap,
    new_map: EngineResourceMap,
    journal: list[tuple[str, ResourceRecord | None, ResourceRecord | None]],
    reason: str,
) -> None:
    stack_event(stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason)
    ok = True
    superseded: list[ResourceRecord] = []  # what the rollback's updates left behind
    for kind, old, new in reversed(journal):
        if kind == "retagged" and old is not None and new is not None:
            model = model_of(old.resource_type)
            try:
                retag_resource(stack, old_map, new, Resolved(model, old.resolved, old.name))
            except ResourceFailure:
                ok = False
            continue
        if kind not in ("updated", "updating", "replaced in update") or old is None:
            continue
        model = model_of(old.resource_type)
        if not updatable(model):
            continue  # its update was refused before anything changed
        current = new or old
        try:
            back = update_resource(
                stack, old_map, current, Resolved(model, old.resolved, old.name), rollback=True
            )
        except ResourceFailure:
            ok = False
            continue
        if kind == "replaced in update":  # the function's answer says which one stays
            superseded += [r for r in (old, new) if r and r.physical_id != back.physical_id]
    stack_event(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
    made = {
        new.logical_id: kind for kind, _, new in journal if kind in ("created", "replaced") and new
    }
    by_id = {new.logical_id: new for _, _, new in journal if new is not None}
    for logical_id in new_map.deletion_order(list(made)):
        policy = "Delete"
        if made[logical_id] == "created":  # DeletionPolicy Retain holds on rollback too
            policy = new_map.policy(logical_id)
            policy = "Delete" if policy == "RetainExceptOnCreate" else policy
        delete_resource(stack, new_map, by_id[logical_id], policy, rollback=True)
    for record in superseded:
        delete_resource(stack, new_map, record.copy(), "Delete", rollback=True)
    stack_event(stack, "UPDATE_ROLLBACK_COMPLETE" if ok else "UPDATE_ROLLBACK_FAILED")


def delete(backend: CloudFormationBackend, stack: EngineStack, retain: Iterable[str] = ()) -> None:
    """Delete the stack's resources; DELETE_COMPLETE, or DELETE_FAILED naming what failed."""
    rmap = stack.resource_map
    stack_event(stack, "DELETE_IN_PROGRESS", "User Initiated")
    problem = exports_in_use(backend, stack)
    if problem is not None:
        stack_event(stack, "DELETE_FAILED", problem)
        return
    gone = ("DELETE_COMPLETE", "DELETE_SKIPPED")
    pending = [lid for lid, record in rmap.records.items() if record.status not in gone]
    failed = _delete_all(stack, rmap, pending, retain)
    if failed:
        message = f"The following resource(s) failed to delete: [{', '.join(failed)}]. "
        stack_event(stack, "DELETE_FAILED", message)
    else:
        stack_event(stack, "DELETE_COMPLETE")
