"""Models from the resource schema: hypothesis strategies, and every constraint broken.

Valid models are drawn straight from the schema's definitions (types,
patterns, lengths, enums, bounds, item counts, uniqueness, required members),
narrowed only where the Customer Profiles API is stricter than the published
schema, so a valid model here is one both accept: tag keys (the API's
``TagKey`` pattern, and no ``aws:`` prefix) and ``EventExpiration`` (int64).

``constraint_sites()`` lists every constraint of every writable property, each
with a way to break it in a full model; tests break them one at a time.
"""

from __future__ import annotations

import copy
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from localcloud.core.tags import is_reserved
from tests.support.schema import MODEL, READ_ONLY, resolve

INT64 = (-(2**63), 2**63 - 1)
# The API's TagKey pattern is ^(?!aws:)[a-zA-Z+-=._:/]+$: "+-=" is the range '+'..'='.
TAG_KEY_ALPHABET = string.ascii_letters + "".join(map(chr, range(ord("+"), ord("=") + 1))) + "._:/"
HUGE = 1024 * 1024  # a 1 MiB string
Path = tuple[str | int, ...]


def where(path: Path) -> str:
    """``EventTriggerLimits.Periods[].Value``: a path with list indexes left out."""
    text = ""
    for part in path:
        text += "[]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


SHORT = 24  # drawn strings are this long at most, or exactly at the maximum
FEW = 3  # drawn lists hold this many items at most (test_hostile_input covers maxItems)


def _at_most(low: int, high: int, short: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Short strings, and now and then one stretched to exactly the maximum length."""
    stretched = short.filter(bool).map(lambda text: text + text[-1] * (high - len(text)))
    return st.one_of(short, stretched) if high > SHORT else short


def _string(node: Mapping[str, Any], at: str) -> st.SearchStrategy[Any]:
    if "enum" in node:
        return st.sampled_from(node["enum"])
    low, high = node.get("minLength", 0), node.get("maxLength", 2000)
    short_high = min(high, SHORT)
    if at == "Tags[].Key":
        keys = st.text(TAG_KEY_ALPHABET, min_size=1, max_size=short_high)
        return _at_most(low, high, keys).filter(lambda key: not is_reserved(key))
    if "pattern" in node:
        pattern = node["pattern"]
        drawn = st.from_regex(pattern, fullmatch=True).filter(lambda s: len(s) <= short_high)
        return _at_most(low, high, drawn).filter(
            lambda s: low <= len(s) <= high and re.fullmatch(pattern.strip("^$"), s) is not None
        )
    return _at_most(low, high, st.text(min_size=low, max_size=short_high))


def strategy(node: Mapping[str, Any] = MODEL, path: Path = (), full: bool = False) -> Any:
    """A strategy for values ``node`` accepts; ``full`` sets every optional member."""
    node = resolve(node)
    at = where(path)
    kind = node.get("type")
    if kind == "object":
        members = {
            name: strategy(sub, (*path, name), full)
            for name, sub in node.get("properties", {}).items()
            if not (node is MODEL and name in READ_ONLY)
        }
        required = set(node.get("required", ()))
        optional = {k: v for k, v in members.items() if k not in required}
        if full:
            return st.fixed_dictionaries(members)
        return st.fixed_dictionaries(
            {k: v for k, v in members.items() if k in required}, optional=optional
        )
    if kind == "array":
        items = strategy(node["items"], (*path, 0), full)
        low = max(node.get("minItems", 0), 1 if full else 0)
        high = min(node.get("maxItems", FEW), FEW)
        unique_by: Callable[[Any], Any] | None = None
        if at == "Tags":
            unique_by = lambda tag: tag["Key"]  # noqa: E731 - the API keeps one value per key
        elif node.get("uniqueItems"):
            unique_by = repr
        return st.lists(items, min_size=low, max_size=high, unique_by=unique_by)
    if kind == "string":
        return _string(node, at)
    if kind == "integer":
        low, high = node.get("minimum", INT64[0]), node.get("maximum", INT64[1])
        return st.integers(low, high)
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"no strategy for {at}: {node}")


def example(node: Mapping[str, Any] = MODEL, path: Path = (), seed: int = 0) -> Any:
    """A small valid value with every member present; ``seed`` varies the strings."""
    node = resolve(node)
    kind = node.get("type")
    if kind == "object":
        return {
            name: example(sub, (*path, name), seed)
            for name, sub in node.get("properties", {}).items()
            if not (node is MODEL and name in READ_ONLY)
        }
    if kind == "array":
        return [example(node["items"], (*path, 0), seed)]
    if kind == "string":
        if "enum" in node:
            return node["enum"][seed % len(node["enum"])]
        return f"v{seed}"[: node.get("maxLength", 100)]
    if kind == "integer":
        return int(node.get("minimum", 1)) + seed % 2
    if kind == "boolean":
        return seed % 2 == 0
    raise AssertionError(f"no example for {where(path)}")


# -- breaking constraints ------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """One constraint at one place in a full model, and how to break it."""

    path: Path  # of the member the constraint is on (indexes 0)
    rule: str  # pattern, maxLength, required, wrong type (object), ...
    bad: Any = None  # the value put at ``path``; see ``apply`` for the others
    named: tuple[str, ...] = ()  # the property names a message must name one of

    @property
    def id(self) -> str:
        return f"{where(self.path)}:{self.rule}"

    def apply(self, model: dict[str, Any]) -> dict[str, Any]:
        broken = copy.deepcopy(model)
        if self.rule.startswith("required "):
            del _at(broken, self.path)[self.rule.removeprefix("required ")]
        elif self.rule == "unknown property":
            _at(broken, self.path)["UnknownMember"] = "x"
        elif self.rule == "uniqueItems":
            items = _at(broken, self.path)
            items.append(copy.deepcopy(items[0]))
        else:
            _at(broken, self.path[:-1])[self.path[-1]] = copy.deepcopy(self.bad)
        return broken


def _at(model: Any, path: Path) -> Any:
    for part in path:
        model = model[part]
    return model


def _names(path: Path, *extra: str) -> tuple[str, ...]:
    keys = [part for part in path if isinstance(part, str)]
    return tuple(dict.fromkeys([*extra, *keys[-1:], *keys[:1]]))


def _bad_char(node: Mapping[str, Any]) -> str:
    for candidate in ("a/b", "a b", "a|b", "é"):
        if not re.fullmatch(node["pattern"].strip("^$"), candidate):
            return candidate
    raise AssertionError(node["pattern"])


def _sites_of(node: Mapping[str, Any], path: Path) -> Iterator[Site]:
    node = resolve(node)
    kind = node.get("type")
    named = _names(path)
    if kind == "object":
        for required in node.get("required", ()):
            yield Site(path, f"required {required}", named=_names(path, required))
        if node.get("additionalProperties") is False:
            yield Site(path, "unknown property", named=_names(path[:1], "UnknownMember"))
        yield Site(path, "wrong type (string)", "not-an-object", named)
        yield Site(path, "wrong type (array)", ["x"], named)
        for name, sub in node.get("properties", {}).items():
            yield from _sites_of(sub, (*path, name))
    elif kind == "array":
        items = example(node["items"], (*path, 0))
        if node.get("minItems", 0) > 0:
            yield Site(path, "minItems", [items] * (node["minItems"] - 1), named)
        if "maxItems" in node:
            many = [
                example(node["items"], (*path, 0), seed) for seed in range(node["maxItems"] + 1)
            ]
            yield Site(path, "maxItems", many, named)
        if node.get("uniqueItems"):
            yield Site(path, "uniqueItems", named=named)
        yield Site(path, "wrong type (string)", "not-a-list", named)
        yield Site(path, "wrong type (object)", {"x": items}, named)
        yield from _sites_of(node["items"], (*path, 0))
    elif kind == "string":
        if node.get("minLength", 0) > 0:
            yield Site(path, "minLength", "", named)
        if "maxLength" in node:
            yield Site(path, "maxLength", "a" * (node["maxLength"] + 1), named)
            yield Site(path, "huge (1 MiB)", "a" * HUGE, named)
        if "pattern" in node:
            yield Site(path, "pattern", _bad_char(node), named)
            yield Site(path, "control characters", "a\nb\x00", named)
            yield Site(path, "unicode", "naïve-名前", named)
        if "enum" in node:
            yield Site(path, "enum", "NOT_ALLOWED", named)
            yield Site(path, "enum (lower case)", node["enum"][0].lower(), named)
        yield Site(path, "wrong type (object)", {"x": "y"}, named)
        yield Site(path, "wrong type (array)", ["y"], named)
    elif kind == "integer":
        if "minimum" in node:
            yield Site(path, "minimum", node["minimum"] - 1, named)
        if "maximum" in node:
            yield Site(path, "maximum", node["maximum"] + 1, named)
        if node.get("format") == "int64":
            yield Site(path, "int64 (too big)", INT64[1] + 1, named)
        yield Site(path, "wrong type (string)", "not-a-number", named)
        yield Site(path, "wrong type (fraction)", "1.5", named)
        yield Site(path, "wrong type (object)", {"x": 1}, named)
    elif kind == "boolean":
        yield Site(path, "wrong type (string)", "maybe", named)
        yield Site(path, "wrong type (object)", {"x": True}, named)


def constraint_sites() -> list[Site]:
    """Every constraint of every writable property, the model's own included."""
    sites: list[Site] = []
    for required in MODEL["required"]:
        sites.append(Site((), f"required {required}", named=(required,)))
    sites.append(Site((), "unknown property", named=("UnknownMember",)))
    for name, node in MODEL["properties"].items():
        if name not in READ_ONLY:
            sites.extend(_sites_of(node, (name,)))
    return sites


def mentions(message: str, names: tuple[str, ...]) -> bool:
    """Whether ``message`` names one of ``names`` as a whole word (Value is not Values)."""
    return any(re.search(rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])", message) for n in names)
