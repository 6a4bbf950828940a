"""The 15 ComparisonOperators of an event trigger's ObjectAttribute (no moto here).

``compare(operator, target, values)`` answers ``(result, note)``: ``result``
is True or False, ``note`` says in a few words why (what the target was read
as). A target that is missing or cannot be read as the operator's type is
False, for every operator (NOT_BETWEEN and EXCLUSIVE included): a missing
value never fires a trigger.

AWS documents each operator in one line (the Administrator Guide's table,
"Create an outbound campaign using event triggers") and its type (String,
Number, Date); the rest is guessed, each choice one named rule here:

* ``INCLUSIVE``/``EXCLUSIVE`` on a single value (guess: inclusive-exclusive)
* ``CONTAINS``/``BEGINS_WITH``/``ENDS_WITH`` (guess: string-operators-any)
* the Number operators (guess: numeric-coercion)
* ``BETWEEN``/``NOT_BETWEEN`` (guess: between-inclusive)
* the Date operators and date formats (guess: date-formats)
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
from collections.abc import Callable
from typing import Any

Result = tuple[bool, str]

STRING = ("INCLUSIVE", "EXCLUSIVE", "CONTAINS", "BEGINS_WITH", "ENDS_WITH")
NUMBER = ("GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN_OR_EQUAL", "EQUAL")
DATE = ("BEFORE", "AFTER", "ON")
RANGE = ("BETWEEN", "NOT_BETWEEN")
OPERATORS = STRING + NUMBER + DATE + RANGE

# Epoch numbers at or above this are milliseconds, below it seconds (1e11 s is the year 5138).
EPOCH_MS_FROM = 10**11
_NUMBER_TEXT = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def as_text(value: Any) -> str | None:
    """A scalar as the string operators read it (a number as JSON writes it); else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    return None


def as_number(value: Any) -> decimal.Decimal | None:
    """A JSON number or a numeric string as a decimal; None otherwise (guess: numeric-coercion)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return decimal.Decimal(str(value))
    if isinstance(value, str) and _NUMBER_TEXT.match(value):
        return decimal.Decimal(value.strip())
    return None


def as_instant(value: Any) -> datetime.datetime | None:
    """ISO 8601 (date, or date and time; no offset is UTC) or epoch s/ms; None otherwise.

    guess: date-formats
    """
    number = as_number(value)
    if number is not None:
        seconds = number / 1000 if abs(number) >= EPOCH_MS_FROM else number
        try:
            return datetime.datetime.fromtimestamp(float(seconds), datetime.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)
        found = datetime.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if found.tzinfo is None:
        found = found.replace(tzinfo=datetime.UTC)
    return found.astimezone(datetime.UTC)


def _texts(target: Any) -> list[str] | None:
    """The target's strings: one for a scalar, each element's for a list of scalars."""
    if isinstance(target, list):
        texts = [as_text(item) for item in target]
        return None if any(text is None for text in texts) else [t for t in texts if t is not None]
    text = as_text(target)
    return None if text is None else [text]


def _string(operator: str, target: Any, values: list[str]) -> Result:
    texts = _texts(target)
    if texts is None:
        return False, "not a string (or a list of strings)"
    many = isinstance(target, list)
    if operator == "INCLUSIVE":  # guess: inclusive-exclusive
        if many:
            return all(value in texts for value in values), "list holds every value"
        return texts[0] in values, "equals one of the values"
    if operator == "EXCLUSIVE":
        if many:
            return not any(value in texts for value in values), "list holds none of the values"
        return texts[0] not in values, "equals none of the values"
    test: Callable[[str, str], bool] = {  # guess: string-operators-any
        "CONTAINS": lambda text, value: value in text,
        "BEGINS_WITH": str.startswith,
        "ENDS_WITH": str.endswith,
    }[operator]
    found = any(test(text, value) for text in texts for value in values)
    return found, "case-sensitive, any value"


def _number(operator: str, target: Any, values: list[str]) -> Result:
    number, bound = as_number(target), as_number(values[0])
    if number is None:
        return False, "not a number"
    if bound is None:
        return False, f"the value {values[0]!r} is not a number"
    result = {
        "GREATER_THAN": number > bound,
        "LESS_THAN": number < bound,
        "GREATER_THAN_OR_EQUAL": number >= bound,
        "LESS_THAN_OR_EQUAL": number <= bound,
        "EQUAL": number == bound,
    }[operator]
    return result, f"as number {number} against {bound}"


def _date(operator: str, target: Any, values: list[str]) -> Result:
    instant, bound = as_instant(target), as_instant(values[0])
    if instant is None:
        return False, "not a date"
    if bound is None:
        return False, f"the value {values[0]!r} is not a date"
    if operator == "ON":
        return instant.date() == bound.date(), f"UTC date {instant.date()} against {bound.date()}"
    result = instant < bound if operator == "BEFORE" else instant > bound
    return result, f"as instant {instant.isoformat()} against {bound.isoformat()}"


def _range(operator: str, target: Any, values: list[str]) -> Result:
    """Two values in either order, bounds included (guess: between-inclusive)."""
    if len(values) != 2:
        return False, f"needs exactly 2 values, has {len(values)}"
    numbers = [as_number(value) for value in values]
    parse: Callable[[Any], Any] = as_number
    kind = "number"
    if any(number is None for number in numbers):
        parse, kind = as_instant, "date"
    bounds = [parse(value) for value in values]
    if None in bounds:
        return False, "the values are neither two numbers nor two dates"
    low, high = sorted(bounds)
    found = parse(target)
    if found is None:
        return False, f"not a {kind}"
    inside = bool(low <= found <= high)
    return inside if operator == "BETWEEN" else not inside, f"as {kind} in [{low}, {high}]"


def compare(operator: str, target: Any, values: list[str]) -> Result:
    """Apply ``operator`` to the value found (``target``) and the attribute's ``Values``."""
    if operator in STRING:
        return _string(operator, target, values)
    if operator in NUMBER:
        return _number(operator, target, values)
    if operator in DATE:
        return _date(operator, target, values)
    if operator in RANGE:
        return _range(operator, target, values)
    return False, f"unknown operator {operator}"
