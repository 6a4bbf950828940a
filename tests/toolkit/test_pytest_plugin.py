"""The pytest plugin, loaded through its ``pytest11`` entry point as another project loads it.

pytest runs in a directory outside this repository with no PYTHONPATH, so the
fixtures come from the installed project (``make`` installs it into .venv).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.processes import environment

DATA = Path(__file__).resolve().parent / "data"
WORKER_FILE = """
import os
from pathlib import Path


def record(endpoint):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    out = Path(os.environ["RECORD_DIR"]) / f"{worker}-{os.getpid()}"
    with out.open("a") as handle:
        handle.write(endpoint + "\\n")


def test_one(local_endpoint, customer_profiles_client):
    record(local_endpoint)


def test_two(local_endpoint, customer_profiles_client):
    record(local_endpoint)


def test_three(local_endpoint, customer_profiles_client):
    record(local_endpoint)


def test_four(local_endpoint, customer_profiles_client):
    record(local_endpoint)
"""

# Each test leaves state of every kind behind; the next one must find none of it.
LEAK_FILE = """
import json

TRIGGER = {
    "DomainName": "retail",
    "EventTriggerName": "large-order",
    "ObjectTypeName": "Orders",
    "EventTriggerConditions": [{"LogicalOperator": "ANY", "EventTriggerDimensions": [
        {"ObjectAttributes": [{"Source": "_order.TotalPrice", "ComparisonOperator": "GREATER_THAN",
                               "Values": ["500"]}]}]}],
}


def leave_state_behind(profiles, cloudcontrol, faults):
    assert profiles.list_domains()["Items"] == []
    assert cloudcontrol.list_resource_requests()["ResourceRequestStatusSummaries"] == []
    assert faults.pending() == []
    assert sum(faults.calls().values()) == 1  # the ListDomains above
    profiles.create_domain(DomainName="retail", DefaultExpirationDays=366)
    profiles.put_profile_object_type(DomainName="retail", ObjectTypeName="Orders", Description="O")
    made = cloudcontrol.create_resource(
        TypeName="AWS::CustomerProfiles::EventTrigger", DesiredState=json.dumps(TRIGGER)
    )
    cloudcontrol.get_waiter("resource_request_success").wait(
        RequestToken=made["ProgressEvent"]["RequestToken"], WaiterConfig={"Delay": 1}
    )
    faults.inject("GetDomain", "ThrottlingException", count=5)


def test_first(customer_profiles_client, cloudcontrol_client, customer_profiles_faults):
    leave_state_behind(customer_profiles_client, cloudcontrol_client, customer_profiles_faults)


def test_second(customer_profiles_client, cloudcontrol_client, customer_profiles_faults):
    leave_state_behind(customer_profiles_client, cloudcontrol_client, customer_profiles_faults)


def test_third(cloudcontrol_client, customer_profiles_client, customer_profiles_faults):
    leave_state_behind(customer_profiles_client, cloudcontrol_client, customer_profiles_faults)
"""


def run_pytest(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=project,
        env=environment(("AWS_ENDPOINT_URL",), **env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_project_elsewhere_gets_the_fixtures(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text((DATA / "user_tests_template.py").read_text())
    done = run_pytest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout


def test_each_xdist_worker_has_its_own_server_and_state(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text((DATA / "user_tests_template.py").read_text())
    (tmp_path / "test_workers.py").write_text(WORKER_FILE)
    records = tmp_path / "records"
    records.mkdir()
    # "each": both workers run every test, at the same time, whatever the load.
    done = run_pytest(tmp_path, "-n", "2", "--dist", "each", "-p", "xdist", RECORD_DIR=str(records))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "16 passed" in done.stdout
    endpoints = {
        path.name: set(path.read_text().split()) for path in records.iterdir() if path.is_file()
    }
    assert len(endpoints) == 2, endpoints  # two worker processes
    assert all(len(seen) == 1 for seen in endpoints.values()), endpoints  # one server each
    first, second = endpoints.values()
    assert first != second  # on different ports


def test_a_project_elsewhere_asserts_which_triggers_fired(tmp_path: Path) -> None:
    """The showcase: boto3 and the plugin's trigger fixtures, nothing else from the toolkit."""
    showcase = Path(__file__).resolve().parents[2] / "examples" / "test_which_triggers_fire.py"
    text = showcase.read_text()
    assert "import localcloud" not in text and "from localcloud" not in text
    (tmp_path / "test_showcase.py").write_text(text)
    done = run_pytest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout


def test_no_state_passes_from_one_test_to_the_next(tmp_path: Path) -> None:
    (tmp_path / "test_leaks.py").write_text(LEAK_FILE)
    done = run_pytest(tmp_path, "-p", "no:randomly")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
