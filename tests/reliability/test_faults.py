"""Every API call of every handler, failed each way the network and the service fail.

Each case injects one fault at one call site of one handler, with a count that
outlasts botocore's retries, and runs the handler through the Lambda
entrypoint with a CloudFormation payload. The handler must report FAILED with
the error code CloudFormation acts on (Throttling and ServiceInternalError are
retried, AccessDenied is not), after exactly the attempts botocore's standard
mode makes; the trigger must be left as it was or, for update's tag calls, with
the update applied and the FAILED status saying the work is unfinished. Then,
with the fault gone, the same request again must converge on the desired state.
The logs and messages of every case are scanned for secrets as well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ConnectionClosedError

from localcloud.customer_profiles import faults
from tests.support import report
from tests.support.api_calls import hook_handler_clients
from tests.support.payloads import invoke
from tests.support.samples import trigger_model
from tests.support.schema import canonical
from tests.support.secret_scan import Capture
from tests.support.services import LocalService

# fault -> (the handler's error code, attempts botocore's standard mode makes)
FAULTS: dict[str, tuple[str, int]] = {
    "ThrottlingException": ("Throttling", 3),
    "InternalServerException": ("ServiceInternalError", 3),
    "AccessDeniedException": ("AccessDenied", 1),
    "ConnectionError": ("NetworkFailure", 3),
}
FAULT_COUNT = 10  # more than botocore's attempts: the fault outlasts the retries
NAME = "fault-target"
OLD_TAGS = [{"Key": "keep", "Value": "1"}, {"Key": "stale", "Value": "1"}]
NEW_TAGS = [{"Key": "keep", "Value": "2"}, {"Key": "new", "Value": "1"}]


@dataclass(frozen=True)
class CallSite:
    """One API call a handler makes, with the state before it and the calls up to it."""

    handler: str
    operation: str
    calls_before: tuple[str, ...]  # calls the handler makes before reaching this one

    @property
    def id(self) -> str:
        return f"{self.handler}-{self.operation}"


SITES = (
    CallSite("create", "CreateEventTrigger", ()),
    CallSite("create", "GetEventTrigger", ("CreateEventTrigger",)),  # the AlreadyExists probe
    CallSite("read", "GetEventTrigger", ()),
    CallSite("update", "UpdateEventTrigger", ()),
    CallSite("update", "UntagResource", ("UpdateEventTrigger",)),
    CallSite("update", "TagResource", ("UpdateEventTrigger", "UntagResource")),
    CallSite("delete", "DeleteEventTrigger", ()),
    CallSite("list", "ListEventTriggers", ()),
)
report.FIGURES.fault_matrix = (len({s.handler for s in SITES}), len(SITES), len(FAULTS))


def _cases() -> list[Any]:
    cases = []
    for site in SITES:
        for fault in FAULTS:
            cases.append(pytest.param(site, fault, id=f"{site.id}/{fault}"))
    return cases


def _old(service: LocalService) -> dict[str, Any]:
    return trigger_model(service.domain, NAME, Description="before the change", Tags=OLD_TAGS)


def _desired(service: LocalService) -> dict[str, Any]:
    return trigger_model(service.domain, NAME, Tags=NEW_TAGS)


def _request(site: CallSite, service: LocalService) -> Callable[[], dict[str, Any]]:
    """The CloudFormation request that reaches the call site; the same one is re-run."""
    domain = service.domain
    key = {"DomainName": domain, "EventTriggerName": NAME}
    requests: dict[str, Callable[[], dict[str, Any]]] = {
        "create": lambda: invoke("CREATE", _desired(service)),
        "read": lambda: invoke("READ", key),
        "update": lambda: invoke("UPDATE", _desired(service), previous_properties=_old(service)),
        "delete": lambda: invoke("DELETE", key),
        "list": lambda: invoke("LIST", {"DomainName": domain}),
    }
    return requests[site.handler]


def _expected_after_failure(site: CallSite, service: LocalService) -> dict[str, Any] | None:
    """What the service must hold after the failed run: nothing, the old state, or partial."""
    old = canonical(_old(service))
    if site.id == "create-CreateEventTrigger":
        return None
    if site.id == "update-UntagResource":  # updated; tags not yet touched
        return {**canonical(_desired(service)), "Tags": canonical(OLD_TAGS)}
    if site.id == "update-TagResource":  # updated; the stale tag removed, the new not yet set
        return {**canonical(_desired(service)), "Tags": [{"Key": "keep", "Value": "1"}]}
    return dict(old)  # the probe leaves the trigger someone else made as it was


def _check_converged(site: CallSite, service: LocalService, rerun: dict[str, Any]) -> None:
    """The same request, fault gone, ends where CloudFormation wants it."""
    stored = service.stored(service.domain, NAME)
    if site.id == "create-GetEventTrigger":
        assert (rerun["status"], rerun.get("errorCode")) == ("FAILED", "AlreadyExists"), rerun
        assert stored == canonical(_old(service))
        return
    assert rerun["status"] == "SUCCESS", rerun
    if site.handler in ("create", "update"):
        assert stored == canonical(_desired(service))
        assert canonical(rerun["resourceModel"]) == stored
    elif site.handler == "read":
        assert canonical(rerun["resourceModel"]) == stored == canonical(_old(service))
    elif site.handler == "delete":
        assert stored is None
    else:
        listed = [model["EventTriggerName"] for model in rerun["resourceModels"]]
        assert listed == [NAME]


@pytest.mark.parametrize(("site", "fault"), _cases())
def test_fault_at_each_call_site(
    site: CallSite, fault: str, service: LocalService, capture: Capture
) -> None:
    code, attempts = FAULTS[fault]
    if site.handler != "create" or site.operation == "GetEventTrigger":
        service.seed(_old(service))
    request = _request(site, service)
    service.reset_calls()
    faults.inject(site.operation, fault, count=FAULT_COUNT)
    capture.start()

    failed = request()
    _scan(capture, failed)

    assert (failed["status"], failed.get("errorCode")) == ("FAILED", code), failed
    assert failed.get("message")
    expected_calls = dict.fromkeys(site.calls_before, 1)
    expected_calls[site.operation] = expected_calls.get(site.operation, 0) + attempts
    assert service.calls() == expected_calls
    faults.clear()
    assert service.stored(service.domain, NAME) == _expected_after_failure(site, service)

    capture.start()
    rerun = request()
    _scan(capture, rerun)
    _check_converged(site, service, rerun)


def _scan(capture: Capture, event: dict[str, Any]) -> None:
    """No secret in what the handler run logged or printed, nor in its message.

    A SUCCESS event's resourceModel carries the model by design, so only the
    message is searched. botocore's own DEBUG records are counted apart: see
    ``test_secrets``.
    """
    found, searched = capture.scan(event.get("message"))
    report.scanned("fault", searched, [hit.origin for hit in found])
    assert [hit for hit in found if hit.origin != "wire"] == []


# -- responses lost after the service acted --------------------------------------------


class LostResponses:
    """Lets the service serve a call, then drops its answer, as a connection closed early.

    Registered on the handler's client ahead of moto's own stubber: it has moto
    serve the request, discards the answer and raises botocore's
    ConnectionClosedError, which standard mode retries.
    """

    def __init__(self, operation: str, count: int = 1) -> None:
        self.operation = operation
        self.remaining = count

    def __call__(self, request: Any, event_name: str, **_: Any) -> None:
        from moto.core.models import botocore_stubber

        if self.remaining and event_name.endswith(f".{self.operation}"):
            self.remaining -= 1
            botocore_stubber(event_name=event_name, request=request)
            raise ConnectionClosedError(endpoint_url=request.url)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        hook_handler_clients(monkeypatch, "before-send.customer-profiles", self, "reliability.lost")


def _lost_cases() -> list[Any]:
    cases = []
    for site in SITES:
        cases.append(pytest.param(site, id=site.id))
    return cases


@pytest.mark.parametrize("site", _lost_cases())
def test_lost_response_at_each_call_site(
    site: CallSite, service: LocalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service acted but its answer never came: botocore retries, and the handler's
    one run must still end where CloudFormation wants it (delete may say NotFound, which
    CloudFormation takes as deleted)."""
    if site.handler != "create" or site.operation == "GetEventTrigger":
        service.seed(_old(service))
    LostResponses(site.operation).install(monkeypatch)
    event = _request(site, service)()
    if site.handler == "delete" and event.get("errorCode") == "NotFound":
        report.FIGURES.lost_responses["delete reported NotFound, trigger gone"] += 1
        assert service.stored(service.domain, NAME) is None
        return
    try:
        _check_converged(site, service, event)
    except AssertionError:
        report.FIGURES.lost_responses[f"{site.id} did not converge"] += 1
        raise
    report.FIGURES.lost_responses["converged in one run"] += 1
