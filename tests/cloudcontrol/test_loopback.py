"""Inside the local server, handlers' Customer Profiles calls skip the second HTTP request.

They must still meet the same service: the same state, validation, faults and
call counts. HTTP requests are counted at werkzeug's request handler.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.handlers
import moto
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.core.botocore_stubber import BotocoreStubber
from werkzeug.serving import WSGIRequestHandler

from localcloud.cloudcontrol import loopback
from localcloud.handler_request import TYPE_NAME
from localcloud.server import ServerControl, running_server

CONDITIONS = [
    {
        "EventTriggerDimensions": [
            {
                "ObjectAttributes": [
                    {"Source": "_o.A", "ComparisonOperator": "EQUAL", "Values": ["1"]}
                ]
            }
        ],
        "LogicalOperator": "ANY",
    }
]
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


class HttpRequests:
    """Counts the requests the server's werkzeug handler serves."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = WSGIRequestHandler.run_wsgi

        def counting(handler: WSGIRequestHandler) -> None:
            self.count += 1
            real(handler)

        monkeypatch.setattr(WSGIRequestHandler, "run_wsgi", counting)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture
def control(endpoint: str) -> Iterator[ServerControl]:
    server = ServerControl(endpoint)
    server.clear()
    server.reset_calls()
    yield server
    server.clear()


@pytest.fixture
def trigger(endpoint: str) -> str:
    """A trigger in a fresh domain; its Cloud Control identifier."""
    profiles = boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")
    domain = f"dom-{uuid.uuid4().hex[:12]}"
    profiles.create_domain(DomainName=domain, DefaultExpirationDays=30)
    profiles.put_profile_object_type(DomainName=domain, ObjectTypeName="o", Description="o")
    profiles.create_event_trigger(
        DomainName=domain,
        EventTriggerName="t",
        ObjectTypeName="o",
        EventTriggerConditions=CONDITIONS,
    )
    return f"{domain}|t"


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> HttpRequests:
    return HttpRequests(monkeypatch)


def _cloudcontrol(endpoint: str) -> Any:
    return boto3.client(
        "cloudcontrol", endpoint_url=endpoint, region_name="us-east-1", config=NO_RETRIES
    )


def test_get_resource_is_one_http_request_and_one_service_call(
    endpoint: str, trigger: str, control: ServerControl, http: HttpRequests
) -> None:
    cloudcontrol = _cloudcontrol(endpoint)
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert found["ResourceDescription"]["Identifier"] == trigger
    assert http.count == 1  # the GetResource; the handler's call made none
    assert control.calls() == {"GetEventTrigger": 1}


@pytest.mark.parametrize("fault", ["ThrottlingException", "ConnectionError"])
def test_the_handlers_call_meets_injected_faults_and_retries(
    endpoint: str, trigger: str, control: ServerControl, http: HttpRequests, fault: str
) -> None:
    control.inject("GetEventTrigger", fault, count=1)
    before = http.count
    found = _cloudcontrol(endpoint).get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert http.count - before == 1
    assert found["ResourceDescription"]["Identifier"] == trigger
    assert control.calls() == {"GetEventTrigger": 2}  # the faulted call, then the retry
    assert control.pending() == []


def test_a_lasting_fault_fails_the_operation(
    endpoint: str, trigger: str, control: ServerControl
) -> None:
    control.inject("GetEventTrigger", "AccessDeniedException", count=None)
    with pytest.raises(ClientError) as raised:
        _cloudcontrol(endpoint).get_resource(TypeName=TYPE_NAME, Identifier=trigger)
    assert "sufficient access" in raised.value.response["Error"]["Message"]
    assert control.calls() == {"GetEventTrigger": 1}


def test_calls_from_a_handler_meet_the_services_own_validation(
    endpoint: str, control: ServerControl, http: HttpRequests
) -> None:
    unchecked = boto3.client(
        "customer-profiles",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(parameter_validation=False, retries={"max_attempts": 1}),
    )
    with loopback.handler_calls(), pytest.raises(ClientError) as raised:
        unchecked.get_event_trigger(DomainName="x" * 65, EventTriggerName="t")
    error = raised.value.response["Error"]
    assert error["Code"] == "BadRequestException"
    assert "DomainName" in error["Message"]
    assert http.count == 0
    assert control.calls() == {"GetEventTrigger": 1}


def test_a_body_over_the_servers_limit_is_refused_as_over_http(
    endpoint: str, control: ServerControl, http: HttpRequests
) -> None:
    unchecked = boto3.client(
        "customer-profiles",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(parameter_validation=False, retries={"max_attempts": 1}),
    )
    with loopback.handler_calls(), pytest.raises(ClientError) as raised:
        unchecked.create_domain(
            DomainName="big", DefaultExpirationDays=1, Tags={"k": "v" * (1024 * 1024 + 1)}
        )
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413
    assert http.count == 0
    assert control.calls() == {}


def test_calls_outside_a_handler_still_go_over_http(
    endpoint: str, trigger: str, control: ServerControl, http: HttpRequests
) -> None:
    profiles = boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")
    domain, name = trigger.split("|")
    before = http.count
    profiles.get_event_trigger(DomainName=domain, EventTriggerName=name)
    assert http.count - before == 1
    assert control.calls() == {"GetEventTrigger": 1}


def test_a_stopped_server_is_no_longer_served_in_process() -> None:
    with running_server() as url:
        address = url.split("//", 1)[1]
        assert address in loopback.served()
    assert address not in loopback.served()


def test_the_botocore_and_moto_names_the_route_relies_on() -> None:
    pinned = f"moto {moto.__version__}"
    assert ("before-send", loopback.route) in botocore.handlers.BUILTIN_HANDLERS, (
        "botocore.handlers.BUILTIN_HANDLERS no longer carries the in-process route"
    )
    assert callable(getattr(BotocoreStubber, "process_request", None)), (
        f"moto.core.botocore_stubber.BotocoreStubber.process_request is gone ({pinned})"
    )
