"""Racing requests through Cloud Control over loopback, and straight at the handlers.

Cloud Control runs the handlers on its own threads against the Customer
Profiles server on the same 127.0.0.1 port, as it would against AWS. Every
wait is bounded in attempts and in time.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import boto3
import pytest
from botocore.exceptions import ClientError

from localcloud.customer_profiles import faults
from localcloud.handler_request import TYPE_NAME
from tests.reliability import cloud, report
from tests.reliability.harness import REGION, canonical, invoke, stored_model, trigger_model

T = TypeVar("T")
RACE_SECONDS = 60.0


@pytest.fixture(autouse=True)
def _no_faults() -> Iterator[None]:
    """A Delay a failed test left behind must not slow the next one."""
    faults.clear()
    yield
    faults.clear()


def _race(calls: list[Callable[[], T]]) -> list[T]:
    """All the calls at once: every thread waits at a barrier, then goes."""
    barrier = threading.Barrier(len(calls), timeout=RACE_SECONDS)

    def run(call: Callable[[], T]) -> T:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        return [future.result(timeout=RACE_SECONDS) for future in futures]


def _clients(endpoint: str, count: int) -> list[Any]:
    # boto3 sessions are not thread-safe while they make clients: make them here, use them there.
    session = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    return [cloud.cloudcontrol(endpoint, session) for _ in range(count)]


def _start_create(client: Any, state: str) -> dict[str, Any]:
    return dict(client.create_resource(TypeName=TYPE_NAME, DesiredState=state)["ProgressEvent"])


def _outcome(event: dict[str, Any]) -> str:
    return str(event.get("ErrorCode") or event["OperationStatus"])


def test_ten_creates_of_one_name_have_one_winner(endpoint: str) -> None:
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    model = trigger_model(domain, "contested")
    state = json.dumps(model)
    clients = _clients(endpoint, 10)
    started = _race([functools.partial(_start_create, c, state) for c in clients])
    assert len({event["RequestToken"] for event in started}) == 10
    tally = Counter(_outcome(cloud.settle(clients[0], e["RequestToken"])) for e in started)
    report.FIGURES.races.append(
        f"10 concurrent creates of one name (Cloud Control): {tally['SUCCESS']} SUCCESS, "
        f"{tally['AlreadyExists']} AlreadyExists"
    )
    assert tally == {"SUCCESS": 1, "AlreadyExists": 9}
    assert stored_model(profiles, domain, "contested") == canonical(model)


def test_ten_handler_invocations_creating_one_name_have_one_winner(endpoint: str) -> None:
    """Straight at the handlers, with no Cloud Control queue between them and the service."""
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    model = trigger_model(domain, "contested")
    invoke("READ", model)  # the handler's client is made once, before the race
    events = _race([functools.partial(invoke, "CREATE", model) for _ in range(10)])
    tally = Counter(str(event.get("errorCode") or event["status"]) for event in events)
    report.FIGURES.races.append(
        f"10 concurrent creates of one name (handlers direct): {tally['SUCCESS']} SUCCESS, "
        f"{tally['AlreadyExists']} AlreadyExists"
    )
    assert tally == {"SUCCESS": 1, "AlreadyExists": 9}
    assert stored_model(profiles, domain, "contested") == canonical(model)


def test_fifty_distinct_creates_all_land_and_are_all_listed(endpoint: str) -> None:
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    clients = _clients(endpoint, 10)
    names = [f"many-{i:02d}" for i in range(50)]
    started = _race(
        [
            functools.partial(
                _start_create, clients[i % 10], json.dumps(trigger_model(domain, name))
            )
            for i, name in enumerate(names)
        ]
    )
    tally = Counter(_outcome(cloud.settle(clients[0], e["RequestToken"])) for e in started)
    listed: list[str] = []
    token: str | None = None
    pages = 0
    while pages < 50:  # 50 resources, 7 a page: 8 pages; never more than 50
        pages += 1
        page = clients[0].list_resources(
            TypeName=TYPE_NAME,
            ResourceModel=json.dumps({"DomainName": domain}),
            MaxResults=7,
            **({"NextToken": token} if token else {}),
        )
        listed += [d["Identifier"] for d in page["ResourceDescriptions"]]
        token = page.get("NextToken")
        if not token:
            break
    report.FIGURES.races.append(
        f"50 concurrent creates of distinct names: {tally['SUCCESS']} SUCCESS; "
        f"{len(set(listed))} listed over {pages} pages of ListResources"
    )
    assert tally == {"SUCCESS": 50}
    assert sorted(listed) == [f"{domain}|{name}" for name in names]  # each once, none missing
    assert sorted(profiles_listed(profiles, domain)) == names


def profiles_listed(profiles: Any, domain: str) -> list[str]:
    """The service's own list, followed to its end (bounded)."""
    names: list[str] = []
    token: str | None = None
    for _ in range(100):
        page = profiles.list_event_triggers(
            DomainName=domain, MaxResults=10, **({"NextToken": token} if token else {})
        )
        names += [item["EventTriggerName"] for item in page.get("Items", [])]
        token = page.get("NextToken")
        if not token:
            break
    return names


def _attempt(client: Any, call: Callable[[], Any]) -> str:
    """How the request ended (SUCCESS or its error code), or the error it was refused with."""
    try:
        event = cloud.settle(client, call()["ProgressEvent"]["RequestToken"])
    except ClientError as error:
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] < 500, error.response
        return f"refused {error.response['Error']['Code']}"
    return _outcome(event)


PATCH: list[dict[str, Any]] = [
    {"op": "replace", "path": "/Description", "value": "raced"},
    {"op": "replace", "path": "/Tags", "value": [{"Key": "raced", "Value": "yes"}]},
]


def _update(client: Any, identifier: str) -> str:
    return _attempt(
        client,
        lambda: client.update_resource(
            TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=json.dumps(PATCH)
        ),
    )


def _delete(client: Any, identifier: str) -> str:
    return _attempt(
        client, lambda: client.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    )


def _end_state(reader: Any, profiles: Any, domain: str, name: str) -> str:
    """ "deleted" or "updated"; fails on anything in between."""
    held = stored_model(profiles, domain, name)
    try:
        reader.get_resource(TypeName=TYPE_NAME, Identifier=f"{domain}|{name}")
        visible = True
    except reader.exceptions.ResourceNotFoundException:
        visible = False
    assert visible == (held is not None)
    if held is None:
        return "deleted"
    assert (held.get("Description"), held.get("Tags")) == ("raced", PATCH[1]["value"]), held
    return "updated"


def test_concurrent_update_and_delete_end_consistent(endpoint: str) -> None:
    """Either gone (GetResource says so) or there with the whole update: never in between."""
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    reader, updater, deleter = _clients(endpoint, 3)
    ends: Counter[str] = Counter()
    for round_ in range(6):
        name = f"raced-{round_}"
        identifier = f"{domain}|{name}"
        assert _outcome(cloud.create(reader, trigger_model(domain, name))) == "SUCCESS"
        update = functools.partial(_update, updater, identifier)
        delete = functools.partial(_delete, deleter, identifier)
        if round_ % 2:
            deleted, updated = _race([delete, update])
        else:
            updated, deleted = _race([update, delete])
        end = _end_state(reader, profiles, domain, name)
        if end == "deleted":
            assert deleted == "SUCCESS", (updated, deleted)
        else:
            assert (updated, deleted) == ("SUCCESS", "refused ConcurrentOperationException")
        ends[f"{end} (update {updated}, delete {deleted})"] += 1
    report.FIGURES.races.append(
        "concurrent update and delete, 6 rounds: "
        + "; ".join(f"{n}x {what}" for what, n in sorted(ends.items()))
    )


def test_an_update_in_flight_refuses_a_delete(endpoint: str) -> None:
    """The other order, held open: the update finishes whole and the trigger stays."""
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    reader, updater, deleter = _clients(endpoint, 3)
    identifier = f"{domain}|held"
    assert _outcome(cloud.create(reader, trigger_model(domain, "held"))) == "SUCCESS"
    faults.inject("UpdateEventTrigger", "Delay", seconds=1.0)
    started = updater.update_resource(
        TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=json.dumps(PATCH)
    )["ProgressEvent"]
    deleted = _delete(deleter, identifier)
    updated = _outcome(cloud.settle(updater, started["RequestToken"]))
    assert (updated, deleted) == ("SUCCESS", "refused ConcurrentOperationException")
    assert _end_state(reader, profiles, domain, "held") == "updated"
    report.FIGURES.races.append(
        "update in flight, then delete: update SUCCESS, delete refused "
        "(ConcurrentOperationException), trigger updated whole"
    )


def test_a_delete_between_an_update_and_its_tag_calls(endpoint: str) -> None:
    """The trigger is deleted (by someone else, straight in the service) after the update
    handler's UpdateEventTrigger and before its tag calls: the update must say NotFound,
    not SUCCESS and not InternalFailure, and must not bring the trigger back."""
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    old = trigger_model(domain, "vanishing")
    assert invoke("CREATE", old)["status"] == "SUCCESS"
    desired = trigger_model(domain, "vanishing", Description="raced", Tags=PATCH[1]["value"])
    faults.inject("UntagResource", "Delay", seconds=1.0)
    with ThreadPoolExecutor(max_workers=1) as pool:
        updating = pool.submit(invoke, "UPDATE", desired, previous_properties=old)
        deadline = time.monotonic() + RACE_SECONDS
        while faults.pending() and time.monotonic() < deadline:  # until UntagResource is held
            time.sleep(0.01)
        profiles.delete_event_trigger(DomainName=domain, EventTriggerName="vanishing")
        updated = updating.result(timeout=RACE_SECONDS)
    assert (updated["status"], updated.get("errorCode")) == ("FAILED", "NotFound"), updated
    assert stored_model(profiles, domain, "vanishing") is None
    report.FIGURES.races.append(
        "trigger deleted between UpdateEventTrigger and the tag calls: update FAILED "
        "NotFound, trigger gone"
    )
