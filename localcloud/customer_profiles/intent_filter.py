"""An event trigger's intent filter: its rules beyond the model, and whether intents meet it.

Pure rules, no moto and no service state. ``IntentFilterDefinition`` (botocore
1.44.18 on) is bounded by the model: exactly one group, 1-5 conditions, the 8
comparison operators, 1-10 values. The model's documentation adds what
``problem`` checks: each intent type at most once in a group;
WEB_SESSION_SUMMARY cannot be used in a filter; PRICE_SENSITIVITY and
UPGRADE_UPSELL_PROPENSITY take INCLUSIVE, EXCLUSIVE, EQUAL, GREATER_THAN,
GREATER_THAN_OR_EQUAL, LESS_THAN or LESS_THAN_OR_EQUAL with exactly one value,
HIGH or LOW; LAST_SEARCH_INTENT takes CONTAINS with up to 10 phrases; and the
types used must be enabled in the domain's intent definition.

``meets`` says whether a profile's intents meet the filter (guess: intent-filter):
HIGH ranks above LOW; CONTAINS holds when the last search intent contains one of
the phrases, whatever their case; a condition on an intent the profile does not
have is missing, which counts as false for ANY and ALL and makes NONE false,
as a missing value does for the conditions (guess: dimension-logic).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

Json = dict[str, Any]
LEVELS = ("LOW", "HIGH")  # in rank order
LEVEL_TYPES = ("PRICE_SENSITIVITY", "UPGRADE_UPSELL_PROPENSITY")
PHRASE_TYPES = ("LAST_SEARCH_INTENT",)
LEVEL_OPERATORS: dict[str, Callable[[int, int], bool]] = {
    "INCLUSIVE": operator.eq,
    "EQUAL": operator.eq,
    "EXCLUSIVE": operator.ne,
    "GREATER_THAN": operator.gt,
    "GREATER_THAN_OR_EQUAL": operator.ge,
    "LESS_THAN": operator.lt,
    "LESS_THAN_OR_EQUAL": operator.le,
}
PHRASE_OPERATORS = ("CONTAINS",)


def problem(definition: Json, enabled: set[str]) -> str | None:
    """What is wrong with ``definition`` (shape-valid already), naming where; None if nothing."""
    for number, group in enumerate(definition.get("Groups", [])):
        seen: set[str] = set()
        for index, condition in enumerate(group.get("Conditions", [])):
            where = f"IntentFilterDefinition.Groups[{number}].Conditions[{index}]"
            kind = str(condition["Intent"]["Type"])
            wrong = _condition_problem(kind, condition)
            if wrong is not None:
                return f"{where}: {wrong}"
            if kind in seen:
                return f"{where}: {kind} appears more than once in the group"
            seen.add(kind)
            if kind not in enabled:
                return (
                    f"{where}: {kind} is not enabled in the domain's intent definition "
                    f"({condition['Intent']['IntentDomain']})"
                )
    return None


def _condition_problem(kind: str, condition: Json) -> str | None:
    comparison, values = str(condition["ComparisonOperator"]), list(condition["Values"])
    if kind in LEVEL_TYPES:
        if comparison not in LEVEL_OPERATORS:
            return f"{kind} takes {', '.join(LEVEL_OPERATORS)}, not {comparison}"
        if len(values) != 1 or values[0] not in LEVELS:
            return f"{kind} takes exactly one value, {' or '.join(reversed(LEVELS))}"
        return None
    if kind in PHRASE_TYPES:
        if comparison not in PHRASE_OPERATORS:
            return f"{kind} takes {', '.join(PHRASE_OPERATORS)}, not {comparison}"
        return None
    return f"{kind} cannot be used in an intent filter"


def _condition(condition: Json, intents: Mapping[str, str]) -> tuple[bool | None, str]:
    """Whether the condition holds (None: the profile has no such intent), and how it read."""
    kind = str(condition["Intent"]["Type"])
    comparison, values = str(condition["ComparisonOperator"]), list(condition["Values"])
    found = intents.get(kind)
    if found is None:
        return None, f"{kind} (none) {comparison} {values}: missing"
    if kind in LEVEL_TYPES and found in LEVELS and comparison in LEVEL_OPERATORS:
        rank, wanted = LEVELS.index(found), LEVELS.index(values[0])
        result = LEVEL_OPERATORS[comparison](rank, wanted)
    elif kind in PHRASE_TYPES and comparison in PHRASE_OPERATORS:
        result = any(phrase.casefold() in found.casefold() for phrase in values)
    else:
        result = False
    return result, f"{kind} = {found!r} {comparison} {values}: {str(result).lower()}"


def _combined(logical: str, results: list[bool | None]) -> bool:
    """ANY, ALL or NONE over results where None is a missing intent."""
    if logical == "ALL":
        return all(result is True for result in results)
    if logical == "NONE":
        return not any(result is True for result in results) and None not in results
    return any(result is True for result in results)


def meets(definition: Json, intents: Mapping[str, str]) -> tuple[bool, str]:
    """Whether ``intents`` (the profile's, type -> value) meet the filter, and why."""
    groups: list[bool | None] = []
    notes = []
    for group in definition.get("Groups", []):
        read = [_condition(condition, intents) for condition in group.get("Conditions", [])]
        results = [result for result, _ in read]
        held = _combined(str(group["LogicalOperator"]), results)
        groups.append(held)
        notes.append(f"{group['LogicalOperator']} of [{'; '.join(note for _, note in read)}]")
    met = _combined(str(definition["LogicalOperator"]), groups)
    return met, f"{definition['LogicalOperator']} of groups {', '.join(notes)}"
