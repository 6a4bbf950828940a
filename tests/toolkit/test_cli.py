"""The console script: its commands against a live server, and its errors in one line."""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import botocore.session
import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud import cli, cli_support
from localcloud.cli_support import PROG
from localcloud.server import ServerControl
from tests.support.processes import environment, python

CONDITIONS = [
    {
        "EventTriggerDimensions": [
            {
                "ObjectAttributes": [
                    {
                        "Source": "_order.Total",
                        "ComparisonOperator": "GREATER_THAN",
                        "Values": ["1"],
                    }
                ]
            }
        ],
        "LogicalOperator": "ANY",
    }
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def profiles(endpoint: str) -> Any:
    return boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")


def seed_triggers(endpoint: str, count: int) -> None:
    client = profiles(endpoint)
    client.create_domain(DomainName="retail", DefaultExpirationDays=30)
    client.put_profile_object_type(
        DomainName="retail", ObjectTypeName="Orders", Description="Orders"
    )
    for index in range(count):
        client.create_event_trigger(
            DomainName="retail",
            EventTriggerName=f"trigger-{index}",
            ObjectTypeName="Orders",
            EventTriggerConditions=CONDITIONS,
        )


def test_help_shows_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:4566" in out
    assert "us-east-1" in out
    assert TYPE_NAME in out
    for command in ("serve", "cloudcontrol", "reset", "faults", "calls", "deploy"):
        assert command in out


def test_faults_inject_list_clear_over_the_control_routes(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ["--endpoint-url", server]
    status, out, _ = run(capsys, *url, "faults", "inject", "GetDomain", "AccessDeniedException")
    assert status == 0
    assert json.loads(out)["operation"] == "GetDomain"
    status, out, _ = run(capsys, *url, "faults", "list")
    assert [fault["fault"] for fault in json.loads(out)] == ["AccessDeniedException"]
    assert ServerControl(server).pending()[0]["remaining"] == 1
    status, out, _ = run(capsys, *url, "faults", "clear")
    assert status == 0
    assert ServerControl(server).pending() == []


def test_reset_and_calls(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    profiles(server).create_domain(DomainName="retail", DefaultExpirationDays=30)
    status, out, _ = run(capsys, "--endpoint-url", server, "calls", "--reset")
    assert (status, json.loads(out)) == (0, {"CreateDomain": 1})
    assert ServerControl(server).calls() == {}
    status, out, _ = run(capsys, "--endpoint-url", server, "reset")
    assert status == 0
    assert profiles(server).list_domains()["Items"] == []


def test_list_resources_follows_next_token_unless_told_not_to(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_triggers(server, 3)
    model = '{"DomainName": "retail"}'
    base = ["--endpoint-url", server, "cloudcontrol", "list-resources", "--resource-model", model]
    status, out, _ = run(capsys, *base, "--max-results", "1")
    everything = json.loads(out)
    assert status == 0
    assert "NextToken" not in everything
    assert len(everything["ResourceDescriptions"]) == 3
    status, out, _ = run(capsys, *base, "--max-results", "1", "--no-paginate")
    one_page = json.loads(out)
    assert len(one_page["ResourceDescriptions"]) == 1
    assert one_page["NextToken"]
    status, out, _ = run(capsys, *base, "--max-results", "1", "--next-token", one_page["NextToken"])
    assert len(json.loads(out)["ResourceDescriptions"]) == 2


def status_of(argv: list[str]) -> int:
    """The exit status, whether ``main`` returns it or argparse exits with it."""
    try:
        return cli.main(argv)
    except SystemExit as done:
        return int(done.code or 0)


def test_bad_input_is_one_line_with_status_2(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    cases = {
        "missing file": ["cloudcontrol", "create-resource", "--desired-state", f"file://{missing}"],
        "no fault": ["faults", "inject", "GetDomain"],
        "bad port": ["serve", "--port", "70000"],
        "zero count": ["faults", "inject", "GetDomain", "ThrottlingException", "--count", "0"],
        "no command": ["nonsense"],
        "bad max results": ["cloudcontrol", "list-resources", "--max-results", "0"],
    }
    for case, argv in cases.items():
        assert status_of(["--endpoint-url", server, *argv]) == 2, case
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1, (case, err)
        assert "error:" in err and "Traceback" not in err, (case, err)
        if case == "missing file":
            assert f"cannot read file://{missing}" in err


def test_a_refused_fault_and_an_unreachable_server_are_one_line_with_status_1(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--endpoint-url", server, "faults", "inject", "GetDomain", "Oops")
    assert status == 1
    assert err.count("\n") == 1 and "400" in err and "fault must be one of" in err
    status, _, err = run(capsys, "--endpoint-url", "http://127.0.0.1:9", "reset")
    assert status == 1
    assert err.count("\n") == 1 and "cannot reach a server at http://127.0.0.1:9" in err
    status, _, err = run(capsys, "--endpoint-url", "not-a-url", "faults", "list")
    assert status == 2 and err.count("\n") == 1


def test_deploy_says_plainly_when_it_is_not_available(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "DEPLOY_MODULE", "localcloud.no_such_support.deploy")
    monkeypatch.setattr(cli, "SUPPORT_PACKAGE", "localcloud.no_such_support")
    status, _, err = run(capsys, "deploy", "--stack-name", "demo")
    assert status == 1
    assert err == "customerprofiles-localcloud: deploy is not available: " + (
        "this toolkit has no CloudFormation support\n"
    )


def test_a_closed_pipe_ends_quietly_with_one_line(server: str) -> None:
    seed_triggers(server, 400)  # far more than a pipe's buffer holds
    script = (
        "import sys; from localcloud.cli import main; "
        f"sys.exit(main(['--endpoint-url', '{server}', 'cloudcontrol', 'list-resources', "
        "'--resource-model', '{\"DomainName\": \"retail\"}']))"
    )
    done = subprocess.run(
        f"{sys.executable} -c {shlex.quote(script)} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        executable="/bin/bash",
    )
    assert done.stdout == "{\n"
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 1, done.stderr


def test_python_dash_m_localcloud_is_the_same_command() -> None:
    done = python("-m", "localcloud", "--help", env=environment())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: customerprofiles-localcloud")


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "with-domain-and-integration.yaml"


def deploy_in_a_child(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The console script in a process of its own: an in-process deploy leaves the server empty."""
    script = Path(sys.executable).parent / PROG
    return subprocess.run(
        [str(script), *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")},
            **env,
        },
    )


def stack_status(endpoint: str, name: str, region: str = "us-east-1") -> str:
    cfn = boto3.client("cloudformation", endpoint_url=endpoint, region_name=region)
    return str(cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"])


def test_deploy_goes_to_the_server_the_global_endpoint_names(server: str) -> None:
    done = deploy_in_a_child(
        "--endpoint-url", server, "deploy", "--template-file", str(EXAMPLE), "--stack-name", "shop"
    )
    assert done.returncode == 0, done.stderr
    assert "Stack shop: CREATE_COMPLETE" in done.stdout
    assert stack_status(server, "shop") == "CREATE_COMPLETE"
    trigger = profiles(server).get_event_trigger(
        DomainName="retail-profiles", EventTriggerName="large-order"
    )
    assert trigger["ObjectTypeName"] == "Orders"


def test_deploy_takes_the_global_region_and_aws_endpoint_url(server: str) -> None:
    done = deploy_in_a_child(
        "--region",
        "eu-west-1",
        "deploy",
        "--template-file",
        str(EXAMPLE),
        "--stack-name",
        "shop",
        AWS_ENDPOINT_URL=server,
    )
    assert done.returncode == 0, done.stderr
    assert stack_status(server, "shop", "eu-west-1") == "CREATE_COMPLETE"
    assert not boto3.client(
        "cloudformation", endpoint_url=server, region_name="us-east-1"
    ).list_stacks()["StackSummaries"]


def test_deploys_own_endpoint_option_wins_over_the_global_one(server: str) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        unused = f"http://127.0.0.1:{probe.getsockname()[1]}"
    done = deploy_in_a_child(
        "--endpoint-url",
        unused,
        "deploy",
        "--template-file",
        str(EXAMPLE),
        "--stack-name",
        "shop",
        "--endpoint-url",
        server,
    )
    assert done.returncode == 0, done.stderr
    assert stack_status(server, "shop") == "CREATE_COMPLETE"


# -- one endpoint rule for every command -------------------------------------------------


def unused_endpoint() -> str:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def clean_endpoints(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No endpoint configured but what the test sets (no variable, an empty config file)."""
    for name in list(os.environ):
        if name.startswith("AWS_ENDPOINT_URL") or name == "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS":
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    return monkeypatch


@pytest.mark.parametrize("service", ["customer-profiles", "cloudcontrol", "cloudformation"])
@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, None),
        ({"AWS_ENDPOINT_URL": "http://global"}, "http://global"),
        ({"AWS_ENDPOINT_URL": "http://global", "SERVICE": "http://own"}, "http://own"),
        ({"SERVICE": "http://own"}, "http://own"),
        ({"AWS_ENDPOINT_URL": "http://g", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, None),
    ],
)
def test_every_service_resolves_its_endpoint_as_botocore_does(
    clean_endpoints: pytest.MonkeyPatch,
    service: str,
    variables: dict[str, str],
    expected: str | None,
) -> None:
    own = "AWS_ENDPOINT_URL_" + service.upper().replace("-", "_")
    for name, value in variables.items():
        clean_endpoints.setenv(own if name == "SERVICE" else name, value)
    assert cli_support.configured_endpoint(service) == expected
    assert cli_support.default_endpoint(service) == expected or cli_support.DEFAULT_ENDPOINT
    client = botocore.session.Session().create_client(service, region_name="us-east-1")
    if expected is not None:  # what botocore itself picks
        assert client.meta.endpoint_url == expected


def test_the_config_files_services_section_counts_too(
    clean_endpoints: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.write_text(
        "[default]\nservices = local\n\n[services local]\ncloudcontrol =\n"
        "  endpoint_url = http://from-config\n"
    )
    assert cli_support.configured_endpoint("cloudcontrol") == "http://from-config"
    assert cli_support.configured_endpoint("cloudformation") is None


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CLOUDCONTROL"])
def test_cloudcontrol_goes_where_the_endpoint_variables_say(
    server: str,
    clean_endpoints: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
) -> None:
    seed_triggers(server, 2)
    # The handlers run in this process, where the server points them at itself.
    clean_endpoints.setenv("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", server)
    if variable != "AWS_ENDPOINT_URL":  # the service's own beats the global one
        clean_endpoints.setenv("AWS_ENDPOINT_URL", unused_endpoint())
    clean_endpoints.setenv(variable, server)
    model = json.dumps({"DomainName": "retail"})
    status, out, err = run(capsys, "cloudcontrol", "list-resources", "--resource-model", model)
    assert status == 0, err
    found = [item["Identifier"] for item in json.loads(out)["ResourceDescriptions"]]
    assert found == ["retail|trigger-0", "retail|trigger-1"]


def test_the_control_routes_go_where_customer_profiles_goes(
    server: str, clean_endpoints: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean_endpoints.setenv("AWS_ENDPOINT_URL", unused_endpoint())
    clean_endpoints.setenv("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", server)
    status, _, err = run(capsys, "faults", "inject", "GetDomain", "ThrottlingException")
    assert status == 0, err
    assert [fault["operation"] for fault in ServerControl(server).pending()] == ["GetDomain"]
