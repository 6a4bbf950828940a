"""Values made from botocore's model, each valid for its shape's own constraints.

``example(shape)`` builds a value for any shape: a structure with every member
set (``full=True``) or only its required ones (a union: its first member), a
list or map with its minimum count (at least one entry), a string from the
enum or matching the pattern (hypothesis's ``from_regex``, derandomized, so one
model always gives the same value) within its length bounds, numbers at their
minimum, a fixed timestamp. Recursive shapes stop at ``MAX_DEPTH``: deeper down
only required members are made. ``within(shape, sent, got)`` says whether an
answer holds what a request sent, as far as the answer's shape can show it.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st

from localcloud.core.patterns import java_regex, matcher

MAX_DEPTH = 8
WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
_SEARCH = settings(
    database=None, derandomize=True, max_examples=2000, suppress_health_check=list(HealthCheck)
)


@functools.cache
def text(pattern: str | None, low: int, high: int | None) -> str:
    """The simplest string matching ``pattern`` (Java syntax) with a length in [low, high]."""
    longest = 64 if high is None else high
    shortest = min(max(low, 1), longest)
    if pattern is None:
        return "v" * shortest
    check = matcher(pattern)
    strategy = st.from_regex(java_regex(pattern), fullmatch=True)
    found: str = find(
        strategy, lambda v: shortest <= len(v) <= longest and check(v), settings=_SEARCH
    )
    return found


def example(shape: Shape, full: bool = True, depth: int = 0) -> Any:
    """A value of ``shape`` that satisfies every constraint the model gives it."""
    kind = shape.type_name
    meta: Mapping[str, Any] = shape.metadata
    if kind == "structure":
        return _structure(shape, full, depth)  # type: ignore[arg-type]
    if kind == "list":
        member = shape.member  # type: ignore[attr-defined]
        return [example(member, full, depth + 1) for _ in range(_count(meta))]
    if kind == "map":
        assert isinstance(shape, MapShape)
        keys = _keys(shape.key, _count(meta))
        return {key: example(shape.value, full, depth + 1) for key in keys}
    if kind == "string":
        enum = meta.get("enum")
        if enum:
            return enum[0]
        return text(meta.get("pattern"), int(meta.get("min", 1)), meta.get("max"))
    if kind in ("integer", "long"):
        low, high = meta.get("min"), meta.get("max")
        return int(low if low is not None else min(1, high if high is not None else 1))
    if kind in ("double", "float"):
        low, high = meta.get("min", 0.5), meta.get("max", 0.5)
        return float(min(max(0.5, low), high))
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return WHEN
    if kind == "blob":
        return b"blob"
    raise NotImplementedError(f"no example for {kind} shapes")


def _count(meta: Mapping[str, Any]) -> int:
    return max(int(meta.get("min", 1)), 1)


def _keys(shape: Shape, count: int) -> list[str]:
    enum = shape.metadata.get("enum")
    if enum:
        return list(enum[:count])
    first = str(example(shape))
    return [first] + [f"{first[:-1]}{index}" for index in range(1, count)]


def _structure(shape: StructureShape, full: bool, depth: int) -> dict[str, Any]:
    members = shape.members
    if shape.metadata.get("union"):
        name = next(iter(members))
        return {name: example(members[name], full, depth + 1)}
    chosen = members if full and depth < MAX_DEPTH else shape.required_members
    return {name: example(members[name], full, depth + 1) for name in chosen}


def within(shape: Shape | None, sent: Any, got: Any) -> bool:
    """Whether ``got`` (an answer's member of ``shape``) holds all of ``sent`` it can show.

    Members the answer's shape lacks cannot come back, so they are not asked for;
    members the service adds (a status, a default) are allowed.
    """
    if shape is None:
        return True
    if isinstance(shape, StructureShape):
        if not isinstance(sent, Mapping) or not isinstance(got, Mapping):
            return False
        return all(
            name in got and within(shape.members[name], value, got[name])
            for name, value in sent.items()
            if name in shape.members
        )
    if isinstance(shape, ListShape):
        return (
            isinstance(got, list)
            and len(got) == len(sent)
            and all(within(shape.member, a, b) for a, b in zip(sent, got, strict=True))
        )
    if isinstance(shape, MapShape):
        return (
            isinstance(got, Mapping)
            and set(got) == set(sent)
            and all(within(shape.value, sent[key], got[key]) for key in sent)
        )
    if shape.type_name == "blob" and isinstance(sent, str):
        sent = sent.encode()
    return bool(sent == got)
