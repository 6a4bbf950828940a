"""Inside the local server, the handlers' Customer Profiles calls reach that same server.

Over HTTP, they meet its state, faults and call counts, as any client's calls do.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from localcloud.server import ServerControl
from tests.support.constants import TYPE_NAME
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
