"""A trigger's evaluation trace (``evaluation.Trace``) as text, for ``triggers evaluate``.

The command's output is this rendering and nothing else, so what it prints is
what firing decided: per condition, dimension and attribute the value found,
the operator and the result, then each check that can hold a match back.
"""

from __future__ import annotations

import json
from typing import Any

from .evaluation import Trace


def _value(value: Any) -> str:
    return json.dumps(value, default=str)


def _yes(result: bool) -> str:
    return "true" if result else "false"


def render(trace: Trace) -> str:
    """The trace, one line per attribute and per check; the verdict last."""
    profile = trace.profile_id or "(no profile)"
    lines = [f"trigger {trace.trigger} on object type {trace.object_type}, profile {profile}"]
    for number, condition in enumerate(trace.conditions, 1):
        logical = condition.logical_operator
        lines.append(f"condition {number} ({logical} of its dimensions): {_yes(condition.result)}")
        for index, dimension in enumerate(condition.dimensions, 1):
            state = "missing a value" if dimension.missing else _yes(dimension.result)
            lines.append(f"  dimension {index} (all of its attributes): {state}")
            for attribute in dimension.attributes:
                found = _value(attribute.value) if attribute.found else "(missing)"
                lines.append(
                    f"    {attribute.where} = {found} {attribute.operator} "
                    f"{_value(attribute.values)}: {_yes(attribute.result)} ({attribute.note})"
                )
    lines.append(f"conditions (any of them): {'matched' if trace.matched else 'not matched'}")
    for hold in trace.holds:
        lines.append(f"{hold.check}: {'HELD BACK' if hold.held else 'passes'} ({hold.detail})")
    lines.append("FIRED" if trace.fired else f"NOT FIRED: {trace.reason}")
    return "\n".join(lines)
