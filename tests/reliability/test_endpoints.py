"""The local endpoints: hostile identifiers, oversized bodies, and where they listen.

The service server (Customer Profiles and Cloud Control on one port) and the
Lambda Invoke endpoint are reachable by anything on the machine that can open
a socket to them, so they must listen on 127.0.0.1 alone, refuse bodies over
their limits with 413 without falling over, and turn a malformed identifier
into a 4xx that never reaches the service.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError
from werkzeug.serving import make_server

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud import lambda_invoke, server
from localcloud.customer_profiles import calls, reset_calls
from localcloud.registry_handler import handler_request
from tests.support import cloud, report
from tests.support.constants import ROOT
from tests.support.polling import settle, until
from tests.support.samples import BAD_NAMES, trigger_model

LOOPBACK = "127.0.0.1"
INVOKE_PATH = "/2015-03-31/functions/TypeFunction/invocations"
CC_HEADERS = {"Content-Type": "application/x-amz-json-1.0"}


# -- malformed identifiers through Cloud Control -------------------------------------


def _identifiers(domain: str, bad: str) -> list[str]:
    return [
        f"{domain}|{bad}",
        f"{bad}|trigger",
        json.dumps({"DomainName": domain, "EventTriggerName": bad}),
    ]


def test_malformed_identifiers_never_reach_the_service(endpoint: str) -> None:
    """Every Cloud Control operation that takes an identifier or a model, with each bad
    name: a 4xx (never a 500) or a FAILED request, and not one Customer Profiles call."""
    client = cloud.cloudcontrol(endpoint)
    domain = cloud.new_domain(cloud.customer_profiles(endpoint))
    patch = json.dumps([{"op": "replace", "path": "/Description", "value": "x"}])
    problems = []
    for bad in [*BAD_NAMES, "a|b|c", "|", "{}", '{"DomainName": "x"}']:
        attempts: list[tuple[str, dict[str, Any]]] = []
        for identifier in _identifiers(domain, bad):
            attempts += [
                ("get_resource", {"Identifier": identifier}),
                ("delete_resource", {"Identifier": identifier}),
                ("update_resource", {"Identifier": identifier, "PatchDocument": patch}),
            ]
        for member in ("DomainName", "EventTriggerName"):
            model = trigger_model(domain, "fine", **{member: bad})
            attempts.append(("create_resource", {"DesiredState": json.dumps(model)}))
        attempts.append(("list_resources", {"ResourceModel": json.dumps({"DomainName": bad})}))
        for operation, params in attempts:
            reset_calls()
            outcome = _call(client, operation, params)
            if not (outcome.startswith("4") or outcome == "FAILED InvalidRequest"):
                problems.append(f"{operation} {bad!r}: {outcome}")
            if calls():
                problems.append(f"{operation} {bad!r}: the service saw {dict(calls())}")
            report.FIGURES.identifiers_refused[f"Cloud Control {outcome}"] += 1
    assert problems == []


def _call(client: Any, operation: str, params: dict[str, Any]) -> str:
    """'4xx Code', '5xx Code', or how the request it started ended."""
    try:
        answer = getattr(client, operation)(TypeName=TYPE_NAME, **params)
    except ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        return f"{status} {error.response['Error']['Code']}"
    if "ProgressEvent" in answer:
        event = settle(client, answer["ProgressEvent"]["RequestToken"])
        return f"{event['OperationStatus']} {event.get('ErrorCode')}"
    return "200 answered"


# -- oversized bodies ----------------------------------------------------------------


def _post(
    url: str,
    path: str,
    body: bytes,
    headers: dict[str, str] | None = None,
    chunked: bool = False,
) -> int:
    """POSTs ``body`` and returns the status, even when the server answers before reading it."""
    connection = http.client.HTTPConnection(LOOPBACK, _port(url), timeout=30)
    try:
        connection.putrequest("POST", path)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if chunked:
            connection.putheader("Transfer-Encoding", "chunked")
        else:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            step = 256 * 1024
            for start in range(0, len(body), step):
                piece = body[start : start + step]
                connection.send(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            if chunked:
                connection.send(b"0\r\n\r\n")
        return connection.getresponse().status
    finally:
        connection.close()


def _still_serving(endpoint: str) -> None:
    client = cloud.customer_profiles(endpoint)
    assert "Items" in client.list_domains()
    cloud.cloudcontrol(endpoint).list_resource_requests()
    with contextlib.closing(http.client.HTTPConnection(LOOPBACK, _port(endpoint))) as health:
        health.request("GET", "/_localcloud/health")
        assert health.getresponse().status == 200


def _port(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_the_service_server_refuses_oversized_bodies_and_keeps_serving(
    endpoint: str, chunked: bool
) -> None:
    limit = server.MAX_BODY_BYTES
    big = b"{" + b" " * limit + b"}"  # one byte too many once the braces are counted
    routes = [
        ("/domains/x/event-triggers/y", {"Content-Type": "application/json"}, "Customer Profiles"),
        (
            "/",
            {**CC_HEADERS, "X-Amz-Target": "CloudControlApiService.CreateResource"},
            "Cloud Control",
        ),
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:  # several at once, then ordinary calls
        statuses = list(
            pool.map(lambda route: _post(endpoint, route[0], big, route[1], chunked), routes * 4)
        )
    assert statuses == [413] * 8
    at_limit = b"{" + b" " * (limit - 2) + b"}"
    assert _post(endpoint, routes[0][0], at_limit, routes[0][1], chunked) != 413
    _still_serving(endpoint)
    report.FIGURES.oversized.append(
        f"service server ({'chunked' if chunked else 'Content-Length'}): 8 bodies of "
        f"{len(big)} bytes to Customer Profiles and Cloud Control: 413 each; "
        f"{limit} bytes accepted; still serving"
    )


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_the_lambda_invoke_endpoint_refuses_oversized_bodies_and_keeps_serving(
    chunked: bool,
) -> None:
    limit = lambda_invoke.MAX_BODY_BYTES
    with lambda_invoke.serving(port=0) as url:
        big = b'{"x": "' + b"a" * limit + b'"}'
        assert _post(url, INVOKE_PATH, big, chunked=chunked) == 413
        event = handler_request("LIST", {"DomainName": "not/valid"})
        answer = _post_json(url, INVOKE_PATH, event)
        assert (answer["status"], answer["errorCode"]) == ("FAILED", "InvalidRequest")
    report.FIGURES.oversized.append(
        f"Lambda Invoke endpoint ({'chunked' if chunked else 'Content-Length'}): "
        f"{len(big)} bytes: 413; next invoke answered"
    )


def _post_json(url: str, path: str, document: Any) -> dict[str, Any]:
    connection = http.client.HTTPConnection(LOOPBACK, _port(url), timeout=30)
    try:
        connection.request("POST", path, body=json.dumps(document))
        response = connection.getresponse()
        assert response.status == 200
        return dict(json.loads(response.read()))
    finally:
        connection.close()


# -- where the endpoints listen ------------------------------------------------------


def _listening(port: int) -> list[str]:
    """The local addresses of every socket listening on ``port``, from /proc/net/tcp{,6}."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError), open(table) as lines:
            for line in list(lines)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:
                    found.append(_address(address))
    return found


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def _other_addresses() -> list[str]:
    """Addresses of this machine other than 127.0.0.1: another loopback one, IPv6's, and
    every local IPv4 address the kernel routes to (from /proc/net/fib_trie)."""
    others = {"127.0.0.2", "::1"}
    with contextlib.suppress(FileNotFoundError):
        text = Path("/proc/net/fib_trie").read_text()
        others |= set(re.findall(r"\|-- (\d+\.\d+\.\d+\.\d+)\n\s+/32 host LOCAL", text))
    others.discard(LOOPBACK)
    return sorted(others)


def _refused(address: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        try:
            probe.connect((address, port))
        except OSError:
            return True
    return False


def _check_exposure(name: str, port: int, bound: tuple[Any, ...] | None = None) -> None:
    if bound is not None:
        assert bound[0] == LOOPBACK, bound
    listening = _listening(port)
    assert listening == [LOOPBACK], listening
    reachable = [a for a in _other_addresses() if not _refused(a, port)]
    assert reachable == []
    non_loopback = [a for a in _other_addresses() if not a.startswith("127.") and a != "::1"]
    report.FIGURES.exposure.append(
        f"{name}: listens on {', '.join(listening)}:{port} only; refused via "
        f"{', '.join(_other_addresses())}"
        + ("" if non_loopback else " (no non-loopback address on this machine)")
    )


def test_the_service_server_listens_on_loopback_only() -> None:
    local = server.LocalCloudServer()
    try:
        local.start()
        _check_exposure("service server", local.port, local._server.socket.getsockname())
    finally:
        local.stop()


def test_the_lambda_invoke_endpoint_listens_on_loopback_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        made.append(make_server(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(lambda_invoke, "make_server", spy)
    with lambda_invoke.serving(port=0) as url:
        _check_exposure("Lambda Invoke endpoint", _port(url), made[0].socket.getsockname())


@contextlib.contextmanager
def _server_process(port: int) -> Iterator[subprocess.Popen[str]]:
    """``python -m localcloud.server`` as a user starts it; stopped by its own pid."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "localcloud.server", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=120)


def test_the_server_command_listens_on_loopback_only() -> None:
    with socket.socket() as free:
        free.bind((LOOPBACK, 0))
        port = free.getsockname()[1]
    with _server_process(port) as process:
        assert process.stdout is not None
        stdout = process.stdout

        def listening() -> bool:
            assert process.poll() is None, stdout.read()
            return bool(_listening(port))

        until(listening, "python -m localcloud.server listens", timeout=180, interval=0.1)
        _check_exposure("python -m localcloud.server", port)
