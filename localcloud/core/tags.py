"""Tags: the reserved ``aws:`` prefix, and CloudFormation's list of Key/Value <-> the API's map.

AWS reserves tag keys that start with ``aws:`` whatever their case (``AWS:``,
``Aws:`` too): they are AWS's own, never a user's. botocore's model spells
only the lower-case form in Customer Profiles' ``TagKey`` pattern
(``^(?!aws:)...``); the service refuses the others as well. ``is_reserved`` is
the toolkit's one test of it. The provider's Lambda code cannot import the
toolkit and keeps its own (``aws_customerprofiles_eventtrigger.tags``);
``tests/test_tags.py`` holds the two to the same answers.

Templates write tags as ``[{"Key": k, "Value": v}, ...]``, the Customer
Profiles API as ``{k: v}``: ``tag_list`` and ``tag_map`` convert.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

RESERVED_PREFIX = "aws:"


def is_reserved(key: str) -> bool:
    """Whether ``key`` starts with ``aws:`` in any case: AWS's, never a user's."""
    return key[: len(RESERVED_PREFIX)].lower() == RESERVED_PREFIX


def tag_list(tags: Mapping[str, str]) -> list[dict[str, str]]:
    """A tag map as a template's list of Key/Value, sorted by key."""
    return [{"Key": key, "Value": tags[key]} for key in sorted(tags)]


def tag_map(items: Iterable[Mapping[str, Any]] | None) -> dict[str, str]:
    """A template's list of Key/Value as a tag map (``None``: no tags)."""
    return {str(item["Key"]): str(item["Value"]) for item in items or ()}
