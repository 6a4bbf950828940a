"""Fault injection and call counting, in-process and over the server's control route."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError

from localcloud.customer_profiles import faults
from localcloud.server import ServerControl
from tests.support.services import Env


@pytest.fixture
def domain(domain: str, cp: Env) -> str:
    """The domain, with a trigger, and no calls counted yet."""
    cp.trigger(domain)
    cp.reset_calls()
    return domain


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        ("ThrottlingException", 429),
        ("InternalServerException", 500),
        ("AccessDeniedException", 403),
    ],
)
def test_error_faults_fail_the_next_n_calls(cp: Env, domain: str, fault: str, status: int) -> None:
    cp.inject("GetEventTrigger", fault, count=2)
    for _ in range(2):
        with pytest.raises(ClientError) as excinfo:
            cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
        assert excinfo.value.response["Error"]["Code"] == fault
        assert excinfo.value.response["Error"]["Message"]
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert cp.calls() == {"GetEventTrigger": 3}


def test_a_retrying_client_rides_out_throttling_and_every_try_is_counted(
    cp: Env, domain: str
) -> None:
    client = cp.new_client(Config(retries={"mode": "standard", "total_max_attempts": 2}))
    cp.inject("UpdateEventTrigger", "ThrottlingException", count=1)
    answer = client.update_event_trigger(
        DomainName=domain, EventTriggerName="big-order", Description="d"
    )
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert cp.calls() == {"UpdateEventTrigger": 2}


def test_connection_fault_is_a_connection_error(cp: Env, domain: str) -> None:
    cp.inject("ListEventTriggers", "ConnectionError")
    expected = ConnectionClosedError if cp.target == "server" else EndpointConnectionError
    with pytest.raises(expected):
        cp.client.list_event_triggers(DomainName=domain)
    assert cp.client.list_event_triggers(DomainName=domain)["Items"]
    assert cp.calls() == {"ListEventTriggers": 2}


def test_a_retrying_client_rides_out_a_dropped_connection(cp: Env, domain: str) -> None:
    client = cp.new_client(Config(retries={"mode": "standard", "total_max_attempts": 2}))
    cp.inject("GetEventTrigger", "ConnectionError")
    assert client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert cp.calls() == {"GetEventTrigger": 2}


def test_delay_fault_holds_the_call(cp: Env, domain: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The call is held (the service sleeps the fault's seconds in it), once: counted, not timed."""
    held: list[float] = []
    sleep = time.sleep

    def recording_sleep(seconds: float) -> None:
        if seconds == 0.3:
            held.append(seconds)
        sleep(seconds)

    monkeypatch.setattr(time, "sleep", recording_sleep)
    cp.inject("GetEventTrigger", "Delay", seconds=0.3)
    assert cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert held == [0.3]
    cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert held == [0.3]


def test_wildcard_and_unlimited_faults_last_until_cleared(cp: Env, domain: str) -> None:
    cp.inject("*", "InternalServerException", count=None)
    attempts: list[Callable[[], Any]] = [
        lambda: cp.client.get_domain(DomainName=domain),
        lambda: cp.client.list_event_triggers(DomainName=domain),
        lambda: cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order"),
    ]
    for call in attempts:
        with pytest.raises(ClientError, match="InternalServerException"):
            call()
    cp.clear_faults()
    assert cp.client.get_domain(DomainName=domain)["DomainName"] == domain


def test_faults_queue_in_order(cp: Env, domain: str) -> None:
    cp.inject("GetDomain", "AccessDeniedException")
    cp.inject("GetDomain", "ThrottlingException")
    codes = []
    for _ in range(2):
        with pytest.raises(ClientError) as excinfo:
            cp.client.get_domain(DomainName=domain)
        codes.append(excinfo.value.response["Error"]["Code"])
    assert codes == ["AccessDeniedException", "ThrottlingException"]


def test_calls_count_what_reaches_the_service_even_when_invalid(cp: Env, domain: str) -> None:
    with pytest.raises(ClientError):
        cp.client.get_event_trigger(DomainName="bad name", EventTriggerName="x")
    checked = cp.new_client()  # botocore's own checks stop this one before it is sent
    with pytest.raises(Exception, match="Parameter validation failed"):
        checked.get_event_trigger(DomainName="", EventTriggerName="x")
    assert cp.calls() == {"GetEventTrigger": 1}
    cp.reset_calls()
    assert cp.calls() == {}


def test_in_process_api_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        faults.inject("UpdateEventTriggers", "ThrottlingException")
    with pytest.raises(ValueError, match="fault must be one of"):
        faults.inject("UpdateEventTrigger", "Explode")
    with pytest.raises(ValueError, match="count"):
        faults.inject("UpdateEventTrigger", "ThrottlingException", count=0)
    with pytest.raises(ValueError, match="seconds"):
        faults.inject("UpdateEventTrigger", "Delay")
    assert faults.pending() == []


@pytest.mark.server
def test_control_route_refuses_nonsense(server_url: str) -> None:
    for body in (
        b"{",
        b"[]",
        json.dumps({"operation": "Nope", "fault": "ThrottlingException"}).encode(),
    ):
        request = urllib.request.Request(
            f"{server_url}/_localcloud/faults", data=body, method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as excinfo:
            urllib.request.urlopen(request, timeout=30)
        assert excinfo.value.code == 400
        assert json.loads(excinfo.value.read())["__type"] == "BadRequestException"
    # No such route: 404; a route that has not that method: 405, as the trigger routes answer.
    for method, route, status in (
        ("GET", "nothing", 404),
        ("PUT", "faults", 405),
        ("GET", "reset", 405),
    ):
        request = urllib.request.Request(f"{server_url}/_localcloud/{route}", method=method)
        with pytest.raises(urllib.error.HTTPError) as excinfo:
            urllib.request.urlopen(request, timeout=30)
        assert excinfo.value.code == status


@pytest.mark.server
def test_control_route_lists_and_clears(server_url: str) -> None:
    control = ServerControl(server_url)
    made: dict[str, Any] = control.inject("GetDomain", "Delay", count=2, seconds=0.1)
    assert made["remaining"] == 2 and made["fault"] == "Delay"
    assert [f["operation"] for f in control.pending()] == ["GetDomain"]
    control.clear()
    assert control.pending() == []
