"""Tags: the merge of model and stack tags, and the diff that decides tag calls.

The model's Tags win over the stack tags CloudFormation passes on a shared key.
``aws:`` keys are reserved for AWS: they are never sent, never removed, and
never returned in a model (create and update refuse them, so a model read back
must not hold them).
``Tags: []`` means the same as no Tags (the lib deserializes an empty list to
None): the trigger carries no resource-level tags beyond the stack tags.

``CREATED_BY`` is the custom resource form's record of which resource and
request created a trigger (guides/custom-resource.md). The form sends it with
the create as a stack tag; like an ``aws:`` key it is never removed by an update,
never returned in a model, and refused in a model's Tags.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cloudformation_cli_python_lib import exceptions

from .models import Tag

RESERVED_PREFIX = "aws:"
CREATED_BY = "cloudformation:custom-resource:created-by"


def is_reserved(key: str) -> bool:
    return key.lower().startswith(RESERVED_PREFIX)


def is_hidden(key: str) -> bool:
    """Whether the key is never shown in a model nor removed by an update."""
    return is_reserved(key) or key == CREATED_BY


def same_creator(sent: Mapping[str, str] | None, held: Mapping[str, str] | None) -> bool:
    """Whether a trigger holding ``held`` was made by a create that sent ``sent``."""
    creator = (sent or {}).get(CREATED_BY)
    return creator is not None and creator == (held or {}).get(CREATED_BY)


def desired(
    model_tags: Sequence[Tag] | None, stack_tags: Mapping[str, str] | None
) -> dict[str, str]:
    """What the trigger's tags should be: stack tags, overridden by the model's."""
    merged = {key: value for key, value in (stack_tags or {}).items() if not is_reserved(key)}
    seen: set[str] = set()
    for tag in model_tags or ():
        if tag.Key is None or tag.Value is None:
            raise exceptions.InvalidRequest("Tags: every tag needs a Key and a Value")
        if is_reserved(tag.Key):
            raise exceptions.InvalidRequest(
                f"Tags: the key {tag.Key!r} uses the reserved prefix {RESERVED_PREFIX!r}"
            )
        if tag.Key == CREATED_BY:
            raise exceptions.InvalidRequest(
                f"Tags: the key {tag.Key!r} is kept for the custom resource form's own use"
            )
        if tag.Key in seen:
            raise exceptions.InvalidRequest(f"Tags: the key {tag.Key!r} is given more than once")
        seen.add(tag.Key)
        merged[tag.Key] = tag.Value
    return merged


@dataclass(frozen=True)
class TagChange:
    """The exact TagResource and UntagResource calls a change needs."""

    to_set: dict[str, str] = field(default_factory=dict)
    to_remove: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.to_set or self.to_remove)


def diff(current: Mapping[str, str], wanted: Mapping[str, str]) -> TagChange:
    to_set = {key: value for key, value in wanted.items() if current.get(key) != value}
    to_remove = sorted(key for key in current if key not in wanted and not is_hidden(key))
    return TagChange(to_set=to_set, to_remove=to_remove)


def to_model(tag_map: Mapping[str, str] | None) -> list[Tag] | None:
    """The API's tag map as the model's list, sorted by key, without ``aws:`` keys
    and ``CREATED_BY``; None when nothing is left."""
    shown = {key: value for key, value in (tag_map or {}).items() if not is_hidden(key)}
    if not shown:
        return None
    return [Tag(Key=key, Value=shown[key]) for key in sorted(shown)]
