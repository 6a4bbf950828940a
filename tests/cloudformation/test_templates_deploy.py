"""The deploy command, ``localcloud.cloudformation.deploy.main``: in-process and over HTTP."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

import boto3
import pytest

from localcloud.cloudformation import deploy
from tests.support.processes import python
from tests.support.stacks import EXAMPLES

ROOT = EXAMPLES.parent
WITH_DOMAIN = str(EXAMPLES / "with-domain-and-integration.yaml")
MINIMAL = str(EXAMPLES / "minimal.yaml")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = deploy.main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_deploys_an_example_in_process() -> None:
    status, out, err = run("--template-file", WITH_DOMAIN, "--tags", "env=dev")
    assert (status, err) == (0, "")
    assert "Stack with-domain-and-integration: CREATE_COMPLETE" in out
    assert "Add LargeOrderTrigger  AWS::CustomerProfiles::EventTrigger" in out
    assert "{" not in out  # lines, not raw JSON


def test_prints_a_line_per_resource_event() -> None:
    status, out, _ = run("--template-file", WITH_DOMAIN)
    assert status == 0
    assert "LargeOrderTrigger  AWS::CustomerProfiles::EventTrigger  CREATE_COMPLETE" in out


@pytest.mark.server
def test_deploys_updates_says_when_nothing_changed_and_deletes(target_server_url: str) -> None:
    endpoint = target_server_url
    cp = boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")
    cp.create_domain(DomainName="retail", DefaultExpirationDays=30)
    for name in ("Orders", "Returns"):
        cp.put_profile_object_type(DomainName="retail", ObjectTypeName=name, Description=name)
    base = ["--template-file", MINIMAL, "--endpoint-url", endpoint]

    status, out, err = run(*base, "--parameter-overrides", "DomainName=retail")
    assert (status, err) == (0, "")
    assert "Stack minimal: CREATE_COMPLETE" in out

    status, out, err = run(*base)  # the same again: DomainName keeps its value
    assert (status, err) == (0, "")
    assert "No changes to deploy. Stack minimal is up to date" in out

    status, out, err = run(*base, "--parameter-overrides", "ObjectTypeName=Returns")
    assert (status, err) == (0, "")
    assert "Stack minimal: UPDATE_COMPLETE" in out
    held = cp.get_event_trigger(DomainName="retail", EventTriggerName="large-order")
    assert held["ObjectTypeName"] == "Returns"

    status, out, err = run(*base, "--delete")
    assert (status, err) == (0, "")
    assert "Stack minimal: DELETE_COMPLETE" in out
    assert cp.list_event_triggers(DomainName="retail")["Items"] == []


def test_a_failed_stack_exits_1_with_one_line() -> None:
    status, _, err = run("--template-file", MINIMAL, "--parameter-overrides", "DomainName=nope")
    assert status == 1
    assert err.startswith("deploy: ") and err.count("\n") == 1
    assert "nope|large-order" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--template-file", "no-such.yaml"],
            "cannot read the template file no-such.yaml: No such file or directory",
        ),
        (
            ["--template-file", MINIMAL, "--parameter-overrides", "DomainName"],
            "--parameter-overrides must be given as Key=Value, not 'DomainName'",
        ),
        (
            ["--template-file", MINIMAL, "--parameter-overrides", "Nope=1"],
            "the template has no parameter Nope",
        ),
        (["--template-file", MINIMAL, "--delete"], "stack minimal does not exist"),
    ],
)
def test_bad_input_is_one_line(argv: list[str], message: str) -> None:
    status, _, err = run(*argv)
    assert status == 1
    assert err == f"deploy: {message}\n"


def test_an_unreachable_endpoint_is_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status, _, err = run("--template-file", MINIMAL, "--endpoint-url", f"http://127.0.0.1:{port}")
    assert status == 1
    assert err.startswith(f"deploy: cannot reach http://127.0.0.1:{port}") and err.count("\n") == 1


def test_the_stack_name_defaults_to_the_files() -> None:
    assert deploy.default_stack_name(Path("examples/with-domain-and-integration.yaml")) == (
        "with-domain-and-integration"
    )
    assert deploy.default_stack_name(Path("1 two_three.yml")) == "stack-1-two-three"


def test_runs_as_a_module_and_names_its_command() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    done = python(
        "-m", "localcloud.cloudformation", "deploy", "--template-file", WITH_DOMAIN, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "Stack with-domain-and-integration: CREATE_COMPLETE" in done.stdout
    usage = python("-m", "localcloud.cloudformation", env=env, timeout=60)
    assert usage.returncode == 2
    assert "usage: python -m localcloud.cloudformation deploy" in usage.stderr


@pytest.mark.parametrize(
    ("argv", "variables", "expected"),
    [
        ([], {}, None),
        ([], {"AWS_ENDPOINT_URL": "http://127.0.0.1:1"}, "http://127.0.0.1:1"),
        (
            [],
            {
                "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_CLOUDFORMATION": "http://127.0.0.1:2",
            },
            "http://127.0.0.1:2",
        ),
        (
            ["--endpoint-url", "http://127.0.0.1:3"],
            {"AWS_ENDPOINT_URL": "http://127.0.0.1:1"},
            "http://127.0.0.1:3",
        ),
        (
            [],
            {
                "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
            },
            None,
        ),
    ],
)
def test_the_endpoint_is_the_option_else_botocores_variables(
    argv: list[str],
    variables: dict[str, str],
    expected: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in (
        "AWS_ENDPOINT_URL_CLOUDFORMATION",
        "AWS_ENDPOINT_URL",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    args = deploy.parser().parse_args(["--template-file", MINIMAL, *argv])
    assert deploy.endpoint_url(args) == expected
