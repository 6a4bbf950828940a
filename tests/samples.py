"""A trigger's conditions and limits, shared by the handler and service tests."""

from __future__ import annotations

from typing import Any

CONDITIONS: list[dict[str, Any]] = [
    {
        "EventTriggerDimensions": [
            {
                "ObjectAttributes": [
                    {
                        "Source": "_order.TotalPrice",
                        "FieldName": "TotalPrice",
                        "ComparisonOperator": "GREATER_THAN",
                        "Values": ["500"],
                    }
                ]
            }
        ],
        "LogicalOperator": "ANY",
    }
]
LIMITS: dict[str, Any] = {
    "EventExpiration": 86400000,
    "Periods": [{"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 2, "Unlimited": False}],
}
