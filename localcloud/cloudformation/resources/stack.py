"""The stack a resource belongs to, as the resource's requests need it.

A resource learns its stack from moto's CloudFormation backend, found by the
StackId the engine passes to ``create_from_cloudformation_json``: the stack's
name and its tags now. It touches these moto names (pinned by
``tests/cloudformation/test_resources_moto.py``): ``cloudformation_backends``,
``CloudFormationBackend.stacks`` and ``Stack.name`` / ``Stack.tags``.

Stack tags are read when a request is made, so an update sees the tags the
stack has at that moment: an engine applying new stack tags sets ``Stack.tags``
before it updates the resources. A stack being deleted is no longer in the
backend's ``stacks``; deletes use the context the resource kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from localcloud.handler_request import ACCOUNT_ID

SYSTEM_PREFIX = "aws:"
_STACK_ARN = re.compile(r"^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack/(?P<name>[^/]+)/")


def _stack(stack_id: str, account_id: str, region: str) -> Any:
    from moto.cloudformation.models import cloudformation_backends

    backend = cloudformation_backends[account_id][region]
    return backend.stacks.get(stack_id)


@dataclass(frozen=True)
class StackContext:
    """Where a resource lives: its stack, logical id, account and region."""

    stack_id: str
    stack_name: str
    logical_id: str
    account_id: str = ACCOUNT_ID
    region: str = "us-east-1"
    stack_tags: dict[str, str] = field(default_factory=dict)

    @classmethod
    def lookup(cls, stack_id: str, logical_id: str, account_id: str, region: str) -> StackContext:
        """The context of ``logical_id`` in the stack ``stack_id``, with the stack's tags now."""
        stack = _stack(stack_id, account_id, region) if stack_id else None
        if stack is not None:
            name, tags = str(stack.name), dict(stack.tags or {})
        else:
            match = _STACK_ARN.match(stack_id or "")
            name, tags = (match["name"] if match else "stack"), {}
        return cls(stack_id, name, logical_id, account_id, region, _user_tags(tags))

    def refreshed(self) -> StackContext:
        """The same resource, with the stack's tags as they are now (kept if the stack is gone)."""
        stack = _stack(self.stack_id, self.account_id, self.region)
        if stack is None:
            return self
        return replace(self, stack_tags=_user_tags(dict(stack.tags or {})))

    @property
    def system_tags(self) -> dict[str, str]:
        """The tags CloudFormation itself puts on what a stack makes."""
        return {
            "aws:cloudformation:stack-name": self.stack_name,
            "aws:cloudformation:stack-id": self.stack_id,
            "aws:cloudformation:logical-id": self.logical_id,
        }


def _user_tags(tags: dict[str, Any]) -> dict[str, str]:
    """The stack's own tags; moto's engine adds ``aws:`` ones to its copy, never sent."""
    return {
        str(key): str(value)
        for key, value in tags.items()
        if not str(key).lower().startswith(SYSTEM_PREFIX)
    }
