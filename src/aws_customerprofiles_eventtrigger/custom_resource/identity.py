"""The custom resource's physical ids, and the record of who created a trigger.

- A trigger's physical id is its primary identifier, ``DomainName|EventTriggerName``.
- A Create that fails answers ``create-failed:<RequestId>``, followed by
  ``|DomainName|EventTriggerName`` once the properties name a valid trigger. No
  trigger's id looks like that (``:`` is in no name), so CloudFormation's
  rollback Delete of it can never be taken for a trigger's own.
- Every trigger the form creates carries the tag ``tags.CREATED_BY``, whose
  value is ``<owner>/<RequestId>``: the owner a digest of the stack's id and the
  resource's logical id, the RequestId the create's. The RequestId makes a
  repeated delivery of the same Create find its own trigger; the owner lets a
  Delete, or an Update back to a trigger's name, tell this resource's trigger
  from anyone else's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import identifier, identifier_validator

FAILED_CREATE = "create-failed:"
# Tag values are at most 256 characters; a RequestId longer than fits is digested.
MAX_TAG_VALUE = 256


@dataclass(frozen=True)
class Trigger:
    """What a physical id names: a trigger, and for a failed create, the request's id."""

    domain_name: str
    name: str
    failed_request_id: str | None = None

    @property
    def physical_id(self) -> str:
        return identifier.primary_identifier(self.domain_name, self.name)


def valid_names(domain_name: str | None, name: str | None) -> bool:
    """Whether both names are what the schema allows a trigger's identifiers to be."""
    if not isinstance(domain_name, str) or not isinstance(name, str):
        return False
    try:
        identifier_validator.validate({"DomainName": domain_name, "EventTriggerName": name})
    except identifier_validator.JsonSchemaValueException:
        return False
    return True


def failed_create_id(request_id: str, trigger: Trigger | None = None) -> str:
    """The physical id a failed Create answers (see the module docstring); ``trigger``
    is the one its properties name, once the schema has accepted them."""
    if trigger is None:
        return f"{FAILED_CREATE}{request_id}"
    return f"{FAILED_CREATE}{request_id}{identifier.SEPARATOR}{trigger.physical_id}"


def parse(physical_id: str | None) -> Trigger | None:
    """The trigger a physical id names, or None for an id that names none."""
    if not isinstance(physical_id, str):
        return None
    failed_request_id = None
    text = physical_id
    if text.startswith(FAILED_CREATE):
        failed_request_id, _, text = text.removeprefix(FAILED_CREATE).partition(
            identifier.SEPARATOR
        )
    parts = text.split(identifier.SEPARATOR)
    if len(parts) != 2 or not valid_names(parts[0], parts[1]):
        return None
    return Trigger(parts[0], parts[1], failed_request_id)


def owner(stack_id: str, logical_id: str) -> str:
    """The custom resource's digest: the same for every request about it."""
    return hashlib.sha256(f"{stack_id}\n{logical_id}".encode()).hexdigest()[:24]


def created_by(stack_id: str, logical_id: str, request_id: str) -> str:
    """The ``CREATED_BY`` tag value of a trigger this request creates."""
    value = f"{owner(stack_id, logical_id)}/{request_id}"
    if len(value) > MAX_TAG_VALUE:
        value = f"{owner(stack_id, logical_id)}/{hashlib.sha256(request_id.encode()).hexdigest()}"
    return value


def owner_of(created_by_value: str | None) -> str | None:
    """The owner part of a ``CREATED_BY`` tag value."""
    if not created_by_value or "/" not in created_by_value:
        return None
    return created_by_value.partition("/")[0]
