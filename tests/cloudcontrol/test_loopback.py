"""Inside the local server, handlers' Customer Profiles calls skip the second HTTP request.

They must still meet the same service: the same state, validation, faults and
call counts. HTTP requests are counted at werkzeug's request handler.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.handlers
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from localcloud.cloudcontrol import loopback
from localcloud.server import MAX_BODY_BYTES, ServerControl, running_server
from tests.support.constants import REGION, TYPE_NAME
from tests.support.samples import desired
from tests.support.served import ServedRequests
from tests.support.services import session

# The handlers' own retries stay on; this client's calls are made once.
ONE_ATTEMPT = Config(parameter_validation=False, retries={"max_attempts": 1})


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


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> ServedRequests:
    return ServedRequests(monkeypatch)


def _unchecked_profiles(endpoint: str) -> Any:
    """A Customer Profiles client that sends what it is given, once."""
    return session().client(
        "customer-profiles", endpoint_url=endpoint, region_name=REGION, config=ONE_ATTEMPT
    )


def test_get_resource_is_one_http_request_and_one_service_call(
    cloudcontrol: Any, trigger: str, control: ServerControl, http: ServedRequests
) -> None:
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert found["ResourceDescription"]["Identifier"] == trigger
    assert http.count == 1  # the GetResource; the handler's call made none
    assert control.calls() == {"GetEventTrigger": 1}


@pytest.mark.parametrize("fault", ["ThrottlingException", "ConnectionError"])
def test_the_handlers_call_meets_injected_faults_and_retries(
    cloudcontrol: Any,
    trigger: str,
    control: ServerControl,
    http: ServedRequests,
    fault: str,
) -> None:
    control.inject("GetEventTrigger", fault, count=1)
    before = http.count
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert http.count - before == 1
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


def test_calls_from_a_handler_meet_the_services_own_validation(
    endpoint: str, control: ServerControl, http: ServedRequests
) -> None:
    unchecked = _unchecked_profiles(endpoint)
    with loopback.handler_calls(), pytest.raises(ClientError) as raised:
        unchecked.get_event_trigger(DomainName="x" * 65, EventTriggerName="t")
    error = raised.value.response["Error"]
    assert error["Code"] == "BadRequestException"
    assert "DomainName" in error["Message"]
    assert http.count == 0
    assert control.calls() == {"GetEventTrigger": 1}


def test_a_body_over_the_servers_limit_is_refused_as_over_http(
    endpoint: str, control: ServerControl, http: ServedRequests
) -> None:
    unchecked = _unchecked_profiles(endpoint)
    with loopback.handler_calls(), pytest.raises(ClientError) as raised:
        unchecked.create_domain(
            DomainName="big", DefaultExpirationDays=1, Tags={"k": "v" * MAX_BODY_BYTES}
        )
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413
    assert http.count == 0
    assert control.calls() == {}


def test_calls_outside_a_handler_still_go_over_http(
    customer_profiles: Any, trigger: str, control: ServerControl, http: ServedRequests
) -> None:
    domain, name = trigger.split("|")
    before = http.count
    customer_profiles.get_event_trigger(DomainName=domain, EventTriggerName=name)
    assert http.count - before == 1
    assert control.calls() == {"GetEventTrigger": 1}


def test_a_stopped_server_is_no_longer_served_in_process() -> None:
    with running_server() as url:
        address = url.split("//", 1)[1]
        assert address in loopback.served()
    assert address not in loopback.served()


def test_the_botocore_name_the_route_relies_on() -> None:
    # moto's names it relies on are pinned in tests/service/test_moto_private_names.py.
    assert ("before-send", loopback.route) in botocore.handlers.BUILTIN_HANDLERS, (
        "botocore.handlers.BUILTIN_HANDLERS no longer carries the in-process route"
    )
