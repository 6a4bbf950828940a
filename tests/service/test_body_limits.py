"""The request-size limit: every valid request passes over HTTP, floods get 413."""

from __future__ import annotations

import json
import urllib.request

from localcloud import lambda_invoke, server
from localcloud.customer_profiles.protocol import MAX_REQUEST_BYTES, OPERATIONS
from tests.support.limits import largest_request_bytes, largest_trigger_request
from tests.support.services import Env


def test_the_limit_admits_the_largest_request_the_model_bounds() -> None:
    bounded = {op: largest_request_bytes(op, per_char=6) for op in OPERATIONS}
    bounded = {op: size for op, size in bounded.items() if size != float("inf")}
    largest = max(bounded.values())
    assert bounded["CreateEventTrigger"] == largest
    assert largest <= MAX_REQUEST_BYTES < largest + 1024 * 1024
    assert server.MAX_BODY_BYTES == MAX_REQUEST_BYTES
    assert 1_800_000 < largest_request_bytes("CreateEventTrigger") < 2_000_000


def test_lambda_invoke_takes_lambdas_payload_limit() -> None:
    assert lambda_invoke.MAX_BODY_BYTES == 6 * 1024 * 1024


def test_the_largest_trigger_passes_both_ways(cp: Env) -> None:
    domain = cp.domain()
    cp.object_type(domain)
    request = largest_trigger_request(domain, "Orders")
    assert len(json.dumps(request)) > 1024 * 1024  # over the old 1 MiB cap
    made = cp.client.create_event_trigger(**request)
    assert made["EventTriggerConditions"] == request["EventTriggerConditions"]
    got = cp.client.get_event_trigger(
        DomainName=domain, EventTriggerName=request["EventTriggerName"]
    )
    assert len(got["EventTriggerConditions"]) == 5
    assert got["Tags"] == request["Tags"]


def test_a_flood_gets_413_and_the_server_keeps_serving(server_url: str) -> None:
    flood = b"{" + b" " * MAX_REQUEST_BYTES + b"}"
    request = urllib.request.Request(f"{server_url}/domains/flood", data=flood, method="POST")
    request.add_header("Content-Type", "application/json")
    try:
        urllib.request.urlopen(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 413
    answer = json.load(urllib.request.urlopen(f"{server_url}/_localcloud/health", timeout=30))
    assert answer
