"""Sample event trigger conditions: one home for the shapes the tools and tests send.

``attribute`` and ``condition`` build an ``EventTriggerConditions`` item;
``ORDERS_OVER_500`` is the one condition list the lifecycle walk-through, the
package smoke test and the cold-start measurement all create a trigger with.
"""

from __future__ import annotations

from typing import Any


def attribute(
    operator: str, *values: str, source: str | None = None, field_name: str | None = None
) -> dict[str, Any]:
    """One ``ObjectAttribute``: Source and FieldName only when given."""
    found: dict[str, Any] = {}
    if source is not None:
        found["Source"] = source
    if field_name is not None:
        found["FieldName"] = field_name
    found["ComparisonOperator"] = operator
    found["Values"] = list(values)
    return found


def condition(
    *attributes: dict[str, Any], logical: str = "ANY", dimensions: int = 1
) -> dict[str, Any]:
    """One ``EventTriggerCondition``: ``dimensions`` dimensions of these attributes."""
    dimension = {"ObjectAttributes": list(attributes)}
    return {"EventTriggerDimensions": [dimension] * dimensions, "LogicalOperator": logical}


def orders_over_500() -> list[dict[str, Any]]:
    """Conditions matching an order whose TotalPrice is over 500 (a fresh copy each call)."""
    return [
        condition(
            attribute("GREATER_THAN", "500", source="_order.TotalPrice", field_name="TotalPrice")
        )
    ]


ORDERS_OVER_500: list[dict[str, Any]] = orders_over_500()
