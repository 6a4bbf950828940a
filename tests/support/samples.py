"""Sample conditions, limits and models: one home for every shape the tests send.

``condition`` and ``attribute`` build an ``EventTriggerConditions`` item;
``CONDITIONS`` and ``LIMITS`` are the ones most tests use. Three models, each
for the fixtures that hold its object type: ``model_properties`` and
``api_trigger`` for the handler tests (domain ``retail``, object type
``Orders``), ``desired`` for Cloud Control (object type ``orders``, with the
``amount`` field), ``trigger_model`` for the reliability tests (every sensitive
member carries a secret from ``secret_scan``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

# attribute and condition are re-exported: tests build their conditions from here.
from localcloud.samples import attribute as attribute
from localcloud.samples import condition as condition
from localcloud.samples import orders_over_500
from tests.support.secret_scan import SECRET_DESCRIPTION, SECRET_FIELD, SECRET_SOURCE, SECRET_VALUES

OBJECT_TYPE = "Orders"
DOMAIN = "retail"
NAME = "high-value-order"
CREATED = datetime(2026, 11, 1, 9, 30, 0, 123000, tzinfo=UTC)
UPDATED = datetime(2026, 11, 2, 10, 0, 0, tzinfo=UTC)


CONDITIONS: list[dict[str, Any]] = orders_over_500()
LIMITS: dict[str, Any] = {
    "EventExpiration": 86400000,
    "Periods": [{"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 2, "Unlimited": False}],
}


# What a trigger's model and the API's answers for it share.
_MEMBERS: dict[str, Any] = {
    "ObjectTypeName": OBJECT_TYPE,
    "Description": "Orders over 500",
    "EventTriggerConditions": CONDITIONS,
    "SegmentFilter": "vip-customers",
    "EventTriggerLimits": LIMITS,
}


def _present(members: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in members.items() if value is not None}


def model_properties(**overrides: Any) -> dict[str, Any]:
    """A full, valid resource model as CloudFormation passes it (None drops a member)."""
    tags = [{"Key": "team", "Value": "crm"}]
    return _present(
        {"DomainName": DOMAIN, "EventTriggerName": NAME, **_MEMBERS, "Tags": tags, **overrides}
    )


def api_trigger(**overrides: Any) -> dict[str, Any]:
    """A Get/Create/Update response for ``model_properties()`` (None drops a member)."""
    times = {"CreatedAt": CREATED, "LastUpdatedAt": UPDATED}
    return _present(
        {"EventTriggerName": NAME, **_MEMBERS, **times, "Tags": {"team": "crm"}, **overrides}
    )


def desired(domain: str, name: str, **extra: Any) -> dict[str, Any]:
    """A valid model for the Cloud Control tests' domains (object type ``orders``)."""
    model: dict[str, Any] = {
        "DomainName": domain,
        "EventTriggerName": name,
        "ObjectTypeName": "orders",
        "EventTriggerConditions": [
            condition(attribute("GREATER_THAN", "100", field_name="amount"))
        ],
    }
    model.update(extra)
    return model


def secret_conditions() -> list[dict[str, Any]]:
    """Conditions whose Source, FieldName and Values are secrets."""
    secret = attribute("INCLUSIVE", *SECRET_VALUES, source=SECRET_SOURCE, field_name=SECRET_FIELD)
    return [condition(secret)]


def trigger_model(domain: str, name: str, **overrides: Any) -> dict[str, Any]:
    """A full, valid model whose sensitive members carry secrets (None drops a member)."""
    model: dict[str, Any] = {
        "DomainName": domain,
        "EventTriggerName": name,
        "ObjectTypeName": OBJECT_TYPE,
        "Description": SECRET_DESCRIPTION,
        "EventTriggerConditions": secret_conditions(),
        "SegmentFilter": "churn-risk",
        "EventTriggerLimits": {
            "EventExpiration": 3600000,
            "Periods": [{"Unit": "HOURS", "Value": 6, "MaxInvocationsPerProfile": 3}],
        },
        "Tags": [{"Key": "team", "Value": "crm"}],
    }
    model.update(overrides)
    return {key: value for key, value in model.items() if value is not None}


# Names no schema pattern accepts, each a way to reach a wrong URL or confuse a parser.
BAD_NAMES = [
    "a|b",
    "a/b",
    "..",
    "../x",
    "%2F",
    "a%2Fb",
    "a?b",
    "a#b",
    "naïve",
    "名前",
    "a\nb",
    "a\x00b",
    "",
    " ",
    "x" * 65,
    "\u202eevil",
]
