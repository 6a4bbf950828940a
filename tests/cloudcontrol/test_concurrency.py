"""Racing requests over HTTP: one winner per name, bounded workers, no lost or doubled work."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from localcloud.customer_profiles import faults
from localcloud.handler_request import TYPE_NAME

from .conftest import NO_RETRIES, create, desired, settle


@pytest.fixture(autouse=True)
def _no_faults() -> Iterator[None]:
    faults.clear()
    yield
    faults.clear()


def _clients(endpoint: str, count: int) -> list[Any]:
    # Clients are made on one thread (boto3 session setup is not thread-safe), used on many.
    return [
        boto3.client(
            "cloudcontrol", endpoint_url=endpoint, region_name="us-east-1", config=NO_RETRIES
        )
        for _ in range(count)
    ]


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_ten_creates_of_one_name_have_one_winner(
    endpoint: str, cloudcontrol: Any, domain: str
) -> None:
    state = json.dumps(desired(domain, "contested"))
    clients = _clients(endpoint, 10)
    started = _race(
        [
            lambda c=c: c.create_resource(TypeName=TYPE_NAME, DesiredState=state)["ProgressEvent"]
            for c in clients
        ]
    )
    assert len({event["RequestToken"] for event in started}) == 10
    outcomes = [settle(cloudcontrol, event["RequestToken"]) for event in started]
    tally = Counter((e["OperationStatus"], e.get("ErrorCode")) for e in outcomes)
    assert tally == {("SUCCESS", None): 1, ("FAILED", "AlreadyExists"): 9}


def test_fifty_distinct_creates_all_succeed(endpoint: str, cloudcontrol: Any, domain: str) -> None:
    clients = _clients(endpoint, 10)
    started = _race(
        [
            lambda i=i: clients[i % 10].create_resource(
                TypeName=TYPE_NAME, DesiredState=json.dumps(desired(domain, f"many-{i:02d}"))
            )["ProgressEvent"]
            for i in range(50)
        ]
    )
    outcomes = [settle(cloudcontrol, event["RequestToken"]) for event in started]
    assert {event["OperationStatus"] for event in outcomes} == {"SUCCESS"}
    listed = cloudcontrol.list_resources(
        TypeName=TYPE_NAME, ResourceModel=json.dumps({"DomainName": domain})
    )["ResourceDescriptions"]
    assert sorted(d["Identifier"] for d in listed) == [f"{domain}|many-{i:02d}" for i in range(50)]


def test_concurrent_update_and_delete(endpoint: str, cloudcontrol: Any, domain: str) -> None:
    create(cloudcontrol, desired(domain, "raced"))
    identifier = f"{domain}|raced"
    patch = json.dumps([{"op": "add", "path": "/Description", "value": "raced"}])
    updater, deleter = _clients(endpoint, 2)

    def attempt(call: Callable[[], Any]) -> Any:
        try:
            return settle(cloudcontrol, call()["ProgressEvent"]["RequestToken"])
        except ClientError as error:
            return error.response["Error"]["Code"]

    update, delete = _race(
        [
            lambda: attempt(
                lambda: updater.update_resource(
                    TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch
                )
            ),
            lambda: attempt(
                lambda: deleter.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
            ),
        ]
    )
    allowed_update = {"ConcurrentOperationException", "ResourceNotFoundException"}
    assert isinstance(update, dict) or update in allowed_update
    if isinstance(update, dict):  # it ran: before the delete, or after it (then NotFound)
        assert update["OperationStatus"] == "SUCCESS" or update["ErrorCode"] == "NotFound"
    if isinstance(delete, dict):
        assert delete["OperationStatus"] == "SUCCESS"
        with pytest.raises(cloudcontrol.exceptions.ResourceNotFoundException):
            cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=identifier)
    else:
        assert delete == "ConcurrentOperationException"


def test_a_busy_resource_refuses_other_changes(cloudcontrol: Any, domain: str) -> None:
    create(cloudcontrol, desired(domain, "busy"))
    identifier = f"{domain}|busy"
    faults.inject("DeleteEventTrigger", "Delay", seconds=1.0)
    deleting = cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    token = deleting["ProgressEvent"]["RequestToken"]
    patch = json.dumps([{"op": "add", "path": "/Description", "value": "late"}])
    with pytest.raises(cloudcontrol.exceptions.ConcurrentOperationException) as excinfo:
        cloudcontrol.update_resource(TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch)
    assert token in excinfo.value.response["Error"]["Message"]
    with pytest.raises(cloudcontrol.exceptions.ConcurrentOperationException):
        cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    assert settle(cloudcontrol, token)["OperationStatus"] == "SUCCESS"
    with pytest.raises(cloudcontrol.exceptions.ResourceNotFoundException):
        cloudcontrol.update_resource(TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch)


def test_cancel_while_the_handler_runs(cloudcontrol: Any, domain: str) -> None:
    faults.inject("CreateEventTrigger", "Delay", seconds=0.6)
    started = cloudcontrol.create_resource(
        TypeName=TYPE_NAME, DesiredState=json.dumps(desired(domain, "cancelled"))
    )["ProgressEvent"]
    # Wait until the handler is inside its CreateEventTrigger call.
    deadline = time.monotonic() + 10
    while faults.pending():
        assert time.monotonic() < deadline, "the handler never called CreateEventTrigger"
        time.sleep(0.01)
    canceled = cloudcontrol.cancel_resource_request(RequestToken=started["RequestToken"])
    assert canceled["ProgressEvent"]["OperationStatus"] == "CANCEL_IN_PROGRESS"
    final = settle(cloudcontrol, started["RequestToken"])
    assert final["OperationStatus"] == "CANCEL_COMPLETE"
    # As in Cloud Control, what the handler already did is not rolled back.
    cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=f"{domain}|cancelled")
    with pytest.raises(ClientError) as excinfo:
        cloudcontrol.cancel_resource_request(RequestToken=started["RequestToken"])
    error = excinfo.value.response
    assert error["Error"]["Code"] == "ConcurrentModificationException"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 500  # a fault in the model


def test_service_errors_become_failed_events(cloudcontrol: Any, domain: str) -> None:
    faults.inject("CreateEventTrigger", "AccessDeniedException")
    event = create(cloudcontrol, desired(domain, "denied"))
    assert (event["OperationStatus"], event["ErrorCode"]) == ("FAILED", "AccessDenied")
    faults.inject("GetEventTrigger", "AccessDeniedException")
    with pytest.raises(cloudcontrol.exceptions.GeneralServiceException):
        cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=f"{domain}|denied")
