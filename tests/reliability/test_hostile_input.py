"""Hostile and random input through the Lambda entrypoint, with models from the schema.

Valid models (hypothesis, drawn from the schema) must come back from read as
they went into create or update. Invalid ones must fail InvalidRequest, name
the property, and make no write call: every constraint of every property is
broken in turn, and random valid models are broken at random places.
Malformed names never reach a request URL.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import api_calls, report
from tests.support.constants import WRITE_OPERATIONS
from tests.support.payloads import invoke
from tests.support.samples import BAD_NAMES, OBJECT_TYPE, attribute, condition, trigger_model
from tests.support.schema import canonical
from tests.support.schema_models import Site, constraint_sites, example, mentions, strategy
from tests.support.services import LocalService

EXAMPLES = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SITES = constraint_sites()
_names = (f"trigger-{n}" for n in itertools.count())


def _base(service: LocalService) -> dict[str, Any]:
    model: dict[str, Any] = example()
    model.update(DomainName=service.domain, EventTriggerName="target", ObjectTypeName=OBJECT_TYPE)
    return model


def _refused(
    service: LocalService, site: Site, model: dict[str, Any], action: str
) -> tuple[dict[str, Any], dict[str, int]]:
    """The handler's answer to ``model`` and the calls it made, for CREATE or UPDATE."""
    previous = copy.deepcopy(model) if action == "UPDATE" else None
    broken = site.apply(model)
    service.reset_calls()
    with api_calls.counting() as made:
        event = invoke(action, broken, previous_properties=previous)
    return event, {**made, **service.calls()}


def _problem(site: Site, event: dict[str, Any], made: dict[str, int]) -> str | None:
    """What is wrong with the handler's answer to an invalid model, if anything."""
    if (event["status"], event.get("errorCode")) != ("FAILED", "InvalidRequest"):
        return f"{event['status']} {event.get('errorCode')}: {event.get('message')}"
    if not mentions(event.get("message") or "", site.named):
        return f"message names none of {site.named}: {event.get('message')}"
    if WRITE_OPERATIONS & set(made):
        return f"write calls made: {made}"
    return None


def _break_each(service: LocalService, sites: list[Site]) -> list[str]:
    """Each site broken in a full valid model, for create and update; the problems seen.

    One test runs them all: the handler keeps its client between invocations,
    as a warm Lambda does, so hundreds of cases take a second or two.
    """
    problems = []
    for site in sites:
        for action in ("CREATE", "UPDATE"):
            event, made = _refused(service, site, _base(service), action)
            problem = _problem(site, event, made)
            outcome = "refused cleanly" if problem is None else "not refused cleanly"
            report.FIGURES.invalid_cases[f"constraint cases {outcome}"] += 1
            if problem is not None:
                problems.append(f"{action} {site.id}: {problem}")
    return problems


def test_each_constraint_broken_in_turn(service: LocalService) -> None:
    """Every pattern, length, enum, bound, item count, uniqueness, required member, type
    and unknown member of the schema: InvalidRequest naming the property, and no write."""
    assert _break_each(service, SITES) == []


@EXAMPLES
@given(
    model=strategy(full=True),
    site=st.sampled_from(SITES),
    action=st.sampled_from(["CREATE", "UPDATE"]),
)
def test_random_models_broken_at_random_places(
    model: dict[str, Any], site: Site, action: str, service: LocalService
) -> None:
    report.FIGURES.hypothesis_examples["invalid models"] += 1
    event, made = _refused(service, site, model, action)
    assert _problem(site, event, made) is None


@EXAMPLES
@given(model=strategy())
def test_valid_models_round_trip(model: dict[str, Any], service: LocalService) -> None:
    """Create, then read: the same model back (read-only properties aside)."""
    report.FIGURES.hypothesis_examples["create/read round trips"] += 1
    service.ensure_domain(model["DomainName"], model["ObjectTypeName"])
    key = {"DomainName": model["DomainName"], "EventTriggerName": model["EventTriggerName"]}
    try:
        created = invoke("CREATE", model)
        assert created["status"] == "SUCCESS", created
        read = invoke("READ", key)
        assert read["status"] == "SUCCESS", read
        assert canonical(read["resourceModel"]) == canonical(model)
        assert canonical(created["resourceModel"]) == canonical(model)
        assert service.stored(key["DomainName"], key["EventTriggerName"]) == canonical(model)
    finally:
        invoke("DELETE", key)


@EXAMPLES
@given(before=strategy(), after=strategy())
def test_valid_updates_round_trip(
    before: dict[str, Any], after: dict[str, Any], service: LocalService
) -> None:
    """Update from one valid model to another: read gives back the second."""
    report.FIGURES.hypothesis_examples["update/read round trips"] += 1
    after.update(DomainName=before["DomainName"], EventTriggerName=before["EventTriggerName"])
    service.ensure_domain(before["DomainName"], before["ObjectTypeName"])
    service.ensure_domain(after["DomainName"], after["ObjectTypeName"])
    key = {"DomainName": before["DomainName"], "EventTriggerName": before["EventTriggerName"]}
    try:
        assert invoke("CREATE", before)["status"] == "SUCCESS"
        updated = invoke("UPDATE", after, previous_properties=before)
        assert updated["status"] == "SUCCESS", updated
        read = invoke("READ", key)
        assert canonical(read["resourceModel"]) == canonical(after)
        assert service.stored(key["DomainName"], key["EventTriggerName"]) == canonical(after)
    finally:
        invoke("DELETE", key)


def test_the_largest_valid_model_round_trips(service: LocalService) -> None:
    """Every list at maxItems, every string at maxLength: about 1.8 MB of model."""
    model = trigger_model(service.domain, "x" * 64, Description="d" * 1000)
    values = [chr(ord("a") + i) * 255 for i in range(10)]
    attributes = [
        attribute("BETWEEN", *values, source="s" * 1000, field_name=f"f{i}") for i in range(10)
    ]
    model["EventTriggerConditions"] = [condition(*attributes, logical="ALL", dimensions=10)] * 5
    model["EventTriggerLimits"]["Periods"] = [
        {"Unit": unit, "Value": 60, "MaxInvocationsPerProfile": 1000, "Unlimited": False}
        for unit in ("MINUTES", "HOURS", "DAYS", "WEEKS")
    ]
    model["Tags"] = [{"Key": f"k{i:03d}" + "k" * 124, "Value": "v" * 256} for i in range(50)]
    created = invoke("CREATE", model)
    assert created["status"] == "SUCCESS", created
    read = invoke("READ", model)
    assert canonical(read["resourceModel"]) == canonical(model)


@pytest.mark.parametrize("key", ["with space", "naïve", "tab\tkey", "emoji-🙂"])
def test_tag_keys_the_schema_allows_but_the_api_refuses_fail_cleanly(
    key: str, service: LocalService
) -> None:
    """The published schema allows any tag key; the API's pattern is narrower."""
    model = trigger_model(service.domain, next(_names), Tags=[{"Key": key, "Value": "v"}])
    event = invoke("CREATE", model)
    assert (event["status"], event.get("errorCode")) == ("FAILED", "InvalidRequest"), event
    assert mentions(event["message"], ("Tags",))
    assert service.stored(service.domain, model["EventTriggerName"]) is None


def test_tags_sharing_a_key_are_refused(service: LocalService) -> None:
    tags = [{"Key": "team", "Value": "crm"}, {"Key": "team", "Value": "sales"}]
    model = trigger_model(service.domain, next(_names), Tags=tags)
    service.reset_calls()
    event = invoke("CREATE", model)
    assert (event["status"], event.get("errorCode")) == ("FAILED", "InvalidRequest"), event
    assert not WRITE_OPERATIONS & set(service.calls())


def test_malformed_names_never_reach_the_service(service: LocalService) -> None:
    """Through every handler, as domain and as trigger name: InvalidRequest, and no call."""
    good = {"DomainName": service.domain, "EventTriggerName": "fine"}
    problems = []
    for bad in BAD_NAMES:
        requests: list[tuple[str, dict[str, Any]]] = [("LIST", {"DomainName": bad})]
        for member in ("DomainName", "EventTriggerName"):
            key = {**good, member: bad}
            model = trigger_model(service.domain, "fine", **{member: bad})
            requests += [("READ", key), ("DELETE", key), ("CREATE", model), ("UPDATE", model)]
        for action, properties in requests:
            service.reset_calls()
            event = invoke(action, properties)
            answer = (event["status"], event.get("errorCode"))
            if answer != ("FAILED", "InvalidRequest") or service.calls():
                problems.append(f"{action} {bad!r}: {answer} calls {service.calls()}")
            report.FIGURES.identifiers_refused[f"handlers {answer[0]} {answer[1]}"] += 1
    assert problems == []
