"""Whether one ingested object fires one event trigger, with the reasons: the trace.

Pure rules, no moto and no service state: ``evaluate`` takes the trigger's
definition, the object type's ``Fields``, the object, and what the service
knows at that moment (when the object was received and processed, the
profile's segment membership and intents, and its earlier firings of this
trigger), and answers a ``Trace``. Firing (``firing``) acts on ``Trace.fired``; the
``triggers evaluate`` command prints the same trace (``explain.render``).

The combination is AWS's (the Administrator Guide's example, an earlier
revision): the list of conditions is OR'd, a dimension's ObjectAttributes are
AND'ed, and each condition's LogicalOperator combines its dimensions: ANY, ALL
or NONE (guess: dimension-logic). An attribute whose value is missing is
neither true nor false: its dimension is missing, which counts as false for
ANY and ALL and makes NONE false too, so a missing value never fires.

Then, in this order, each of which can hold a matched trigger back: no
integration naming the trigger in its EventTriggerNames (only those triggers
are active: guess: active-triggers; checked when the caller says which
integrations name it), EventExpiration (guess: expiration-latency), the
SegmentFilter (guess: segment-membership), the IntentFilterDefinition
(``intent_filter``) and the Periods (guess: period-windows).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .intent_filter import meets
from .operators import compare

Json = dict[str, Any]
MISSING = object()
# The campaign destination caps EventExpiration at 15 minutes (the Administrator Guide).
CAMPAIGN_EXPIRATION_CAP_MS = 15 * 60 * 1000
# No EventTriggerLimits, or no Periods: 10 invocations per day, per profile, per trigger.
DEFAULT_PERIODS: tuple[Json, ...] = ({"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 10},)
DEFAULT_MAX_INVOCATIONS = 10
UNIT_SECONDS = {
    "MINUTES": 60,
    "HOURS": 3600,
    "DAYS": 86400,
    "WEEKS": 7 * 86400,
    "MONTHS": 30 * 86400,
}
# The check of a trace that says whether any integration names the trigger.
INTEGRATION_CHECK = "integration"
# How a condition combines its dimensions (and an intent filter its conditions).
LOGICAL_OPERATORS = ("ANY", "ALL", "NONE")
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_TEMPLATE = re.compile(r"^\{\{\s*([^{}]+?)\s*\}\}$")


# -- reading values -------------------------------------------------------------


def read_path(document: Any, path: str) -> Any:
    """``a.b[0].c`` in a JSON document; ``MISSING`` where it has no such member."""
    found = document
    for name, index in _STEP.findall(path):
        if name and isinstance(found, Mapping) and name in found:
            found = found[name]
        elif index and isinstance(found, list) and int(index) < len(found):
            found = found[int(index)]
        else:
            return MISSING
    return MISSING if found is None else found


def read_source(source: str, obj: Json, fields: Mapping[str, Json]) -> tuple[Any, str]:
    """The value an accessor addresses, and where it was read from.

    ``_source.a.b`` (or a bare ``a.b``) reads the ingested object;
    ``{{_source.a}}`` likewise; any other ``_x.y`` (a Target such as
    ``_order.TotalPrice`` or ``_profile.EmailAddress``) reads the field whose
    Target it is. guess: source-accessor
    """
    templated = _TEMPLATE.match(source)
    if templated:
        source = templated.group(1)
    if source.startswith("_source."):
        return read_path(obj, source.removeprefix("_source.")), source
    if source.startswith("_"):
        for name, mapping in fields.items():
            if mapping.get("Target") == source and mapping.get("Source"):
                value, where = read_source(str(mapping["Source"]), obj, {})
                return value, f"{source} (field {name}: {where})"
        return MISSING, f"{source} (no field has this Target)"
    return read_path(obj, source), f"_source.{source}"


def read_attribute(attribute: Json, obj: Json, fields: Mapping[str, Json]) -> tuple[Any, str]:
    """The value an ObjectAttribute addresses: its Source, else its FieldName's Source.

    guess: field-name-resolution
    """
    if attribute.get("Source"):
        return read_source(str(attribute["Source"]), obj, fields)
    name = attribute.get("FieldName")
    if name:
        mapping = fields.get(name)
        if mapping is None or not mapping.get("Source"):
            return MISSING, f"field {name} (not a field of the object type)"
        value, where = read_source(str(mapping["Source"]), obj, {})
        return value, f"field {name} ({where})"
    return MISSING, "neither Source nor FieldName"


# -- the trace ------------------------------------------------------------------


@dataclass
class AttributeTrace:
    where: str
    operator: str
    values: list[str]
    found: bool
    value: Any
    result: bool
    note: str


@dataclass
class DimensionTrace:
    attributes: list[AttributeTrace]
    missing: bool
    result: bool


@dataclass
class ConditionTrace:
    logical_operator: str
    dimensions: list[DimensionTrace]
    result: bool


@dataclass
class Hold:
    """One limit, the segment, the intents or the expiration: whether it held the trigger
    back, and why."""

    check: str
    held: bool
    detail: str


@dataclass
class Trace:
    trigger: str
    object_type: str
    profile_id: str | None
    conditions: list[ConditionTrace]
    matched: bool
    holds: list[Hold] = field(default_factory=list)

    @property
    def fired(self) -> bool:
        return self.matched and not any(hold.held for hold in self.holds)

    @property
    def active(self) -> bool | None:
        """Whether an integration names the trigger (None: not checked)."""
        found = [hold for hold in self.holds if hold.check == INTEGRATION_CHECK]
        return not found[0].held if found else None

    @property
    def reason(self) -> str:
        if not self.matched:
            return "no condition matched"
        held = [hold for hold in self.holds if hold.held]
        return f"held back by {held[0].check}: {held[0].detail}" if held else "fired"

    def to_dict(self) -> Json:
        found = asdict(self)
        found.update(fired=self.fired, reason=self.reason, active=self.active)
        for condition in found["conditions"]:
            for dimension in condition["dimensions"]:
                for attribute in dimension["attributes"]:
                    if not attribute["found"]:
                        attribute["value"] = None
        return found


# -- conditions -----------------------------------------------------------------


def _attribute(attribute: Json, obj: Json, fields: Mapping[str, Json]) -> AttributeTrace:
    operator = str(attribute.get("ComparisonOperator", ""))
    values = [str(value) for value in attribute.get("Values", [])]
    value, where = read_attribute(attribute, obj, fields)
    if value is MISSING:
        return AttributeTrace(where, operator, values, False, None, False, "missing")
    result, note = compare(operator, value, values)
    return AttributeTrace(where, operator, values, True, value, result, note)


def _dimension(dimension: Json, obj: Json, fields: Mapping[str, Json]) -> DimensionTrace:
    attributes = [_attribute(item, obj, fields) for item in dimension.get("ObjectAttributes", [])]
    missing = any(not attribute.found for attribute in attributes)
    result = not missing and all(attribute.result for attribute in attributes)
    return DimensionTrace(attributes, missing, result)


def _condition(condition: Json, obj: Json, fields: Mapping[str, Json]) -> ConditionTrace:
    """ANY: one dimension holds; ALL: every one; NONE: none, and none is missing."""
    logical = str(condition.get("LogicalOperator", "ANY"))
    dimensions = [_dimension(item, obj, fields) for item in condition["EventTriggerDimensions"]]
    results = [dimension.result for dimension in dimensions]
    if logical == "ALL":
        result = all(results)
    elif logical == "NONE":
        result = not any(results) and not any(dimension.missing for dimension in dimensions)
    else:
        result = any(results)
    return ConditionTrace(logical, dimensions, result)


# -- what holds a matched trigger back ------------------------------------------


def _integrations(uris: Sequence[str]) -> Hold:
    """guess: active-triggers"""
    if not uris:
        return Hold(
            INTEGRATION_CHECK,
            True,
            "no integration names it in EventTriggerNames, so ingesting fires nothing",
        )
    noun = "integration" if len(uris) == 1 else "integrations"
    return Hold(INTEGRATION_CHECK, False, f"named by {len(uris)} {noun}: {', '.join(uris)}")


def expiration_ms(limits: Json | None, campaign: bool) -> int | None:
    """The effective EventExpiration: capped at 15 minutes for a campaign destination."""
    limit = (limits or {}).get("EventExpiration")
    if limit is None:
        return None
    return min(int(limit), CAMPAIGN_EXPIRATION_CAP_MS) if campaign else int(limit)


def _expiration(
    limit: int | None, received: datetime.datetime, processed: datetime.datetime
) -> Hold:
    """guess: expiration-latency"""
    latency = int((processed - received) / datetime.timedelta(milliseconds=1))
    if limit is None:
        return Hold("expiration", False, f"no EventExpiration; latency {latency} ms")
    held = latency > limit
    return Hold("expiration", held, f"latency {latency} ms, EventExpiration {limit} ms")


def _segment(name: str | None, profile_id: str | None, members: Iterable[str]) -> Hold:
    """guess: segment-membership"""
    if name is None:
        return Hold("segment", False, "no SegmentFilter")
    member = profile_id is not None and profile_id in set(members)
    state = "is" if member else "is not"
    return Hold("segment", not member, f"profile {profile_id} {state} in segment {name}")


def _intents(definition: Json, intents: Mapping[str, str]) -> Hold:
    """The API: "triggered only if the event trigger conditions are met and the profile's
    intents also meet this filter". guess: intent-filter"""
    met, detail = meets(definition, intents)
    return Hold("intents", not met, detail)


def periods(limits: Json | None) -> list[Json]:
    found = (limits or {}).get("Periods")
    return [dict(period) for period in (found or DEFAULT_PERIODS)]


def _window(period: Json) -> datetime.timedelta:
    return datetime.timedelta(
        seconds=UNIT_SECONDS.get(str(period["Unit"]), 86400) * int(period["Value"])
    )


def longest_window(limits: Json | None) -> datetime.timedelta:
    """How far back any Period looks: older firings can never count again."""
    return max(_window(period) for period in periods(limits))


def _periods(
    limits: Json | None, processed: datetime.datetime, history: list[datetime.datetime]
) -> list[Hold]:
    """Sliding windows ending now; every Period must have room. guess: period-windows"""
    holds = []
    for period in periods(limits):
        unit, value = str(period["Unit"]), int(period["Value"])
        window = _window(period)
        label = f"period {value} {unit}"
        count = sum(1 for fired in history if fired > processed - window)
        if period.get("Unlimited"):
            holds.append(Hold(label, False, f"{count} earlier firings, Unlimited"))
            continue
        most = int(period.get("MaxInvocationsPerProfile") or DEFAULT_MAX_INVOCATIONS)
        held = count >= most
        holds.append(Hold(label, held, f"{count} earlier firings of at most {most}"))
    return holds


# -- one trigger, one object ----------------------------------------------------


def evaluate(
    trigger: Json,
    obj: Json,
    fields: Mapping[str, Json],
    *,
    profile_id: str | None,
    received: datetime.datetime,
    processed: datetime.datetime,
    segment_members: Iterable[str] = (),
    intents: Mapping[str, str] | None = None,
    history: list[datetime.datetime] | None = None,
    campaign: bool = False,
    integrations: Sequence[str] | None = None,
) -> Trace:
    """The trace of ``trigger`` (its Get answer's members) on ``obj``.

    ``intents`` are the profile's (intent type -> value), ``history`` this
    trigger's earlier firings for this profile, ``integrations`` the Uris of the
    integrations that name it (None: not checked).
    """
    conditions = [_condition(item, obj, fields) for item in trigger["EventTriggerConditions"]]
    matched = any(condition.result for condition in conditions)  # guess: dimension-logic
    trace = Trace(
        str(trigger.get("EventTriggerName", "")),
        str(trigger.get("ObjectTypeName", "")),
        profile_id,
        conditions,
        matched,
    )
    if integrations is not None:
        trace.holds.append(_integrations(integrations))
    limits = trigger.get("EventTriggerLimits")
    trace.holds.append(_expiration(expiration_ms(limits, campaign), received, processed))
    trace.holds.append(_segment(trigger.get("SegmentFilter"), profile_id, segment_members))
    if trigger.get("IntentFilterDefinition") is not None:
        trace.holds.append(_intents(trigger["IntentFilterDefinition"], intents or {}))
    trace.holds.extend(_periods(limits, processed, history or []))
    return trace
