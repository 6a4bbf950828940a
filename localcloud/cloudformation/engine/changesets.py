"""Change sets: what an update would do, from resolved values, before it runs.

``plan`` walks the new template in dependency order against the stack as it is:
a resource not in the stack is Add; one whose resolved properties differ is
Modify, with Replacement True (a create-only property changed), False, or
Conditional (a create-only property takes a value known only after the change
set runs, e.g. a Ref to a resource being replaced); one no longer in the
template, or whose Condition turned false, is Remove. What a later resource
reads of a resource being added or replaced is unknown while planning, as in
CloudFormation ("{{changeSet:KNOWN_AFTER_APPLY}}").

``find`` looks a change set up as CloudFormation does: by ARN anywhere in the
region, by name only within the stack ``StackName`` names (required then; a
stack that does not exist is a ValidationError). moto matches a name against
every stack's change sets, and crashes on a name it does not know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from localcloud.cloudformation.engine import templates
from localcloud.cloudformation.engine.errors import ResourceFailure, reason_of
from localcloud.cloudformation.engine.resource_map import (
    KNOWN_AFTER_APPLY,
    EngineResourceMap,
    Placeholder,
    build_map,
)
from localcloud.cloudformation.engine.stack import EngineStack
from localcloud.cloudformation.engine.steps import diff
from localcloud.cloudformation.engine.transforms import TransformFailure
from localcloud.core import resource_schema as schemas
from localcloud.moto_adapter.cloudformation import (
    ChangeSet,
    CloudFormationBackend,
    CloudFormationError,
    ValidationError,
    cloudformation_backends,
)

__all__ = [
    "NO_CHANGES",
    "Change",
    "ChangeSetNotFound",
    "EngineChangeSet",
    "find",
    "has_changes",
    "of_stack",
    "plan",
    "require",
]

NO_CHANGES = (
    "The submitted information didn't contain changes. "
    "Submit different information to create a change set."
)


STACK_NAME_REQUIRED = "StackName must be specified if ChangeSetName is not specified as an ARN."


class ChangeSetNotFound(CloudFormationError):
    """``ChangeSetNotFound`` (HTTP 404): botocore's model names the shape, the wire its code."""

    code = "ChangeSetNotFoundException"

    def __init__(self, name: str) -> None:
        super().__init__(f"ChangeSet [{name}] does not exist")


def _is_arn(name: str) -> bool:
    return name.startswith("arn:")


def of_stack(backend: CloudFormationBackend, stack_name: str) -> list[ChangeSet]:
    """The change sets of the stack ``stack_name`` names (ValidationError if there is none)."""
    stack = backend.get_stack(stack_name)
    return [cs for cs in backend.change_sets.values() if cs.stack_id == stack.stack_id]


def find(
    backend: CloudFormationBackend, change_set_name: str, stack_name: str | None
) -> ChangeSet | None:
    """The change set a request names, or None if the stack has no such change set."""
    if _is_arn(change_set_name):
        found = backend.change_sets.get(change_set_name)
        if found is not None and stack_name:
            backend.get_stack(stack_name)  # the stack must exist all the same
        return found
    if not stack_name:
        raise ValidationError(message=STACK_NAME_REQUIRED)
    for change_set in of_stack(backend, stack_name):
        if change_set.change_set_name == change_set_name:
            return change_set
    return None


def require(
    backend: CloudFormationBackend, change_set_name: str, stack_name: str | None
) -> ChangeSet:
    """``find``, where a change set that is not there is ``ChangeSetNotFound``."""
    found = find(backend, change_set_name, stack_name)
    if found is None:
        raise ChangeSetNotFound(change_set_name)
    return found


@dataclass
class Change:
    """One ResourceChange of DescribeChangeSet (moto serializes the attributes)."""

    action: str
    logical_resource_id: str
    resource_type: str
    physical_resource_id: str | None = None
    replacement: str | None = None
    scope: list[str] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)


def _unknown(value: Any) -> bool:
    return KNOWN_AFTER_APPLY in json.dumps(value, default=str)


def _modify(
    old_map: EngineResourceMap, new_map: EngineResourceMap, logical_id: str, record: Any
) -> Change | None:
    resolved = new_map.resolve(logical_id)
    change = diff(record, resolved, new_map)
    if not change:
        new_map.adopt(record)
        return None
    after = resolved.properties
    tag_name = schemas.tag_property(record.resource_type, resolved.model)
    recreate = {path.split(".")[0] for path in change.replace}
    raw_before = (old_map.resource_json_map.get(logical_id) or {}).get("Properties") or {}
    raw_after = (new_map.resource_json_map.get(logical_id) or {}).get("Properties") or {}
    details = []
    for name in change.changed:
        unknown = _unknown(after.get(name))
        if raw_before.get(name) != raw_after.get(name):
            source = "DirectModification"
        else:
            source = "ResourceReference" if unknown else "ParameterReference"
        target = {
            "Attribute": "Tags" if name == tag_name else "Properties",
            "Name": name,
            "RequiresRecreation": (
                ("Conditionally" if unknown else "Always") if name in recreate else "Never"
            ),
        }
        evaluation = "Dynamic" if unknown else "Static"
        details.append({"Target": target, "Evaluation": evaluation, "ChangeSource": source})
    if change.stack_tags_changed:
        details.append(
            {
                "Target": {"Attribute": "Tags", "RequiresRecreation": "Never"},
                "Evaluation": "Static",
                "ChangeSource": "DirectModification",
            }
        )
    if not recreate:
        replacement = "False"
    elif any(_unknown(after.get(name)) for name in recreate):
        replacement = "Conditional"
    else:
        replacement = "True"
    scope = []
    if any(name != tag_name for name in change.changed):
        scope.append("Properties")
    if tag_name in change.changed or change.stack_tags_changed:
        scope.append("Tags")
    new_map.parsed[logical_id] = Placeholder() if recreate else record.instance
    return Change(
        "Modify",
        logical_id,
        record.resource_type,
        record.physical_id,
        replacement,
        scope,
        details,
    )


def plan(stack: EngineStack, new_map: EngineResourceMap) -> list[Change]:
    """The changes moving ``stack`` to ``new_map`` would make (nothing is called or made)."""
    old_map = stack.resource_map
    live = old_map.live()
    changes: list[Change] = []
    planned: set[str] = set()
    for logical_id in new_map.order():
        planned.add(logical_id)
        resource_type = str(new_map.resource_json_map[logical_id].get("Type"))
        record = live.get(logical_id)
        if record is None:
            new_map.parsed[logical_id] = Placeholder()
            changes.append(Change("Add", logical_id, resource_type))
            continue
        if record.resource_type != resource_type:
            raise ValidationError(
                message="Update of resource type is not permitted. The new template modifies "
                f"resource type of resource {logical_id}."
            )
        try:
            change = _modify(old_map, new_map, logical_id, record)
        except ResourceFailure as failure:
            raise ValidationError(message=f"Resource {logical_id}: {failure.message}") from None
        if change is not None:
            changes.append(change)
    for logical_id, record in live.items():
        if logical_id not in planned:
            changes.append(Change("Remove", logical_id, record.resource_type, record.physical_id))
    return changes


def has_changes(stack: EngineStack, new_map: EngineResourceMap, changes: list[Change]) -> bool:
    """False if the stack already is what the request asks for (CloudFormation: no updates)."""
    old_map = stack.resource_map
    return bool(
        changes
        or new_map.template != stack.template_dict
        or new_map.resolved_parameters != old_map.resolved_parameters
        or new_map.stack_tags != dict(stack.tags or {})
    )


class EngineChangeSet(ChangeSet):
    """A change set planned from resolved values."""

    stack: EngineStack
    # False: the change set would change nothing (it is then FAILED).
    engine_has_changes: bool = True
    # Why a transform refused the template (the change set is then FAILED with it).
    transform_failure: str | None = None

    def _parse_template(self) -> None:
        """Read safely, then transformed for the stack; a transform's refusal is kept."""
        parsed = templates.parse(self.template)
        try:
            self.template_dict = self.stack.process(parsed, self.parameters)
        except TransformFailure as failure:
            self.transform_failure = reason_of(failure)
            self.template_dict = parsed

    def diff(self) -> list[Change]:  # type: ignore[override]  # moto serializes either
        """The planned changes (moto calls this when the change set is built)."""
        if self.transform_failure is not None:
            self.engine_has_changes = False
            return []
        stack = self.stack
        backend = cloudformation_backends[stack.account_id][stack.region_name]
        tags = self.tags or dict(stack.tags or {})
        new_map = build_map(
            stack.stack_id,
            stack.name,
            stack.account_id,
            stack.region_name,
            self.template_dict,
            self.parameters,
            tags,
            backend.exports,
        )
        changes = plan(stack, new_map)
        self.engine_has_changes = self.change_set_type == "CREATE" or has_changes(
            stack, new_map, changes
        )
        return changes
