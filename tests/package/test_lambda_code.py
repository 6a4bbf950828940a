"""The Lambda code ``cfn submit`` ships, run as the python3.12 runtime runs it."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from localcloud.registry_handler import handler_request
from localcloud.samples import ORDERS_OVER_500
from localcloud.server import running_server
from tests.support.cloud import any_client
from tests.support.response_url import custom_resource_event, response_url

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = json.loads((ROOT / ".rpdk-config").read_text())
RUNNER = Path(__file__).with_name("lambda_runner.py")
TYPE_NAME = SETTINGS["typeName"]
REGION = "us-east-1"
DOMAIN, OBJECT_TYPE, NAME = "package-smoke", "Orders", "large-order"
CREATE = {
    "DomainName": DOMAIN,
    "EventTriggerName": NAME,
    "ObjectTypeName": OBJECT_TYPE,
    "Description": "Orders over 500",
    "EventTriggerConditions": ORDERS_OVER_500,
    "Tags": [{"Key": "team", "Value": "crm"}],
}
UPDATE = {**CREATE, "Description": "Orders over 500, updated"}
KEY = {"DomainName": DOMAIN, "EventTriggerName": NAME}
CUSTOM_RESOURCE_ENTRYPOINT = "aws_customerprofiles_eventtrigger.custom_resource.handler"
LOG_GROUP = "cloudformation/registry/" + "-".join(TYPE_NAME.lower().split("::"))
# 8 MB, the size the Lambda code must stay under unpacked.
MAX_UNPACKED = 8_000_000
CACHE_TAG = "cpython-" + SETTINGS["runtime"].removeprefix("python").replace(".", "")


def client(service: str, url: str) -> Any:
    return any_client(
        service,
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id="AKIAEXAMPLEOFFLINE00",
        aws_secret_access_key="offline",
    )


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running_server() as url:
        profiles = client("customer-profiles", url)
        profiles.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
        profiles.put_profile_object_type(
            DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE, Description="Orders"
        )
        yield url


def files_in(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file()
    }


def invoke(
    python: str,
    code: Path,
    url: str,
    events: list[dict[str, Any]],
    home: Path,
    entrypoint: str = SETTINGS["entrypoint"],
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run ``events`` through an entrypoint of the package in one fresh runtime process."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL": url,
        "AWS_ENDPOINT_URL_CUSTOMER_PROFILES": url,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "PYTHONDONTWRITEBYTECODE": "1",
        **(extra_env or {}),
    }
    done = subprocess.run(
        [python, "-I", "-S", "-B", str(RUNNER), str(code), entrypoint],
        input=json.dumps(events),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_every_action_and_log_delivery_run_from_the_unpacked_code(
    runtime_python: str, lambda_code: Path, endpoint: str, tmp_path: Path
) -> None:
    logged_read = handler_request("READ", KEY)
    logged_read["requestData"]["providerLogGroupName"] = LOG_GROUP
    assert logged_read["requestData"]["providerCredentials"]
    events = [
        handler_request("CREATE", CREATE),
        handler_request("READ", KEY),
        handler_request("UPDATE", UPDATE, previous_properties=CREATE),
        handler_request("LIST", {"DomainName": DOMAIN}),
        logged_read,
        handler_request("DELETE", KEY),
        handler_request("READ", KEY),
    ]
    before = files_in(lambda_code)

    result = invoke(runtime_python, lambda_code, endpoint, events, tmp_path)

    create, read, update, listed, read_logged, delete, gone = result["responses"]
    for response in (create, read, update, listed, read_logged, delete):
        assert response["status"] == "SUCCESS", response
    assert read["resourceModel"]["Description"] == "Orders over 500"
    assert read_logged["resourceModel"]["Description"] == "Orders over 500, updated"
    assert [model["EventTriggerName"] for model in listed["resourceModels"]] == [NAME]
    assert (gone["status"], gone["errorCode"]) == ("FAILED", "NotFound")
    # The bytecode shipped was used: nothing compiled, nothing loaded from elsewhere.
    assert result["compiled"] == []
    assert result["outside"] == []
    assert files_in(lambda_code) == before

    logs = client("logs", endpoint)
    events_logged = logs.filter_log_events(logGroupName=LOG_GROUP)["events"]
    assert events_logged, f"no log events delivered to {LOG_GROUP}"
    cloudwatch = client("cloudwatch", endpoint)
    namespace = "AWS/CloudFormation/" + TYPE_NAME.replace("::", "/")
    metrics = {m["MetricName"] for m in cloudwatch.list_metrics(Namespace=namespace)["Metrics"]}
    assert {"HandlerInvocationCount", "HandlerInvocationDuration"} <= metrics


def test_the_custom_resource_runs_from_the_unpacked_code(
    runtime_python: str, lambda_code: Path, endpoint: str, tmp_path: Path
) -> None:
    properties = {**CREATE, "EventTriggerName": "custom-resource"}
    with_limits = {
        **properties,
        "EventTriggerLimits": {"Periods": [{"Unit": "DAYS", "Value": "1", "Unlimited": "false"}]},
    }
    renamed = {**with_limits, "EventTriggerName": "custom-resource-renamed"}
    first_id = f"{DOMAIN}|custom-resource"
    second_id = f"{DOMAIN}|custom-resource-renamed"
    with response_url() as responses:
        events = [
            custom_resource_event("Create", properties, responses.url),
            custom_resource_event(
                "Update",
                with_limits,
                responses.url,
                old_properties=properties,
                physical_id=first_id,
            ),
            custom_resource_event(
                "Update", renamed, responses.url, old_properties=with_limits, physical_id=first_id
            ),
            custom_resource_event("Delete", with_limits, responses.url, physical_id=first_id),
            custom_resource_event("Delete", renamed, responses.url, physical_id=second_id),
        ]
        # The function's own credentials, as Lambda puts its role's in the environment.
        credentials = {"AWS_ACCESS_KEY_ID": "AKIAEXAMPLEOFFLINE00", "AWS_SECRET_ACCESS_KEY": "x"}
        result = invoke(
            runtime_python,
            lambda_code,
            endpoint,
            events,
            tmp_path,
            entrypoint=CUSTOM_RESOURCE_ENTRYPOINT,
            extra_env=credentials,
        )
        sent = responses.documents

    assert sent == result["responses"]
    assert [(doc["Status"], doc["PhysicalResourceId"]) for doc in sent] == [
        ("SUCCESS", first_id),
        ("SUCCESS", first_id),
        ("SUCCESS", second_id),
        ("SUCCESS", first_id),
        ("SUCCESS", second_id),
    ]
    assert set(sent[0]["Data"]) == {"DomainName", "EventTriggerName", "CreatedAt", "LastUpdatedAt"}
    assert result["compiled"] == []
    assert result["outside"] == []
    profiles = client("customer-profiles", endpoint)
    names = [
        item["EventTriggerName"]
        for item in profiles.list_event_triggers(DomainName=DOMAIN)["Items"]
    ]
    assert not {"custom-resource", "custom-resource-renamed"} & set(names)


def test_the_code_fits_the_size_goal_and_the_runtime(lambda_code: Path) -> None:
    files = files_in(lambda_code)
    assert sum(files.values()) <= MAX_UNPACKED, f"{sum(files.values())} bytes unpacked"
    extensions = [name for name in files if name.endswith(".so")]
    wrong = [name for name in extensions if f".{CACHE_TAG}-" not in name and ".abi3." not in name]
    assert not wrong, f"extensions built for another Python: {wrong}"
    sources = [name for name in files if name.endswith(".py")]
    uncompiled = [
        name
        for name in sources
        if f"{Path(name).parent / '__pycache__' / Path(name).stem}.{CACHE_TAG}.pyc" not in files
    ]
    assert sources and not uncompiled, f"sources without {CACHE_TAG} bytecode: {uncompiled}"
    # Sources ship only where tracebacks need them; the rest is bytecode alone.
    package = SETTINGS["entrypoint"].split(".")[0]
    assert {Path(name).parts[0] for name in sources} == {package, "cloudformation_cli_python_lib"}
    assert (lambda_code / "botocore" / "client.pyc").is_file()


def test_the_provider_bytecode_stays_valid_whatever_the_timestamps(lambda_code: Path) -> None:
    package = SETTINGS["entrypoint"].split(".")[0]
    compiled = sorted((lambda_code / package / "__pycache__").glob(f"*.{CACHE_TAG}.pyc"))
    assert compiled
    for path in compiled:
        flags = int.from_bytes(path.read_bytes()[4:8], "little")
        assert flags == 0b01, f"{path.name}: not unchecked-hash bytecode (flags {flags})"


def test_only_the_runtime_code_ships(lambda_code: Path) -> None:
    top = {path.name for path in lambda_code.iterdir()}
    for unwanted in ("tests", "localcloud", "moto", "setuptools", "pkg_resources", "bin"):
        assert unwanted not in top
    assert not [name for name in top if name.startswith("setuptools")]
    data = lambda_code / "botocore" / "data"
    services = {path.name for path in data.iterdir() if path.is_dir()}
    # The provider's client, and the lib's log delivery and metrics.
    assert services == {"customer-profiles", "logs", "cloudwatch"}
    importers = [
        str(path.relative_to(lambda_code))
        for path in lambda_code.rglob("*")
        if path.is_file()
        and ".dist-info" not in str(path)
        and (b"pkg_resources" in path.read_bytes() or b"setuptools" in path.read_bytes())
    ]
    assert importers == [], "code naming setuptools, which the package leaves out"


def test_cfn_submit_builds_with_the_lambda_build_plugin() -> None:
    assert SETTINGS["language"] == "python312-lambda", (
        ".rpdk-config must name the python312-lambda plugin, or cfn submit ships sources only"
    )
