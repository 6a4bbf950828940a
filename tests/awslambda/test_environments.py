"""Execution environments: kept warm between invocations, started cold after a change,
never left behind (after moto's reset, a deletion, a timeout, ``uninstall``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from localcloud import awslambda
from localcloud.awslambda import runner
from localcloud.moto_adapter.core import mock_aws
from localcloud.server import ServerControl
from tests.support.lambdas import ECHO, Cloud, alive, children, package, runner_processes
from tests.support.polling import until


def test_a_warm_environment_serves_the_next_invocation(cloud: Cloud) -> None:
    name = cloud.create()
    first, second = cloud.invoke(name).payload, cloud.invoke(name).payload
    assert (first["calls"], second["calls"]) == (1, 2)
    assert first["pid"] == second["pid"]
    assert runner_processes().count(first["pid"]) == 1


def test_new_code_starts_cold_and_the_old_environment_ends(cloud: Cloud) -> None:
    name = cloud.create()
    old = cloud.invoke(name).payload
    changed = ECHO.replace("calls = 0", "calls = 100")
    cloud.client("lambda").update_function_code(
        FunctionName=name, ZipFile=package({"app.py": changed})
    )
    assert not alive(old["pid"])
    new = cloud.invoke(name).payload
    assert new["calls"] == 101 and new["pid"] != old["pid"]


def test_a_new_configuration_starts_cold_with_it(cloud: Cloud) -> None:
    lam = cloud.client("lambda")
    name = cloud.create(Environment={"Variables": {"COLOR": "red"}})
    old = cloud.invoke(name).payload
    lam.update_function_configuration(
        FunctionName=name, Environment={"Variables": {"COLOR": "blue"}}
    )
    new = cloud.invoke(name).payload
    assert (old["env"]["COLOR"], new["env"]["COLOR"]) == ("red", "blue")
    assert new["calls"] == 1 and not alive(old["pid"])


def test_the_code_is_unpacked_once_per_code_version(cloud: Cloud) -> None:
    lam = cloud.client("lambda")
    name = cloud.create()
    first = cloud.invoke(name).payload
    marker = Path(first["cwd"]) / "app.py"
    before = marker.stat().st_ino
    lam.update_function_configuration(FunctionName=name, MemorySize=256)
    second = cloud.invoke(name).payload
    assert second["pid"] != first["pid"] and second["cwd"] == first["cwd"]
    assert marker.stat().st_ino == before


def test_concurrent_invocations_get_environments_of_their_own(cloud: Cloud) -> None:
    source = (
        "import os, time\ndef handler(event, context):\n    time.sleep(1)\n    return os.getpid()\n"
    )
    name = cloud.create({"app.py": source}, Timeout=120)
    lam = cloud.client("lambda")  # made here: a client is safe to share, a session is not
    answers: list[Any] = []

    def call() -> None:
        answers.append(lam.invoke(FunctionName=name)["Payload"].read())

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(answers) == 2 and answers[0] != answers[1]


def test_deleting_a_function_ends_its_environment(cloud: Cloud) -> None:
    name = cloud.create()
    pid = cloud.invoke(name).payload["pid"]
    cloud.client("lambda").delete_function(FunctionName=name)
    assert not alive(pid)
    assert pid not in runner_processes()


def test_no_environment_is_left_after_the_server_s_reset(local_endpoint: str) -> None:
    target = Cloud("server", local_endpoint)
    target.make_role()
    pids = [target.invoke(target.create()).payload["pid"] for _ in range(3)]
    assert all(pid in children() for pid in pids)
    ServerControl(local_endpoint).reset()
    assert [pid for pid in pids if alive(pid)] == []
    assert runner_processes() == []


def test_no_environment_is_left_when_the_mock_ends() -> None:
    awslambda.register()
    with mock_aws():
        target = Cloud("inprocess", None)
        target.make_role()
        pids = [target.invoke(target.create()).payload["pid"] for _ in range(2)]
        assert all(alive(pid) for pid in pids)
    assert [pid for pid in pids if alive(pid)] == []
    assert runner_processes() == []


def test_uninstall_ends_every_environment_and_register_starts_again() -> None:
    awslambda.register()
    with mock_aws():
        target = Cloud("inprocess", None)
        target.make_role()
        name = target.create()
        pid = target.invoke(name).payload["pid"]
        awslambda.uninstall()
        try:
            assert not alive(pid) and runner.current() is None
        finally:
            awslambda.register()
    with mock_aws():
        target = Cloud("inprocess", None)
        target.make_role()
        assert target.invoke(target.create()).payload["calls"] == 1


def test_every_child_process_ends_with_its_environment(inprocess: Cloud) -> None:
    """Count the test process's children: environments only, and none after a timeout."""
    before = set(children())
    slow = inprocess.create(
        {"app.py": "import time\ndef handler(e, c):\n    time.sleep(600)\n"}, Timeout=1
    )
    quick = inprocess.create()
    warm = inprocess.invoke(quick).payload["pid"]
    assert inprocess.invoke(slow).payload["errorType"] == "Sandbox.Timedout"
    until(lambda: set(children()) - before == {warm}, "only the warm environment is left")


def test_a_new_runner_removes_what_ended_processes_left(tmp_path: Path) -> None:
    """A server killed, or interrupted again while exiting, leaves its directory behind."""
    ended = subprocess.Popen(["true"])  # its process id runs no more once it is waited for
    ended.wait()
    temporary = Path(tempfile.gettempdir())
    abandoned = temporary / f"localcloud-lambda-{ended.pid}-{tmp_path.name}"
    mine = temporary / f"localcloud-lambda-{os.getpid()}-{tmp_path.name}"
    for root in (abandoned, mine):
        (root / "code").mkdir(parents=True)
    try:
        runner.Runner()
        assert not abandoned.exists()
        assert mine.exists()
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        shutil.rmtree(abandoned, ignore_errors=True)
