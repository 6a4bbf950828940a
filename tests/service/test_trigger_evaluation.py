"""The evaluator on its own (no service): the 15 operators, Source and FieldName, the
combination of conditions, dimensions and attributes, and what holds a match back."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from localcloud.customer_profiles.evaluation import evaluate, read_source
from localcloud.customer_profiles.explain import render
from localcloud.customer_profiles.operators import OPERATORS, compare
from localcloud.samples import attribute, condition
from tests.support.triggers import FIELDS

NOW = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)

CASES: list[tuple[str, Any, list[str], bool]] = [
    ("INCLUSIVE", "gold", ["gold", "silver"], True),
    ("INCLUSIVE", "bronze", ["gold", "silver"], False),
    ("INCLUSIVE", ["gold", "vip"], ["gold", "vip"], True),
    ("INCLUSIVE", ["gold"], ["gold", "vip"], False),
    ("EXCLUSIVE", "bronze", ["gold", "silver"], True),
    ("EXCLUSIVE", "gold", ["gold", "silver"], False),
    ("EXCLUSIVE", ["a", "b"], ["c"], True),
    ("CONTAINS", "big order", ["small", "big"], True),
    ("CONTAINS", "Big order", ["big"], False),
    ("BEGINS_WITH", "ORD-17", ["INV", "ORD"], True),
    ("BEGINS_WITH", "X-ORD", ["ORD"], False),
    ("ENDS_WITH", "ann@example.com", ["@example.com"], True),
    ("ENDS_WITH", "ann@example.org", ["@example.com"], False),
    ("GREATER_THAN", 500.5, ["500"], True),
    ("GREATER_THAN", "500", ["500"], False),
    ("LESS_THAN", "-3", ["0"], True),
    ("GREATER_THAN_OR_EQUAL", 500, ["500.0"], True),
    ("LESS_THAN_OR_EQUAL", 501, ["500"], False),
    ("EQUAL", "1e3", ["1000"], True),
    ("EQUAL", "abc", ["1000"], False),
    ("GREATER_THAN", True, ["0"], False),
    ("BETWEEN", 10, ["20", "10"], True),
    ("BETWEEN", 21, ["10", "20"], False),
    ("NOT_BETWEEN", 21, ["10", "20"], True),
    ("NOT_BETWEEN", 15, ["10", "20"], False),
    ("NOT_BETWEEN", "abc", ["10", "20"], False),
    ("BETWEEN", 15, ["10"], False),
    ("BETWEEN", "2026-05-02", ["2026-05-01", "2026-05-31T23:59:59Z"], True),
    ("BEFORE", "2026-01-01T00:00:00Z", ["2026-01-01T00:00:01Z"], True),
    ("BEFORE", "2026-01-01T01:00:00+01:00", ["2026-01-01T00:00:00Z"], False),
    ("AFTER", "1767225600000", ["2025-12-31"], True),
    ("AFTER", 1767225600, ["2026-01-02"], False),
    ("ON", "2026-01-01T23:59:00Z", ["2026-01-01"], True),
    ("ON", "2026-01-02T00:00:00Z", ["2026-01-01"], False),
    ("ON", "soon", ["2026-01-01"], False),
]


@pytest.mark.parametrize(("operator", "target", "values", "expected"), CASES)
def test_each_operator(operator: str, target: Any, values: list[str], expected: bool) -> None:
    assert compare(operator, target, values)[0] is expected


def test_the_cases_cover_the_models_15_operators() -> None:
    from localcloud.core.regions import service_model

    model = service_model("customer-profiles").shape_for("ComparisonOperator").enum  # type: ignore[attr-defined]
    assert sorted(OPERATORS) == sorted(model)
    assert {case[0] for case in CASES} == set(OPERATORS)


def test_source_reads_the_object_a_target_or_a_nested_path() -> None:
    obj = {"TotalPrice": 720, "Lines": [{"Sku": "A"}], "Customer": {"Email": "x@y"}}
    assert read_source("_source.TotalPrice", obj, FIELDS)[0] == 720
    assert read_source("_order.TotalPrice", obj, FIELDS)[0] == 720
    assert read_source("Lines[0].Sku", obj, FIELDS)[0] == "A"
    assert read_source("{{_source.Customer.Email}}", obj, FIELDS)[0] == "x@y"
    assert read_source("_order.Missing", obj, FIELDS)[1].endswith("(no field has this Target)")


def trace_of(conditions: list[dict[str, Any]], obj: dict[str, Any], **options: Any) -> Any:
    trigger: dict[str, Any] = {"EventTriggerName": "t", "ObjectTypeName": "Orders"}
    trigger.update(EventTriggerConditions=conditions, **options.pop("trigger", {}))
    return evaluate(
        trigger,
        obj,
        FIELDS,
        profile_id=options.pop("profile_id", "p"),
        received=NOW,
        processed=options.pop("processed", NOW),
        **options,
    )


BIG = attribute("GREATER_THAN", "500", field_name="TotalPrice")
GOLD = attribute("INCLUSIVE", "gold", source="_source.Tier")


@pytest.mark.parametrize(
    ("logical", "obj", "fired"),
    [
        ("ANY", {"TotalPrice": 600, "Tier": "bronze"}, True),
        ("ALL", {"TotalPrice": 600, "Tier": "bronze"}, False),
        ("ALL", {"TotalPrice": 600, "Tier": "gold"}, True),
        ("NONE", {"TotalPrice": 6, "Tier": "bronze"}, True),
        ("NONE", {"TotalPrice": 600, "Tier": "bronze"}, False),
        ("NONE", {"TotalPrice": 6}, False),  # a missing value never fires
        ("ANY", {}, False),
    ],
)
def test_the_logical_operator_combines_dimensions(logical: str, obj: Any, fired: bool) -> None:
    both = {"EventTriggerDimensions": [{"ObjectAttributes": [BIG]}, {"ObjectAttributes": [GOLD]}]}
    assert trace_of([{**both, "LogicalOperator": logical}], obj).fired is fired


def test_attributes_of_a_dimension_all_hold_and_conditions_any() -> None:
    together = condition(BIG, GOLD)
    assert not trace_of([together], {"TotalPrice": 600, "Tier": "bronze"}).fired
    assert trace_of([together], {"TotalPrice": 600, "Tier": "gold"}).fired
    either = [condition(BIG), condition(GOLD)]
    assert trace_of(either, {"TotalPrice": 6, "Tier": "gold"}).fired


def test_expiration_segment_and_periods_hold_a_match_back() -> None:
    limits = {
        "EventExpiration": 1000,
        "Periods": [{"Unit": "HOURS", "Value": 1, "MaxInvocationsPerProfile": 2}],
    }
    late = trace_of(
        [condition(BIG)],
        {"TotalPrice": 600},
        trigger={"EventTriggerLimits": limits},
        processed=NOW + datetime.timedelta(milliseconds=1001),
    )
    assert not late.fired and late.reason.startswith("held back by expiration")
    history = [NOW - datetime.timedelta(minutes=59), NOW - datetime.timedelta(minutes=30)]
    full = trace_of(
        [condition(BIG)],
        {"TotalPrice": 600},
        trigger={"EventTriggerLimits": limits},
        history=history,
    )
    assert not full.fired and "period 1 HOURS" in full.reason
    old = [NOW - datetime.timedelta(minutes=61), NOW - datetime.timedelta(minutes=30)]
    assert trace_of(
        [condition(BIG)], {"TotalPrice": 600}, trigger={"EventTriggerLimits": limits}, history=old
    ).fired
    outside = trace_of([condition(BIG)], {"TotalPrice": 600}, trigger={"SegmentFilter": "vip"})
    assert not outside.fired and "not in segment vip" in outside.reason
    inside = trace_of(
        [condition(BIG)],
        {"TotalPrice": 600},
        trigger={"SegmentFilter": "vip"},
        segment_members=["p"],
    )
    assert inside.fired


def test_the_default_limit_is_ten_a_day_and_unlimited_never_holds() -> None:
    ten = [NOW - datetime.timedelta(hours=hour) for hour in range(10)]
    assert not trace_of([condition(BIG)], {"TotalPrice": 600}, history=ten).fired
    unlimited = {"Periods": [{"Unit": "DAYS", "Value": 1, "Unlimited": True}]}
    assert trace_of(
        [condition(BIG)],
        {"TotalPrice": 600},
        history=ten * 10,
        trigger={"EventTriggerLimits": unlimited},
    ).fired


def test_the_rendering_shows_each_value_operator_and_result() -> None:
    trace = trace_of([condition(BIG, GOLD)], {"TotalPrice": 720})
    text = render(trace)
    assert 'field TotalPrice (_source.TotalPrice) = 720 GREATER_THAN ["500"]: true' in text
    assert '_source.Tier = (missing) INCLUSIVE ["gold"]: false (missing)' in text
    assert text.endswith("NOT FIRED: no condition matched")
    assert trace.to_dict()["fired"] is False
