"""``python -m localcloud.cloudcontrol`` against the local server, and Cloud Control in-process."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import boto3
import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.cloudcontrol import cli
from localcloud.customer_profiles import mock_customer_profiles
from tests.support.polling import settle
from tests.support.processes import python
from tests.support.samples import desired


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_lifecycle_from_the_command_line(
    endpoint: str, domain: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "trigger.json"
    state.write_text(json.dumps(desired(domain, "from-cli")))
    identifier = f"{domain}|from-cli"
    at = ("--endpoint-url", endpoint)

    code, created, _ = _run(
        capsys, "create-resource", "--desired-state", f"file://{state}", "--wait", *at
    )
    assert code == 0
    assert created["ProgressEvent"]["OperationStatus"] == "SUCCESS"
    token = created["ProgressEvent"]["RequestToken"]

    code, status, _ = _run(capsys, *at, "get-resource-request-status", "--request-token", token)
    assert (code, status["ProgressEvent"]["RequestToken"]) == (0, token)

    code, found, _ = _run(capsys, "get-resource", "--identifier", identifier, *at)
    assert code == 0
    assert json.loads(found["ResourceDescription"]["Properties"])["EventTriggerName"] == "from-cli"

    patch = '[{"op": "add", "path": "/Description", "value": "cli"}]'
    code, updated, _ = _run(
        capsys,
        "update-resource",
        "--identifier",
        identifier,
        "--patch-document",
        patch,
        "--wait",
        *at,
    )
    assert (code, updated["ProgressEvent"]["OperationStatus"]) == (0, "SUCCESS")

    model = json.dumps({"DomainName": domain})
    code, listed, _ = _run(capsys, "list-resources", "--resource-model", model, *at)
    assert [d["Identifier"] for d in listed["ResourceDescriptions"]] == [identifier]

    code, again, _ = _run(
        capsys, "create-resource", "--desired-state", f"file://{state}", "--wait", *at
    )
    assert (code, again["ProgressEvent"]["ErrorCode"]) == (1, "AlreadyExists")

    code, deleted, _ = _run(capsys, "delete-resource", "--identifier", identifier, "--wait", *at)
    assert (code, deleted["ProgressEvent"]["OperationStatus"]) == (0, "SUCCESS")

    code, _, err = _run(capsys, "get-resource", "--identifier", identifier, *at)
    assert code == 254
    assert "ResourceNotFoundException" in err

    code, requests, _ = _run(capsys, "list-resource-requests", "--max-results", "2", *at)
    assert code == 0 and len(requests["ResourceRequestStatusSummaries"]) == 2


def test_unreachable_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = _run(
        capsys, "get-resource", "--identifier", "d|n", "--endpoint-url", f"http://127.0.0.1:{port}"
    )
    assert code == 255
    assert "Could not connect" in err


def test_module_entry_point_prints_help() -> None:
    done = python("-m", "localcloud.cloudcontrol", "--help")
    assert done.returncode == 0, done.stderr
    for command in cli.COMMANDS:
        assert command in done.stdout


def test_in_process_with_mock_aws() -> None:
    """The same classes answer boto3 in-process too, under the Customer Profiles mock."""
    from localcloud.cloudcontrol import register

    register()  # before the mock starts: moto reads its URL index then
    with mock_customer_profiles():
        profiles = boto3.client("customer-profiles", region_name="eu-west-1")
        profiles.create_domain(DomainName="inproc", DefaultExpirationDays=30)
        profiles.put_profile_object_type(
            DomainName="inproc",
            ObjectTypeName="orders",
            Description="Orders",
            Fields={"amount": {"Source": "_source.amount", "Target": "_order.Amount"}},
            Keys={"id": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["amount"]}]},
        )
        cloudcontrol = boto3.client("cloudcontrol", region_name="eu-west-1")
        started = cloudcontrol.create_resource(
            TypeName=TYPE_NAME, DesiredState=json.dumps(desired("inproc", "local"))
        )
        assert (
            settle(cloudcontrol, started["ProgressEvent"]["RequestToken"])["OperationStatus"]
            == "SUCCESS"
        )
        found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier="inproc|local")
        assert found["ResourceDescription"]["Identifier"] == "inproc|local"
