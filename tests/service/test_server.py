"""The HTTP server: loopback only, bad input answered with 4xx, body limit, CLI, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import moto.backends as backends
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from localcloud import server
from localcloud.customer_profiles import ENDPOINT_ENV
from localcloud.moto_adapter import registry
from localcloud.server import app as server_app
from tests.support.polling import until
from tests.support.services import Env

pytestmark = pytest.mark.server
ROOT = Path(__file__).resolve().parents[2]
# A new Python process imports moto and registers the services before it listens: on a
# busy machine (2 cores, load 4) that alone can take a minute.
STARTUP = 180.0


def send(
    url: str, method: str, path: str, body: bytes = b"", **headers: str
) -> tuple[int, dict[str, Any], Any]:
    """A SigV4-signed request for the ``profile`` service, as botocore would sign it."""
    request = AWSRequest(method=method, url=url + path, data=body, headers=headers)
    SigV4Auth(Credentials("testing", "testing"), "profile", "us-east-1").add_auth(request)
    raw = urllib.request.Request(
        str(request.url), data=body or None, headers=dict(request.headers), method=method
    )
    try:
        with urllib.request.urlopen(raw, timeout=10) as answer:
            return answer.status, dict(answer.headers), json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")


def test_binds_loopback_only() -> None:
    running = server.LocalCloudServer()
    try:
        assert running._server.server_address[0] == "127.0.0.1"
        assert running.endpoint_url.startswith("http://127.0.0.1:")
    finally:
        running.stop()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (
            b'{"DefaultExpirationDays": "ten"}',
            "'DefaultExpirationDays' failed to satisfy constraint: Member must be an integer",
        ),
        (
            b'{"DefaultExpirationDays": 5, "Tags": ["a"]}',
            "'Tags' failed to satisfy constraint: Member must be a map",
        ),
        (b"\xff\xfe", "not valid UTF-8"),
    ],
)
def test_malformed_and_mistyped_bodies_are_bad_requests(
    server_url: str, body: bytes, message: str
) -> None:
    status, headers, answer = send(
        server_url, "POST", "/domains/retail", body, **{"Content-Type": "application/json"}
    )
    assert status == 400
    assert headers["X-Amzn-Errortype"] == "BadRequestException"
    assert message in answer["Message"]


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/nothing/here"), ("PATCH", "/domains/x"), ("GET", "/")]
)
def test_unknown_paths_are_404(server_url: str, method: str, path: str) -> None:
    status, headers, answer = send(server_url, method, path)
    assert status == 404
    assert headers["X-Amzn-Errortype"] == "UnknownOperationException"
    assert answer["Message"]


def test_unimplemented_operations_say_so(cp: Env) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_profile_object_type_template(TemplateId="x")
    assert excinfo.value.response["Error"]["Code"] == "NotImplementedException"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_an_action_query_argument_does_not_pick_the_operation(server_url: str) -> None:
    status, _, answer = send(server_url, "GET", "/domains?Action=DeleteDomain")
    assert status == 200 and answer["Items"] == []


def test_bodies_over_the_limit_get_413(server_url: str) -> None:
    big = b"{" + b" " * server.MAX_BODY_BYTES + b"}"
    status, headers, _ = send(server_url, "POST", "/domains/retail", big)
    assert status == 413
    assert headers["X-Amzn-Errortype"] == "RequestEntityTooLargeException"
    chunks = iter([b"x" * 65536] * (server.MAX_BODY_BYTES // 65536 + 2))
    request = urllib.request.Request(f"{server_url}/domains/retail", data=chunks, method="POST")
    request.add_header("Transfer-Encoding", "chunked")
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request, timeout=10)
    assert excinfo.value.code == 413


def test_still_serving_after_bad_input(server_url: str, boto_session: Any) -> None:
    send(server_url, "POST", "/domains/x", b"\x00" * 10)
    send(server_url, "PUT", "/tags/%ZZ", b"{}")
    client = boto_session.client("customer-profiles", endpoint_url=server_url)
    assert "Items" in client.list_domains()
    assert urllib.request.urlopen(f"{server_url}/_localcloud/health", timeout=30).status == 200


def test_requests_do_not_list_motos_package_again(
    server_url: str, boto_session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = boto_session.client("customer-profiles", endpoint_url=server_url)
    client.list_domains()
    listings: list[str] = []
    real = backends.list_of_moto_modules

    def counted() -> Iterable[str]:
        listings.append("moto")
        return real()

    monkeypatch.setattr(backends, "list_of_moto_modules", counted)
    for _ in range(3):
        client.list_domains()
    send(server_url, "GET", "/domains")
    assert listings == []


def test_endpoint_variable_is_set_only_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENDPOINT_ENV, raising=False)
    server.configure_environment(4599)
    assert os.environ[ENDPOINT_ENV] == "http://127.0.0.1:4599"
    server.configure_environment(4600)
    assert os.environ[ENDPOINT_ENV] == "http://127.0.0.1:4599"


def test_every_listed_service_is_registered_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(
        server_app, "REGISTRATIONS", [lambda: seen.append("first"), lambda: seen.append("second")]
    )
    server.register_services()
    assert seen == ["first", "second"]


def test_the_server_registers_customer_profiles_and_cloud_control() -> None:
    server.register_services()
    assert {"customerprofiles", "cloudcontrol"} <= set(registry.registered_services())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("by", ["flag", "env"])
def test_cli_serves_until_interrupted(by: str) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    argv = [sys.executable, "-m", "localcloud.server"]
    if by == "flag":
        argv += ["--port", str(port)]
    else:
        env["PORT"] = str(port)
    child = subprocess.Popen(
        argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:

        def healthy() -> bool:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_localcloud/health", timeout=30
                ) as answer:
                    assert json.loads(answer.read()) == {"status": "ok"}
                return True
            except OSError:  # refused before it listens; a slow answer on a busy machine
                assert child.poll() is None, child.communicate()
                return False

        until(healthy, "the server answers its health check", timeout=STARTUP, interval=0.1)
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate(timeout=STARTUP)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0
    assert f"serving on http://127.0.0.1:{port}" in out
    assert "stopped" in out


def test_cli_refuses_a_bad_port() -> None:
    with pytest.raises(SystemExit):
        server.main(["--port", "70000"])
