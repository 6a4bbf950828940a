"""JSON text as every local service reads it: what cannot be stored whole is refused first.

``loads(text, what)`` is ``json.loads`` that refuses, with a ``ValueError``
whose one-line message names ``what`` was read and what is wrong with it:

* ``NaN``, ``Infinity`` and ``-Infinity`` (Python's ``json`` reads them, JSON
  has no such values, and a trigger comparing them would fail later), and
  numbers a double cannot hold (``1e400`` would read as infinity);
* lone UTF-16 surrogates (``"\\ud800"`` unpaired): they are not Unicode text,
  so nothing holding one can be written out as UTF-8 again;
* nesting deeper than ``MAX_DEPTH`` levels of objects and arrays. AWS's JSON
  parsers bound nesting too; 100 levels is far beyond any request of these
  services (an event trigger is 6 deep) and keeps every recursive walk of a
  document (validation, copies, serialization) within Python's stack.

Bytes must be UTF-8. Nothing in this module knows a service: each one wraps
the message in its own error.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["MAX_DEPTH", "JsonRefused", "loads"]

MAX_DEPTH = 100
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonRefused(ValueError):
    """The text is not JSON this service stores; ``str()`` is the one-line reason."""


def loads(text: str | bytes, what: str = "The request body") -> Any:
    """The JSON value of ``text``; ``JsonRefused`` naming ``what`` and the problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise JsonRefused(f"{what} is not valid UTF-8") from None

    def constant(name: str) -> Any:
        raise JsonRefused(f"{what} is not valid JSON: {name} is not a JSON value")

    def number(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise JsonRefused(f"{what} holds a number a double cannot hold: {literal[:40]}")
        return value

    try:
        value = json.loads(text, parse_constant=constant, parse_float=number)
    except JsonRefused:
        raise
    except RecursionError:
        raise JsonRefused(_too_deep(what)) from None
    except ValueError as error:  # JSON errors name a position, never content
        raise JsonRefused(f"{what} is not valid JSON: {error}") from None
    _check(value, text, what)
    return value


def _too_deep(what: str) -> str:
    return f"{what} is nested too deeply: more than {MAX_DEPTH} levels of objects and arrays"


def _check(value: Any, text: str, what: str) -> None:
    """Refuse nesting over ``MAX_DEPTH`` and lone surrogates; a walk only when the text
    could hold either (more brackets than the limit, or a surrogate at all)."""
    deep = text.count("[") + text.count("{") > MAX_DEPTH
    surrogates = bool(_ESCAPED_SURROGATE.search(text) or _SURROGATE.search(text))
    if not deep and not surrogates:
        return
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if surrogates and (found := _SURROGATE.search(item)):
                code = f"\\u{ord(found.group()):04x}"
                raise JsonRefused(
                    f"{what} holds a lone UTF-16 surrogate ({code}), which is not Unicode text"
                )
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise JsonRefused(_too_deep(what))
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            stack.extend((member, depth + 1) for member in item.values())
        else:
            stack.extend((member, depth + 1) for member in item)
