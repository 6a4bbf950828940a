"""The local Lambda Invoke endpoint: runs the named entrypoint, refuses what it cannot run."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from localcloud import lambda_invoke
from localcloud.registry_handler import handler_request


def post(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_lambda_invoke_runs_the_named_entrypoint() -> None:
    seen: list[dict[str, Any]] = []

    def function(event: dict[str, Any], _context: Any) -> dict[str, Any]:
        seen.append(event)
        return {"status": "SUCCESS"}

    with lambda_invoke.serving(0, {"TypeFunction": function}) as endpoint:
        assert endpoint.startswith("http://127.0.0.1:")
        event = handler_request("READ", {"DomainName": "d", "EventTriggerName": "n"})
        url = f"{endpoint}/2015-03-31/functions/TypeFunction/invocations"
        assert post(url, json.dumps(event).encode()) == (200, {"status": "SUCCESS"})
        assert seen == [event]
        missing = post(f"{endpoint}/2015-03-31/functions/Other/invocations", b"{}")
        assert missing[0] == 404
        assert post(url, b"not json")[0] == 400
        assert post(url, b"[1, 2]")[0] == 400


def test_lambda_invoke_serves_the_real_entrypoint_by_default() -> None:
    with lambda_invoke.serving(0) as endpoint:
        url = f"{endpoint}/2015-03-31/functions/TypeFunction/invocations"
        status, body = post(url, json.dumps(handler_request("LIST", {})).encode())
    assert status == 200
    assert body["status"] == "FAILED"
    assert body["errorCode"] == "InvalidRequest"
    assert "DomainName is required" in body["message"]
