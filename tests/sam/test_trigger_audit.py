"""The SAM example's function code (examples/sam/src/trigger_audit.py), called as EventBridge
calls it: with the CloudTrail record of a Customer Profiles API call that the template's
rule passes on. (The endpoint deploys the function; it does not run it.)"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from localcloud.cloudformation.engine.templates import parse
from tests.support.sam import APP, DOMAIN, FUNCTION, TRIGGER, load_handler

# An UpdateEventTrigger call as EventBridge delivers CloudTrail's record of it.
UPDATE_CALL: dict[str, Any] = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "AWS API Call via CloudTrail",
    "source": "aws.profile",
    "account": "123456789012",
    "time": "2026-05-04T10:15:30Z",
    "region": "us-east-1",
    "resources": [],
    "detail": {
        "eventVersion": "1.09",
        "userIdentity": {
            "type": "AssumedRole",
            "arn": "arn:aws:sts::123456789012:assumed-role/crm-admin/jane",
        },
        "eventTime": "2026-05-04T10:15:29Z",
        "eventSource": "profile.amazonaws.com",
        "eventName": "UpdateEventTrigger",
        "awsRegion": "us-east-1",
        "requestParameters": {"DomainName": DOMAIN, "EventTriggerName": TRIGGER},
        "responseElements": None,
    },
}


@pytest.fixture
def handler(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The function's handler, with the environment the stack gives it. (Its module sets
    the root logger's level, as Lambda functions do: put back after the test.)"""
    monkeypatch.setenv("DOMAIN_NAME", DOMAIN)
    monkeypatch.setenv("EVENT_TRIGGER_NAME", TRIGGER)
    root = logging.getLogger()
    level = root.level
    try:
        yield load_handler().handler
    finally:
        root.setLevel(level)


def test_the_rule_passes_on_the_calls_made_on_event_triggers() -> None:
    template = parse((APP / "template.yaml").read_text())
    events = template["Resources"][FUNCTION]["Properties"]["Events"]
    pattern = events["TriggerApiCalls"]["Properties"]["Pattern"]
    detail = UPDATE_CALL["detail"]
    assert UPDATE_CALL["source"] in pattern["source"]
    assert UPDATE_CALL["detail-type"] in pattern["detail-type"]
    assert detail["eventSource"] in pattern["detail"]["eventSource"]
    assert pattern["detail"]["eventName"] == [
        "CreateEventTrigger",
        "UpdateEventTrigger",
        "DeleteEventTrigger",
    ]


def test_a_call_on_the_stack_trigger_is_summarized_and_logged(
    handler: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        summary = handler(UPDATE_CALL, None)
    assert summary == {
        "action": "UpdateEventTrigger",
        "domain": DOMAIN,
        "trigger": TRIGGER,
        "watched": True,
        "succeeded": True,
        "error": None,
        "caller": "arn:aws:sts::123456789012:assumed-role/crm-admin/jane",
        "time": "2026-05-04T10:15:29Z",
        "region": "us-east-1",
    }
    logged = [r.getMessage() for r in caplog.records if r.name == "root"]
    assert logged == [f"event trigger API call: {json.dumps(summary, sort_keys=True)}"]


def test_a_call_on_another_trigger_is_not_watched(handler: Any) -> None:
    other = copy.deepcopy(UPDATE_CALL)
    other["detail"]["eventName"] = "CreateEventTrigger"
    other["detail"]["requestParameters"]["EventTriggerName"] = "small-order"
    summary = handler(other, None)
    assert (summary["action"], summary["trigger"], summary["watched"]) == (
        "CreateEventTrigger",
        "small-order",
        False,
    )


def test_a_refused_call_says_why(handler: Any) -> None:
    refused = copy.deepcopy(UPDATE_CALL)
    refused["detail"]["eventName"] = "DeleteEventTrigger"
    refused["detail"]["errorCode"] = "AccessDeniedException"
    summary = handler(refused, None)
    assert (summary["action"], summary["watched"]) == ("DeleteEventTrigger", True)
    assert (summary["succeeded"], summary["error"]) == (False, "AccessDeniedException")


def test_an_event_without_a_record_is_summarized_with_what_it_has(handler: Any) -> None:
    summary = handler({"time": "2026-05-04T10:15:30Z", "region": "us-east-1"}, None)
    assert summary["action"] is None and summary["watched"] is False
    assert summary["time"] == "2026-05-04T10:15:30Z"
