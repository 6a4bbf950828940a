"""Racing requests through Cloud Control over loopback, and straight at the handlers.

Cloud Control runs the handlers on its own threads against the Customer
Profiles server on the same 127.0.0.1 port, as it would against AWS. Every
wait is bounded in attempts and in time.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from botocore.exceptions import ClientError

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.customer_profiles import faults
from tests.support import cloud, report
from tests.support.payloads import invoke
from tests.support.polling import settle, until_held
from tests.support.races import RACE_SECONDS, race
from tests.support.samples import trigger_model
from tests.support.schema import canonical
from tests.support.services import stored_model


def _start_create(client: Any, state: str) -> dict[str, Any]:
    return dict(client.create_resource(TypeName=TYPE_NAME, DesiredState=state)["ProgressEvent"])


def _outcome(event: dict[str, Any]) -> str:
    return str(event.get("ErrorCode") or event["OperationStatus"])


def _one_winner(
    via: str, tally: Counter[str], profiles: Any, domain: str, model: dict[str, Any]
) -> None:
    """Of ten creates of one name, one succeeded, nine found it existing, and it holds ``model``."""
    report.FIGURES.races.append(
        f"10 concurrent creates of one name ({via}): {tally['SUCCESS']} SUCCESS, "
        f"{tally['AlreadyExists']} AlreadyExists"
    )
    assert tally == {"SUCCESS": 1, "AlreadyExists": 9}
    assert stored_model(profiles, domain, "contested") == canonical(model)


def test_ten_creates_of_one_name_have_one_winner(endpoint: str) -> None:
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    model = trigger_model(domain, "contested")
    state = json.dumps(model)
    clients = cloud.cloudcontrols(endpoint, 10)
    started = race([functools.partial(_start_create, c, state) for c in clients])
    assert len({event["RequestToken"] for event in started}) == 10
    tally = Counter(_outcome(settle(clients[0], e["RequestToken"])) for e in started)
    _one_winner("Cloud Control", tally, profiles, domain, model)


def test_ten_handler_invocations_creating_one_name_have_one_winner(endpoint: str) -> None:
    """Straight at the handlers, with no Cloud Control queue between them and the service."""
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    model = trigger_model(domain, "contested")
    invoke("READ", model)  # the handler's client is made once, before the race
    events = race([functools.partial(invoke, "CREATE", model) for _ in range(10)])
    tally = Counter(str(event.get("errorCode") or event["status"]) for event in events)
    _one_winner("handlers direct", tally, profiles, domain, model)


def test_fifty_distinct_creates_all_land_and_are_all_listed(endpoint: str) -> None:
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    clients = cloud.cloudcontrols(endpoint, 10)
    names = [f"many-{i:02d}" for i in range(50)]
    started = race(
        [
            functools.partial(
                _start_create, clients[i % 10], json.dumps(trigger_model(domain, name))
            )
            for i, name in enumerate(names)
        ]
    )
    tally = Counter(_outcome(settle(clients[0], e["RequestToken"])) for e in started)
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
        event = settle(client, call()["ProgressEvent"]["RequestToken"])
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
    reader, updater, deleter = cloud.cloudcontrols(endpoint, 3)
    ends: Counter[str] = Counter()
    for round_ in range(6):
        name = f"raced-{round_}"
        identifier = f"{domain}|{name}"
        assert _outcome(cloud.create(reader, trigger_model(domain, name))) == "SUCCESS"
        update = functools.partial(_update, updater, identifier)
        delete = functools.partial(_delete, deleter, identifier)
        if round_ % 2:
            deleted, updated = race([delete, update])
        else:
            updated, deleted = race([update, delete])
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
    reader, updater, deleter = cloud.cloudcontrols(endpoint, 3)
    identifier = f"{domain}|held"
    assert _outcome(cloud.create(reader, trigger_model(domain, "held"))) == "SUCCESS"
    faults.inject("UpdateEventTrigger", "Delay", seconds=1.0)
    started = updater.update_resource(
        TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=json.dumps(PATCH)
    )["ProgressEvent"]
    deleted = _delete(deleter, identifier)
    updated = _outcome(settle(updater, started["RequestToken"]))
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
        until_held(faults.pending, RACE_SECONDS)  # until UntagResource is held
        profiles.delete_event_trigger(DomainName=domain, EventTriggerName="vanishing")
        updated = updating.result(timeout=RACE_SECONDS)
    assert (updated["status"], updated.get("errorCode")) == ("FAILED", "NotFound"), updated
    assert stored_model(profiles, domain, "vanishing") is None
    report.FIGURES.races.append(
        "trigger deleted between UpdateEventTrigger and the tag calls: update FAILED "
        "NotFound, trigger gone"
    )


def test_a_delete_in_flight_refuses_other_changes(endpoint: str) -> None:
    """While a delete is held open, an update and a second delete are refused, naming it."""
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    (client,) = cloud.cloudcontrols(endpoint, 1)
    identifier = f"{domain}|busy"
    assert _outcome(cloud.create(client, trigger_model(domain, "busy"))) == "SUCCESS"
    faults.inject("DeleteEventTrigger", "Delay", seconds=1.0)
    deleting = client.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    token = deleting["ProgressEvent"]["RequestToken"]
    patch = json.dumps(PATCH)
    with pytest.raises(client.exceptions.ConcurrentOperationException) as excinfo:
        client.update_resource(TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch)
    assert token in excinfo.value.response["Error"]["Message"]
    with pytest.raises(client.exceptions.ConcurrentOperationException):
        client.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    assert settle(client, token)["OperationStatus"] == "SUCCESS"
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.update_resource(TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch)


def test_a_cancel_while_the_handler_runs_keeps_what_it_did(endpoint: str) -> None:
    """Cancelled inside CreateEventTrigger: CANCEL_COMPLETE, and (as in Cloud Control)
    what the handler already did is not rolled back; a second cancel is refused."""
    profiles = cloud.customer_profiles(endpoint)
    domain = cloud.new_domain(profiles)
    (client,) = cloud.cloudcontrols(endpoint, 1)
    faults.inject("CreateEventTrigger", "Delay", seconds=0.6)
    started = client.create_resource(
        TypeName=TYPE_NAME, DesiredState=json.dumps(trigger_model(domain, "cancelled"))
    )["ProgressEvent"]
    until_held(faults.pending)  # the handler is inside its CreateEventTrigger call
    canceled = client.cancel_resource_request(RequestToken=started["RequestToken"])
    assert canceled["ProgressEvent"]["OperationStatus"] == "CANCEL_IN_PROGRESS"
    final = settle(client, started["RequestToken"])
    assert final["OperationStatus"] == "CANCEL_COMPLETE"
    client.get_resource(TypeName=TYPE_NAME, Identifier=f"{domain}|cancelled")
    with pytest.raises(ClientError) as excinfo:
        client.cancel_resource_request(RequestToken=started["RequestToken"])
    error = excinfo.value.response
    assert error["Error"]["Code"] == "ConcurrentModificationException"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 500  # a fault in the model
