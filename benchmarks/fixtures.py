"""The pytest plugin's fixtures: set-up per test, against moto's own ``mock_aws`` fixture.

Each case is a generated test file of many tests run by pytest in a process of
its own, in a directory outside the repository (the plugin comes from its
``pytest11`` entry point, as in a user's project). A hook in the generated
conftest records pytest's own duration of each test's set-up, call and
teardown. The reference is the fixture moto's documentation shows
(``with mock_aws(): yield boto3.client("s3", ...)``); a test decorated with
``@mock_aws`` that makes its client in the body is measured too, in its call.
Every test makes one call, so work a fixture left for later still counts in
``total``. The cases run round by round, interleaved, so a busy moment of the
machine weighs on all alike; figures are medians over the tests of all rounds.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import PYTHON, spread
from tests.support.processes import OFFLINE_AWS, environment

REFERENCE = "moto mock_aws fixture"
PLUGIN_FIXTURES = (
    "customer_profiles_client",
    "cloudcontrol_client",
    "local_endpoint",
    "customer_profiles_faults",
)

CONFTEST = """
import json
import os

_durations = {}


def pytest_runtest_logreport(report):
    _durations.setdefault(report.nodeid, {})[report.when] = report.duration


def pytest_sessionfinish(session, exitstatus):
    with open(os.environ["FIXTURE_BENCH_OUT"], "w") as out:
        json.dump({"exitstatus": int(exitstatus), "tests": _durations}, out)
"""

HEADERS = {
    REFERENCE: """
import boto3
import pytest
from moto import mock_aws


@pytest.fixture
def s3():
    with mock_aws():
        yield boto3.client("s3", region_name="us-east-1")
""",
    "moto @mock_aws test": """
import boto3
from moto import mock_aws
""",
    "customer_profiles_client": "",
    "cloudcontrol_client": "",
    "local_endpoint": "import urllib.request\n",
    "customer_profiles_faults": "",
}

# One test of each case; {n} is its number. Each makes one call.
BODIES = {
    REFERENCE: """
def test_{n}(s3):
    assert s3.list_buckets()["Buckets"] == []
""",
    "moto @mock_aws test": """
@mock_aws
def test_{n}():
    assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []
""",
    "customer_profiles_client": """
def test_{n}(customer_profiles_client):
    assert customer_profiles_client.list_domains()["Items"] == []
""",
    "cloudcontrol_client": """
def test_{n}(cloudcontrol_client):
    assert cloudcontrol_client.list_resource_requests()["ResourceRequestStatusSummaries"] == []
""",
    "local_endpoint": """
def test_{n}(local_endpoint):
    with urllib.request.urlopen(local_endpoint + "/_localcloud/health") as answer:
        assert answer.status == 200
""",
    "customer_profiles_faults": """
def test_{n}(customer_profiles_faults):
    assert customer_profiles_faults.pending() == []
""",
}


def _run(project: Path, case: str, tests: int) -> dict[str, list[float]]:
    """One pytest process running ``tests`` tests of ``case``: their phases' seconds."""
    name = "test_" + "".join(c if c.isalnum() else "_" for c in case) + ".py"
    path = project / name
    path.write_text(HEADERS[case] + "".join(BODIES[case].format(n=n) for n in range(tests)))
    out = project / "durations.json"
    done = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", name],
        cwd=project,
        env=environment(("AWS_ENDPOINT_URL",), FIXTURE_BENCH_OUT=str(out), **OFFLINE_AWS),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"the {case} tests failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    recorded = json.loads(out.read_text())["tests"]
    out.unlink()
    path.unlink()
    phases: dict[str, list[float]] = {"setup": [], "call": [], "teardown": [], "total": []}
    for durations in recorded.values():
        for phase in ("setup", "call", "teardown"):
            phases[phase].append(durations[phase])
        phases["total"].append(sum(durations.values()))
    return phases


def measure(tests: int, rounds: int) -> dict[str, Any]:
    """Set-up, call, teardown and their total per test, for each case."""
    samples: dict[str, dict[str, list[float]]] = {
        case: {"setup": [], "call": [], "teardown": [], "total": []} for case in BODIES
    }
    first_setup: dict[str, list[float]] = {case: [] for case in BODIES}
    with tempfile.TemporaryDirectory(prefix="fixture-bench-") as directory:
        project = Path(directory)
        (project / "conftest.py").write_text(CONFTEST)
        for _ in range(rounds):
            for case in BODIES:
                phases = _run(project, case, tests)
                first_setup[case].append(phases["setup"][0])
                # The first test pays the process's imports and once-per-session work.
                for phase, values in phases.items():
                    samples[case][phase] += values[1:]
    results: dict[str, Any] = {
        "tests_per_process": tests,
        "rounds": rounds,
        "cases": {
            case: {
                **{phase: spread(values) for phase, values in phases.items()},
                "first_setup": statistics.median(first_setup[case]),
            }
            for case, phases in samples.items()
        },
    }
    reference = results["cases"][REFERENCE]
    for case in PLUGIN_FIXTURES:
        figures = results["cases"][case]
        figures["setup_ratio"] = figures["setup"]["median"] / reference["setup"]["median"]
        figures["total_ratio"] = figures["total"]["median"] / reference["total"]["median"]
    results["worst_setup_ratio"] = max(
        results["cases"][case]["setup_ratio"] for case in PLUGIN_FIXTURES
    )
    return results


if __name__ == "__main__":  # a quick look: python -m benchmarks.fixtures
    print(json.dumps(measure(20, 1), indent=2))
