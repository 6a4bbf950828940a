"""StackQL's ``awscc.customerprofiles.event_triggers`` columns against what GetResource returns.

StackQL selects each column as a JSON_EXTRACT of GetResource's Properties, with
the column's snake_case name turned into the schema's PascalCase name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from tests.support.constants import SCHEMA
from tests.support.samples import desired
from tests.support.services import seed

# StackQL's public page for awscc.customerprofiles.event_triggers, as published.
PAGE = Path(__file__).parent / "data" / "stackql-awscc-customerprofiles-event_triggers.txt"
_FIELD = re.compile(r"^([a-z][a-z0-9_]*?)(string|array|object|integer|boolean|number)[A-Z]")


def pascal(column: str) -> str:
    return "".join(part.capitalize() for part in column.split("_"))


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@pytest.fixture(scope="module")
def columns() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    fields = text.split("\nFields\n", 1)[1].split("For more information", 1)[0]
    found = [match.group(1) for line in fields.splitlines() if (match := _FIELD.match(line))]
    assert "domain_name" in found and "region" in found
    return found


def test_every_column_is_a_schema_property(columns: list[str]) -> None:
    properties = set(SCHEMA["properties"])
    missing = [c for c in columns if c != "region" and pascal(c) not in properties]
    assert missing == []
    assert {snake(name) for name in properties} <= set(columns)


def test_get_resource_properties_fill_every_column(
    columns: list[str], cloudcontrol: Any, customer_profiles: Any, domain: str
) -> None:
    model = desired(
        domain,
        "stackql",
        Description="d",
        SegmentFilter="s",
        EventTriggerLimits={"EventExpiration": 10},
        Tags=[{"Key": "k", "Value": "v"}],
    )
    identifier = seed(customer_profiles, model)  # Identifier = '{{ domain_name }}|{{ name }}'
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=identifier)
    properties = json.loads(found["ResourceDescription"]["Properties"])
    assert {pascal(c) for c in columns if c != "region"} == set(properties)
