"""The conditions of a policy statement, evaluated against what a request offline carries.

A condition block is ``{Operator: {Key: Value(s)}}``; the statement applies when
every operator's every key matches (AWS's rule). What a request offline
carries (``REQUEST_CONTEXT``): ``aws:SecureTransport`` ``true`` (the local
endpoint stands for HTTPS). A key the request does not carry makes its
condition false, but for the ``Null`` operator and the ``...IfExists`` forms
(AWS's rule); so does an operator this module does not know (the statement
then does not apply: it neither allows nor denies).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["REQUEST_CONTEXT", "applies"]

REQUEST_CONTEXT: dict[str, str] = {"aws:SecureTransport": "true"}

Compare = Callable[[str, str], bool]

OPERATORS: dict[str, Compare] = {
    "StringEquals": lambda actual, expected: actual == expected,
    "StringNotEquals": lambda actual, expected: actual != expected,
    "StringEqualsIgnoreCase": lambda actual, expected: actual.lower() == expected.lower(),
    "StringNotEqualsIgnoreCase": lambda actual, expected: actual.lower() != expected.lower(),
    "StringLike": lambda actual, expected: fnmatch.fnmatchcase(actual, expected),
    "StringNotLike": lambda actual, expected: not fnmatch.fnmatchcase(actual, expected),
    "Bool": lambda actual, expected: actual.lower() == expected.lower(),
}
NEGATED = ("StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike")


def _values(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return ["true" if v is True else "false" if v is False else str(v) for v in items]


def _matches(operator: str, key: str, expected: Any, context: Mapping[str, str]) -> bool:
    base = operator.split(":", 1)[-1]  # ForAnyValue:/ForAllValues: take single values alike
    if_exists = base.endswith("IfExists")
    base = base.removesuffix("IfExists")
    actual = next((v for k, v in context.items() if k.lower() == key.lower()), None)
    if base == "Null":  # true: the key is absent; false: it is present
        return _values(expected)[0].lower() == ("true" if actual is None else "false")
    if actual is None:
        return if_exists
    compare = OPERATORS.get(base)
    if compare is None:
        return False
    wanted = _values(expected)
    if base in NEGATED:
        return all(compare(actual, value) for value in wanted)
    return any(compare(actual, value) for value in wanted)


def applies(statement: Mapping[str, Any], context: Mapping[str, str] = REQUEST_CONTEXT) -> bool:
    """True if the statement's conditions (if any) hold for a request carrying ``context``."""
    block = statement.get("Condition")
    if not block:
        return True
    if not isinstance(block, Mapping):
        return False
    for operator, keys in block.items():
        if not isinstance(keys, Mapping):
            return False
        for key, expected in keys.items():
            if not _matches(str(operator), str(key), expected, context):
                return False
    return True
