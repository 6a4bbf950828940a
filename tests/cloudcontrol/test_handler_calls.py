"""Inside the local server, the handlers' Customer Profiles calls reach that same server.

Over HTTP, they meet its state, faults and call counts, as any client's calls do.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from localcloud.server import ServerControl
from tests.support.constants import TYPE_NAME
from tests.support.polling import settle
from tests.support.samples import desired


@pytest.fixture
def control(endpoint: str) -> Iterator[ServerControl]:
    server = ServerControl(endpoint)
    server.clear()
    server.reset_calls()
    yield server
    server.clear()


@pytest.fixture
def trigger(customer_profiles: Any, domain: str) -> str:
    """A trigger in a fresh domain; its Cloud Control identifier."""
    customer_profiles.create_event_trigger(**desired(domain, "t"))
    return f"{domain}|t"


def test_get_resource_is_one_service_call(
    cloudcontrol: Any, trigger: str, control: ServerControl
) -> None:
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert found["ResourceDescription"]["Identifier"] == trigger
    assert control.calls() == {"GetEventTrigger": 1}


@pytest.mark.parametrize("fault", ["ThrottlingException", "ConnectionError"])
def test_the_handlers_call_meets_injected_faults_and_retries(
    cloudcontrol: Any, trigger: str, control: ServerControl, fault: str
) -> None:
    control.inject("GetEventTrigger", fault, count=1)
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert found["ResourceDescription"]["Identifier"] == trigger
    assert control.calls() == {"GetEventTrigger": 2}  # the faulted call, then the retry
    assert control.pending() == []


def test_a_lasting_fault_fails_the_operation(
    cloudcontrol: Any, trigger: str, control: ServerControl
) -> None:
    control.inject("GetEventTrigger", "AccessDeniedException", count=None)
    with pytest.raises(ClientError) as raised:
        cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert "sufficient access" in raised.value.response["Error"]["Message"]
    assert control.calls() == {"GetEventTrigger": 1}


def test_an_update_keeps_the_intent_filter_set_outside_cloudformation(
    cloudcontrol: Any, customer_profiles: Any, domain: str, control: ServerControl
) -> None:
    """The schema has no IntentFilterDefinition (botocore 1.44.18 added it to the API): the
    update reads it first and sends it again, so a stack update does not clear it."""
    if "IntentFilterDefinition" not in customer_profiles.meta.service_model.shape_names:
        pytest.skip("the installed botocore has no IntentFilterDefinition")
    customer_profiles.put_intent_definition(
        DomainName=domain,
        IntentDomain="DEFAULT",
        Intents=[{"PriceSensitivityConfig": {"Enabled": True}}],
    )
    high = {
        "Intent": {"IntentDomain": "DEFAULT", "Type": "PRICE_SENSITIVITY"},
        "ComparisonOperator": "EQUAL",
        "Values": ["HIGH"],
    }
    intent_filter = {
        "Groups": [{"Conditions": [high], "LogicalOperator": "ALL"}],
        "LogicalOperator": "ALL",
    }
    customer_profiles.create_event_trigger(
        **desired(domain, "t", IntentFilterDefinition=intent_filter)
    )
    control.reset_calls()
    patch = json.dumps([{"op": "add", "path": "/Description", "value": "changed"}])
    token = cloudcontrol.update_resource(
        TypeName=TYPE_NAME, Identifier=f"{domain}|t", PatchDocument=patch
    )["ProgressEvent"]["RequestToken"]
    assert settle(cloudcontrol, token)["OperationStatus"] == "SUCCESS"
    # Cloud Control's read of the current state, then the update's own read and the update.
    assert control.calls() == {"GetEventTrigger": 2, "UpdateEventTrigger": 1}
    found = customer_profiles.get_event_trigger(DomainName=domain, EventTriggerName="t")
    assert found["Description"] == "changed"
    assert found["IntentFilterDefinition"] == intent_filter
