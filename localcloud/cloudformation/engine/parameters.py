"""Parameter values checked against the template's constraints, as CloudFormation does.

moto resolves parameters but checks none of their constraints, and ignores a
parameter the template does not declare. CloudFormation refuses the request
before any change: an undeclared parameter, a value outside AllowedValues, not
matching AllowedPattern, or outside MinLength/MaxLength or MinValue/MaxValue.
The messages are CloudFormation's (ConstraintDescription, when given, replaces
them).
"""

from __future__ import annotations

import re
from typing import Any

from localcloud.moto_adapter.cloudformation import ValidationError

__all__ = ["check_given", "check_parameters"]


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    """A template value as CloudFormation reads it: YAML's true/false are "true"/"false"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _problem(name: str, slot: dict[str, Any], value: Any) -> str | None:
    text = _text(value)
    allowed = slot.get("AllowedValues")
    if isinstance(allowed, list) and text not in [_text(v) for v in allowed]:
        return f"Parameter '{name}' must be one of AllowedValues"
    pattern = slot.get("AllowedPattern")
    if isinstance(pattern, str) and re.fullmatch(pattern, text) is None:
        return f"Parameter '{name}' must match pattern {pattern}"
    if "MinLength" in slot and len(text) < int(slot["MinLength"]):
        return f"Parameter '{name}' must contain at least {slot['MinLength']} characters"
    if "MaxLength" in slot and len(text) > int(slot["MaxLength"]):
        return f"Parameter '{name}' must contain at most {slot['MaxLength']} characters"
    if "MinValue" in slot or "MaxValue" in slot or slot.get("Type") == "Number":
        number = _number(value)
        if number is None:
            return f"Parameter '{name}' must be a number"
        if "MinValue" in slot and number < float(slot["MinValue"]):
            return f"Parameter '{name}' must be a number not less than {slot['MinValue']}"
        if "MaxValue" in slot and number > float(slot["MaxValue"]):
            return f"Parameter '{name}' must be a number not greater than {slot['MaxValue']}"
    return None


def check_given(template: dict[str, Any], given: dict[str, Any]) -> None:
    """Every parameter given is declared; every one without a Default is given."""
    slots = template.get("Parameters") or {}
    unknown = sorted(name for name in given if name not in slots)
    if unknown:
        raise ValidationError(
            message=f"Parameters: [{', '.join(unknown)}] do not exist in the template"
        )
    missing = [n for n, slot in slots.items() if n not in given and "Default" not in slot]
    if missing:
        raise ValidationError(message=f"Parameters: [{', '.join(missing)}] must have values")
    for name, slot in slots.items():  # moto converts numbers as it loads them
        kind = str(slot.get("Type", "String"))
        value = given.get(name, slot.get("Default"))
        if kind in ("Number", "List<Number>") and value is not None:
            items = str(value).split(",") if kind == "List<Number>" else [value]
            if any(_number(item) is None for item in items):
                raise ValidationError(message=f"Parameter '{name}' must be a number")


def check_parameters(template: dict[str, Any], resolved: dict[str, Any]) -> None:
    """Raise ValidationError for the first value CloudFormation would refuse."""
    for name, slot in (template.get("Parameters") or {}).items():
        if name not in resolved or str(slot.get("Type", "")).startswith("AWS::SSM::"):
            continue
        value = resolved[name]
        for item in value if isinstance(value, list) else [value]:
            problem = _problem(name, slot, item)
            if problem is not None:
                raise ValidationError(message=slot.get("ConstraintDescription") or problem)
