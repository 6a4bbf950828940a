"""One resource's create, update and delete, with its events.

Each step calls the model as moto does (``create_from_cloudformation_json``,
``update_from_cloudformation_json``, ``delete_from_cloudformation_json`` or the
instance's ``delete``), inside a ``ResourceRequest`` context, and turns any
exception the model raises into that resource's ``*_FAILED`` event with the
exception's message as the reason, then raises ``ResourceFailure``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from localcloud.cloudformation.engine.context import ResourceRequest, resource_request
from localcloud.cloudformation.engine.errors import ResourceFailure, is_not_found, reason_of
from localcloud.cloudformation.engine.records import ResourceRecord, resource_event
from localcloud.cloudformation.engine.resource_map import EngineResourceMap, Resolved
from localcloud.core import resource_schema as schemas
from localcloud.moto_adapter.cloudformation import Stack, TaggedEC2Resource, ec2_backends

__all__ = [
    "ResourceDiff",
    "create_resource",
    "delete_instance",
    "delete_resource",
    "diff",
    "replaced_in_update",
    "updatable",
    "update_resource",
]

REPLACING = "Requested update requires the creation of a new physical resource; hence creating one."


def _abstract(method: Any) -> bool:
    return bool(getattr(method, "__isabstractmethod__", False))


def updatable(model: Any) -> bool:
    """True if the model can update a resource in place."""
    return model is not None and not _abstract(model.update_from_cloudformation_json)


def system_tags(stack: Stack, logical_id: str) -> dict[str, str]:
    return {
        "aws:cloudformation:stack-name": stack.name,
        "aws:cloudformation:stack-id": stack.stack_id,
        "aws:cloudformation:logical-id": logical_id,
    }


def _request(
    stack: Stack,
    rmap: EngineResourceMap,
    record: ResourceRecord,
    action: str,
    properties: dict[str, Any],
    previous: ResourceRecord | None = None,
    rollback: bool = False,
) -> ResourceRequest:
    return ResourceRequest(
        action=action,
        stack_id=stack.stack_id,
        stack_name=stack.name,
        logical_id=record.logical_id,
        resource_type=record.resource_type,
        account_id=stack.account_id,
        region_name=stack.region_name,
        properties=copy.deepcopy(properties),
        stack_tags=rmap.stack_tags,
        system_tags=system_tags(stack, record.logical_id),
        previous_properties=None if previous is None else previous.properties,
        previous_stack_tags=None if previous is None else dict(previous.stack_tags),
        physical_id=record.physical_id,
        rollback=rollback,
    )


def _fail(stack: Stack, record: ResourceRecord, status: str, error: Exception) -> ResourceFailure:
    reason = reason_of(error)
    resource_event(stack, record, status, reason)
    if isinstance(error, ResourceFailure):
        return error
    return ResourceFailure(reason)


def create_resource(
    stack: Stack,
    rmap: EngineResourceMap,
    logical_id: str,
    replacing: ResourceRecord | None = None,
) -> ResourceRecord:
    """Make one resource (``replacing``: the new resource of a replacement, as UPDATE)."""
    resource_type = str(rmap.resource_json_map[logical_id].get("Type"))
    record = ResourceRecord(logical_id, resource_type)
    action = "CREATE"
    if replacing is not None:
        action, record.physical_id = "UPDATE", replacing.physical_id
    rmap.place(record)
    resource_event(
        stack, record, f"{action}_IN_PROGRESS", REPLACING if action == "UPDATE" else None
    )
    try:
        resolved = rmap.resolve(logical_id)
        record.resolved, record.stack_tags = resolved.resource_json, rmap.stack_tags
        record.name = resolved.name
        request = _request(stack, rmap, record, "CREATE", resolved.properties)
        with resource_request(request):
            instance = resolved.model.create_from_cloudformation_json(
                resolved.name,
                copy.deepcopy(resolved.resource_json),
                stack.account_id,
                stack.region_name,
                LogicalId=logical_id,
                StackId=stack.stack_id,
                ResourceType=resource_type,
            )
        if instance is None:
            raise ResourceFailure(f"{resource_type} {logical_id} was not created")
        if isinstance(instance, Stack) and instance.status != "CREATE_COMPLETE":
            reasons = [
                e.resource_status_reason
                for e in instance.events
                if e.physical_resource_id == instance.stack_id
                and e.resource_status != "CREATE_IN_PROGRESS"
                and e.resource_status_reason
            ]
            reason = reasons[0] if reasons else instance.status
            raise ResourceFailure(
                f"Embedded stack {instance.stack_id} was not successfully created: {reason}"
            )
        instance.cf_resource_type = resource_type
        instance.logical_resource_id = logical_id
        if isinstance(instance, TaggedEC2Resource):
            tags = {**rmap.tags, **system_tags(stack, logical_id)}
            backend = ec2_backends[stack.account_id][stack.region_name]
            backend.create_tags([instance.physical_resource_id], tags)  # type: ignore[attr-defined]
    except Exception as error:
        leftover = getattr(error, "leftover", None)
        if leftover is not None:  # it exists all the same: the rollback deletes it
            record.attach(leftover)
            rmap.place(record)
        raise _fail(stack, record, f"{action}_FAILED", error) from error
    record.attach(instance)
    rmap.place(record)
    if action == "CREATE":
        resource_event(stack, record, "CREATE_COMPLETE")
    elif action == "UPDATE":
        resource_event(stack, record, "UPDATE_COMPLETE")
    return record


def replaced_in_update(old: ResourceRecord, new: ResourceRecord) -> bool:
    """An update that made a new physical resource (a custom resource's function answered
    another PhysicalResourceId): the old one is deleted in the cleanup."""
    replaced_by = getattr(old.instance, "replaced_by", None)
    return callable(replaced_by) and bool(replaced_by(new.instance))


def custom_name(resolved: Resolved, old: ResourceRecord) -> str | None:
    """The name the template gives the resource, if it keeps it (moto's name property)."""
    name_type = getattr(resolved.model, "cloudformation_name_type", None)
    prop = name_type() if callable(name_type) else None
    if not prop:
        return None
    value = resolved.properties.get(prop)
    if value is None or old.properties.get(prop) != value:
        return None
    return str(value)


def deletable(model: Any) -> bool:
    """The engine can delete this model's resources (an instance ``delete`` or the class's
    ``delete_from_cloudformation_json``)."""
    delete_by_name = getattr(model, "delete_from_cloudformation_json", None)
    by_name = delete_by_name is not None and not _abstract(delete_by_name)
    return by_name or callable(getattr(model, "delete", None))


def replaces_in_update(model: Any) -> bool:
    """A replacement goes through the model's own update: the engine could not delete the
    old resource, and moto's update of such a type makes the replacement itself (moto's
    engine replaces an ECS cluster so)."""
    return updatable(model) and not deletable(model)


def tags_only(change: ResourceDiff, resource_type: str, model: Any) -> bool:
    """Only the schema's tag property changed (stack tags or the resource's own)."""
    tag_name = schemas.tag_property(resource_type, model)
    return bool(change.changed) and not change.replace and change.changed == [tag_name]


def _tag_map(properties: dict[str, Any], tag_name: str | None) -> dict[str, str]:
    value = properties.get(tag_name or "")
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, list):
        return {
            str(tag["Key"]): str(tag.get("Value", ""))
            for tag in value
            if isinstance(tag, dict) and "Key" in tag
        }
    return {}


def retag_resource(
    stack: Stack, rmap: EngineResourceMap, old: ResourceRecord, resolved: Resolved
) -> ResourceRecord:
    """A tag-only update of a type without an update method: the tags of an EC2
    resource are set through EC2's tagging; other types keep what moto stores."""
    record = old.copy()
    rmap.place(record)
    resource_event(stack, record, "UPDATE_IN_PROGRESS")
    if isinstance(record.instance, TaggedEC2Resource):
        tag_name = schemas.tag_property(old.resource_type, resolved.model)
        before, after = _tag_map(old.properties, tag_name), _tag_map(resolved.properties, tag_name)
        backend = ec2_backends[stack.account_id][stack.region_name]
        gone = {key: value for key, value in before.items() if key not in after}
        try:
            if gone:
                backend.delete_tags([str(record.physical_id)], gone)
            if after:
                backend.create_tags([str(record.physical_id)], after)
        except Exception as error:
            raise _fail(stack, record, "UPDATE_FAILED", error) from error
    record.resolved, record.stack_tags = resolved.resource_json, rmap.stack_tags
    rmap.place(record)
    resource_event(stack, record, "UPDATE_COMPLETE")
    return record


def update_resource(
    stack: Stack,
    rmap: EngineResourceMap,
    old: ResourceRecord,
    resolved: Resolved,
    rollback: bool = False,
    replacing: bool = False,
) -> ResourceRecord:
    """Update ``old`` in place to ``resolved``; the new record goes into ``rmap``.

    ``replacing``: a moto model replaces the resource inside its own update."""
    record = old.copy()
    rmap.place(record)
    resource_event(stack, record, "UPDATE_IN_PROGRESS", REPLACING if replacing else None)
    try:
        update = resolved.model.update_from_cloudformation_json
        if not updatable(resolved.model):
            raise ResourceFailure(
                f"Resource type {old.resource_type} cannot be updated in place by this endpoint",
                "InvalidRequest",
            )
        request = _request(stack, rmap, record, "UPDATE", resolved.properties, old, rollback)
        with resource_request(request):
            instance = update(
                original_resource=old.instance,
                new_resource_name=resolved.name,
                cloudformation_json=copy.deepcopy(resolved.resource_json),
                account_id=stack.account_id,
                region_name=stack.region_name,
            )
        if instance is None:
            raise ResourceFailure(f"{old.resource_type} {old.logical_id} was not updated")
        instance.cf_resource_type = old.resource_type
        instance.logical_resource_id = old.logical_id
    except Exception as error:
        raise _fail(stack, record, "UPDATE_FAILED", error) from error
    record.attach(instance)
    record.resolved, record.stack_tags = resolved.resource_json, rmap.stack_tags
    record.name = resolved.name
    rmap.place(record)
    resource_event(stack, record, "UPDATE_COMPLETE")
    return record


def delete_instance(record: ResourceRecord, account_id: str, region_name: str) -> None:
    """Delete as moto's engine does: the instance's ``delete(account_id, region_name)``;
    if it has none (AttributeError, TypeError), the class's
    ``delete_from_cloudformation_json`` with the physical id; a type with neither
    cannot be deleted by moto, and its delete is done (moto's own behaviour)."""
    try:
        record.instance.delete(account_id, region_name)
        return
    except (TypeError, AttributeError):
        pass
    delete_by_name = getattr(type(record.instance), "delete_from_cloudformation_json", None)
    if delete_by_name is None or _abstract(delete_by_name):
        return
    # moto's types read this argument as the physical id (moto's engine passes that) or
    # as the name they were made with: the name is tried when the id finds nothing.
    names = [record.physical_id]
    if record.name and record.name != record.physical_id:
        names.append(record.name)
    for index, name in enumerate(names):
        try:
            delete_by_name(name, copy.deepcopy(record.resolved), account_id, region_name)
            return
        except Exception as error:
            if index == len(names) - 1 or not (name is None or is_not_found(error)):
                raise


def delete_resource(
    stack: Stack,
    rmap: EngineResourceMap,
    record: ResourceRecord,
    policy: str = "Delete",
    rollback: bool = False,
) -> bool:
    """Delete one resource; False if it failed (DELETE_FAILED, with the reason)."""
    if policy in ("Retain", "RetainExceptOnCreate") and record.exists:
        resource_event(stack, record, "DELETE_SKIPPED")
        record.instance = None
        return True
    if not record.exists:
        resource_event(stack, record, "DELETE_COMPLETE")
        return True
    resource_event(stack, record, "DELETE_IN_PROGRESS")
    request = _request(stack, rmap, record, "DELETE", record.properties, None, rollback)
    try:
        with resource_request(request):
            delete_instance(record, stack.account_id, stack.region_name)
    except Exception as error:
        if not is_not_found(error):  # CloudFormation: NotFound on delete means already deleted
            resource_event(stack, record, "DELETE_FAILED", reason_of(error))
            return False
    if rmap.parsed.get(record.logical_id) is record.instance:
        rmap.parsed.pop(record.logical_id, None)
    record.instance = None
    resource_event(stack, record, "DELETE_COMPLETE")
    return True


@dataclass
class ResourceDiff:
    """What differs between a resource as it is and as the new template resolves it."""

    changed: list[str]  # top-level properties whose resolved value differs
    stack_tags_changed: bool  # for a model that reads stack tags from the request
    replace: list[str]  # create-only properties among them: the resource is replaced

    def __bool__(self) -> bool:
        return bool(self.changed or self.stack_tags_changed)


def diff(old: ResourceRecord, resolved: Resolved, rmap: EngineResourceMap) -> ResourceDiff:
    before, after = old.properties, resolved.properties
    missing = object()
    changed = sorted(
        key
        for key in set(before) | set(after)
        if before.get(key, missing) != after.get(key, missing)
    )
    model = resolved.model
    in_context = bool(getattr(model, "cloudformation_tags_in_context", False))
    tags_changed = (
        in_context
        and schemas.tag_property(old.resource_type, model) is not None
        and old.stack_tags != rmap.stack_tags
    )
    replace = schemas.changed_create_only(old.resource_type, before, after, model)
    return ResourceDiff(changed, tags_changed, replace)
