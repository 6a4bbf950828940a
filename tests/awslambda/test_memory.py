"""A function that passes its MemorySize is killed, as Lambda's sandbox kills it.

The runner reads the process's peak resident memory (``VmHWM``) while the
function runs and again before its answer counts, so an answer given after the
peak passed the size is never taken. Lambda answers such an invocation with
``Runtime.ExitError`` ("Runtime exited with error: signal: killed"); its REPORT
line gives the memory size as the memory used.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.lambdas import Cloud, alive
from tests.support.polling import until

# Writes every byte (bytes of zeros could stay unbacked by memory), then answers.
ALLOCATES = (
    "import os\n"
    "def handler(event, context):\n"
    "    with open(event['pid'], 'w') as out:\n"
    "        out.write(str(os.getpid()))\n"
    "    if event.get('mb'):\n"
    "        data = b'x' * (event['mb'] << 20)\n"
    "        return len(data)\n"
    "    return 0\n"
)

# Grows and never answers: only the check while it runs can stop it before its timeout.
RUNAWAY = (
    "import time\n"
    "def handler(event, context):\n"
    "    held = []\n"
    "    for _ in range(40):\n"
    "        held.append(b'x' * (10 << 20))\n"
    "        time.sleep(0.01)\n"
    "    time.sleep(600)\n"
)

KILLED = "Runtime exited with error: signal: killed"


def _killed(payload: object) -> bool:
    return (
        isinstance(payload, dict)
        and payload.get("errorType") == "Runtime.ExitError"
        and str(payload.get("errorMessage", "")).endswith(KILLED)
    )


def test_an_answer_given_past_the_memory_size_is_not_taken(cloud: Cloud, tmp_path: Path) -> None:
    pid = tmp_path / "pid"
    name = cloud.create({"app.py": ALLOCATES}, MemorySize=128, Timeout=60)
    answer = cloud.invoke(name, {"pid": str(pid), "mb": 200}, LogType="Tail")
    assert answer.function_error == "Unhandled"
    assert _killed(answer.payload), answer.payload
    report = answer.log.splitlines()[-1]
    assert "Memory Size: 128 MB\tMax Memory Used: 128 MB" in report
    assert report.endswith("Status: error\tError Type: Runtime.OutOfMemory")
    killed = int(pid.read_text())
    until(lambda: not alive(killed), "the killed environment's process ended")
    # The next invocation starts a new environment, which answers within its size.
    assert cloud.invoke(name, {"pid": str(pid)}).payload == 0
    assert int(pid.read_text()) != killed


def test_within_its_memory_size_a_function_answers(cloud: Cloud, tmp_path: Path) -> None:
    pid = tmp_path / "pid"
    name = cloud.create({"app.py": ALLOCATES}, MemorySize=512, Timeout=60)
    answer = cloud.invoke(name, {"pid": str(pid), "mb": 200}, LogType="Tail")
    assert (answer.function_error, answer.payload) == (None, 200 << 20)
    report = answer.log.splitlines()[-1]
    used = int(report.split("Max Memory Used: ")[1].split()[0])
    assert 200 < used <= 512
    assert "Status:" not in report


def test_a_function_that_keeps_growing_is_killed_before_its_timeout(cloud: Cloud) -> None:
    name = cloud.create({"app.py": RUNAWAY}, MemorySize=128, Timeout=120)
    answer = cloud.invoke(name, LogType="Tail")
    assert _killed(answer.payload), answer.payload  # not Sandbox.Timedout
    assert "Error Type: Runtime.OutOfMemory" in answer.log


def test_a_module_too_large_for_its_memory_fails_its_init(cloud: Cloud) -> None:
    source = "DATA = b'x' * (200 << 20)\ndef handler(event, context):\n    return len(DATA)\n"
    name = cloud.create({"app.py": source}, MemorySize=128, Timeout=60)
    answer = cloud.invoke(name, LogType="Tail")
    assert _killed(answer.payload), answer.payload
    assert "Error Type: Runtime.OutOfMemory" in answer.log


@pytest.mark.parametrize("megabytes, killed", [(200, True), (20, False)])
def test_a_node_function_past_its_memory_size_is_killed(
    cloud: Cloud, megabytes: int, killed: bool
) -> None:
    source = (
        "exports.handler = async (event) => {\n"
        "  const data = Buffer.alloc(event.mb * 1024 * 1024, 1);\n"
        "  return data.length;\n"
        "};\n"
    )
    name = cloud.create(
        {"index.js": source}, runtime="nodejs20.x", handler="index.handler", MemorySize=128
    )
    answer = cloud.invoke(name, {"mb": megabytes})
    if killed:
        assert _killed(answer.payload), answer.payload
    else:
        assert answer.payload == megabytes << 20, json.dumps(answer.payload)
