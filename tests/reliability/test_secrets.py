"""No credentials, Description or condition values in logs, output or failure messages.

The API marks Description and EventTriggerConditions sensitive, and the
request's credentials are the caller's. Every failure path is run with every
logger at DEBUG (the root level, as Lambda's log level setting sets it) and
stdout/stderr captured, and everything written is searched for those values:
the service faults (``test_faults`` scans each of its cases), validation
failures, unexpected exceptions, a malformed request, and botocore's own
exceptions, whose messages quote parameter values.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger import translate
from aws_customerprofiles_eventtrigger.handlers import resource
from tests.support import report
from tests.support.payloads import invoke
from tests.support.samples import trigger_model
from tests.support.secret_scan import (
    SECRET_CREDENTIALS,
    SECRET_DESCRIPTION,
    SECRET_FIELD,
    SECRET_VALUES,
    Capture,
)
from tests.support.services import LocalService

NAME = "secret-keeper"
Change = Callable[[dict[str, Any]], None]


def _attribute(model: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = model["EventTriggerConditions"][0]["EventTriggerDimensions"][0][
        "ObjectAttributes"
    ][0]
    return found


def _set(**members: Any) -> Change:
    return lambda model: model.update(members)


def _set_attribute(**members: Any) -> Change:
    return lambda model: _attribute(model).update(members)


# Invalid models whose broken member holds, or sits beside, a secret.
INVALID: dict[str, Change] = {
    "Description too long": _set(Description=SECRET_DESCRIPTION * 40),
    "Description not a string": _set(Description={"nested": SECRET_DESCRIPTION}),
    "FieldName breaks its pattern": _set_attribute(FieldName=f"{SECRET_FIELD}/../x"),
    "Value too long": _set_attribute(Values=[SECRET_VALUES[0] * 20]),
    "Values not a list": _set_attribute(Values={"a": SECRET_VALUES[0]}),
    "Values item not a string": _set_attribute(Values=[{"a": SECRET_VALUES[0]}]),
    "ComparisonOperator not in enum": _set_attribute(ComparisonOperator=SECRET_VALUES[1]),
    "unknown member beside the values": _set_attribute(Secret=SECRET_VALUES[1]),
    "conditions not a list": _set(EventTriggerConditions=SECRET_VALUES[0]),
    "conditions of strings": _set(EventTriggerConditions=list(SECRET_VALUES)),
    "unknown property": _set(Unknown=SECRET_DESCRIPTION),
    "control characters": _set(EventTriggerName=f"x\n{SECRET_VALUES[0]}\x00"),
}


def _check(capture: Capture, *messages: Any, kind: str) -> None:
    found, searched = capture.scan(*messages)
    report.scanned(kind, searched, [hit.origin for hit in found])
    assert [hit for hit in found if hit.origin != "wire"] == []


@pytest.mark.parametrize("action", ["CREATE", "UPDATE"])
@pytest.mark.parametrize("change", INVALID.values(), ids=INVALID.keys())
def test_validation_failures_keep_secrets(
    action: str, change: Change, service: LocalService, capture: Capture
) -> None:
    model = trigger_model(service.domain, NAME)
    change(model)
    previous = trigger_model(service.domain, NAME) if action == "UPDATE" else None
    capture.start()
    event = invoke(action, model, previous_properties=previous, credentials=SECRET_CREDENTIALS)
    assert (event["status"], event.get("errorCode")) == ("FAILED", "InvalidRequest"), event
    _check(capture, event.get("message"), kind="validation failure")


def test_an_unexpected_exception_keeps_secrets(
    service: LocalService, capture: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception nothing expects is logged with its traceback: never with the request."""

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the model could not be built")

    monkeypatch.setattr(translate, "to_model", broken)
    service.seed(trigger_model(service.domain, NAME))
    runs = {
        "CREATE": trigger_model(service.domain, "another"),
        "READ": {"DomainName": service.domain, "EventTriggerName": NAME},
        "UPDATE": trigger_model(service.domain, NAME, Description=SECRET_DESCRIPTION + "!"),
        "LIST": {"DomainName": service.domain},
    }
    for action, model in runs.items():
        capture.start()
        event = invoke(action, model, credentials=SECRET_CREDENTIALS)
        assert (event["status"], event.get("errorCode")) == ("FAILED", "InternalFailure"), event
        assert "RuntimeError" in capture.caplog.text  # logged, with its traceback
        _check(capture, event.get("message"), kind="unexpected exception")


def test_botocore_parameter_errors_are_reported_without_values(
    service: LocalService, capture: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """botocore's ParamValidationError quotes the value it refuses; the handler must not."""
    original = translate.create_request

    def mistyped(*args: Any, **kwargs: Any) -> dict[str, Any]:
        request = original(*args, **kwargs)
        request["Description"] = [SECRET_DESCRIPTION]
        return request

    monkeypatch.setattr(translate, "create_request", mistyped)
    capture.start()
    event = invoke("CREATE", trigger_model(service.domain, NAME), credentials=SECRET_CREDENTIALS)
    assert (event["status"], event.get("errorCode")) == ("FAILED", "InvalidRequest"), event
    assert "Description" in event["message"]
    _check(capture, event.get("message"), kind="parameter error")


def test_a_malformed_request_keeps_secrets(capture: Capture) -> None:
    """A request the lib cannot read fails before any handler runs; its payload stays unlogged."""
    event = {
        "action": "CREATE",
        "requestData": {
            "callerCredentials": {**SECRET_CREDENTIALS, "unexpected": SECRET_DESCRIPTION},
            "resourceProperties": trigger_model("d", NAME),
        },
    }
    capture.start()
    reply = dict(resource(copy.deepcopy(event), None))
    assert (reply["status"], reply.get("errorCode")) == ("FAILED", "InvalidRequest"), reply
    _check(capture, reply.get("message"), kind="malformed request")


def test_botocore_wire_logs_at_debug_keep_secrets(service: LocalService, capture: Capture) -> None:
    """With the root logger at DEBUG, botocore's records of the handler's calls are clean."""
    model = trigger_model(service.domain, NAME)
    capture.start()
    invoke("CREATE", model, credentials=SECRET_CREDENTIALS)
    invoke("READ", model, credentials=SECRET_CREDENTIALS)
    found, _ = capture.scan()
    wire = sorted({hit.secret for hit in found if hit.origin == "wire"})
    assert wire == []
