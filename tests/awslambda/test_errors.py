"""A broken function answers with Lambda's error: type, message naming the cause, no wait.

Lambda answers HTTP 200 with ``X-Amz-Function-Error: Unhandled`` and the payload
``{"errorMessage", "errorType", "stackTrace"}`` (Python's runtime adds
``requestId``); a timeout or a process that ends answers the runtime's own error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from tests.support.lambdas import Cloud, alive, package
from tests.support.polling import until

# name: (files, handler, errorType, text the errorMessage holds)
BROKEN = {
    "syntax error": (
        {"app.py": "def handler(event, context:\n    return 1\n"},
        "app.handler",
        "Runtime.UserCodeSyntaxError",
        "Syntax error in module 'app'",
    ),
    "no such module": (
        {"other.py": "x = 1\n"},
        "app.handler",
        "Runtime.ImportModuleError",
        "Unable to import module 'app': No module named 'app'",
    ),
    "a missing import in the module": (
        {"app.py": "import not_installed_anywhere\n"},
        "app.handler",
        "Runtime.ImportModuleError",
        "Unable to import module 'app': No module named 'not_installed_anywhere'",
    ),
    "no such handler": (
        {"app.py": "def other(event, context):\n    return 1\n"},
        "app.handler",
        "Runtime.HandlerNotFound",
        "Handler 'handler' missing on module 'app'",
    ),
    "a malformed handler": (
        {"app.py": "x = 1\n"},
        "nodot",
        "Runtime.MalformedHandlerName",
        "Bad handler 'nodot'",
    ),
    "an exception at import": (
        {"app.py": "raise RuntimeError('cannot start')\n"},
        "app.handler",
        "RuntimeError",
        "cannot start",
    ),
    "an exception in the handler": (
        {"app.py": "def handler(event, c):\n    raise ValueError('bad order ' + event['id'])\n"},
        "app.handler",
        "ValueError",
        "bad order 7",
    ),
    "a result JSON cannot hold": (
        {"app.py": "def handler(event, context):\n    return {1, 2}\n"},
        "app.handler",
        "Runtime.MarshalError",
        "Unable to marshal response: Object of type set is not JSON serializable",
    ),
    "sys.exit in the handler": (
        {"app.py": "import sys\ndef handler(event, context):\n    sys.exit(3)\n"},
        "app.handler",
        "Runtime.ExitError",
        "Runtime exited with error: exit status 3",
    ),
    "a crash": (
        {"app.py": "import os\ndef handler(event, context):\n    os.kill(os.getpid(), 9)\n"},
        "app.handler",
        "Runtime.ExitError",
        "Runtime exited with error: signal: killed",
    ),
    "an exit at import": (
        {"app.py": "import os\nos._exit(2)\n"},
        "app.handler",
        "Runtime.ExitError",
        "Runtime exited with error: exit status 2",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=lambda case: case.replace(" ", "-"))
def test_a_broken_function_answers_lambda_s_error(cloud: Cloud, case: str) -> None:
    files, handler, error_type, message = BROKEN[case]
    name = cloud.create(files, handler=handler, Timeout=60)
    answer = cloud.invoke(name, {"id": "7"}, LogType="Tail")
    assert (answer.status, answer.function_error) == (200, "Unhandled")
    error = answer.payload
    assert error["errorType"] == error_type
    assert message in error["errorMessage"]
    assert "END RequestId: " in answer.log
    # A function broken at init stays broken; it answers the same again.
    again = cloud.invoke(name, {"id": "7"}).payload
    assert again["errorType"] == error_type


def test_an_exception_s_stack_trace_is_the_function_s_own(cloud: Cloud) -> None:
    source = "def handler(event, context):\n    return helper()\n\ndef helper():\n    1 / 0\n"
    name = cloud.create({"app.py": source})
    answer = cloud.invoke(name, LogType="Tail")
    error = answer.payload
    assert error["errorType"] == "ZeroDivisionError"
    assert error["errorMessage"] == "division by zero"
    assert len(error["stackTrace"]) == 2
    assert "in handler" in error["stackTrace"][0] and "in helper" in error["stackTrace"][1]
    assert all("bootstrap.py" not in line for line in error["stackTrace"])
    assert error["requestId"] and error["requestId"] in answer.log
    assert "[ERROR] ZeroDivisionError: division by zero\r" in answer.log


def test_a_timeout_kills_the_function_and_what_it_started(cloud: Cloud, tmp_path: Path) -> None:
    pids = tmp_path / "pids.json"
    source = (
        "import json, os, subprocess, time\n"
        "def handler(event, context):\n"
        "    child = subprocess.Popen(['sleep', '600'])\n"
        "    with open(event['pids'], 'w') as out:\n"
        "        json.dump([os.getpid(), child.pid], out)\n"
        "    time.sleep(600)\n"
    )
    name = cloud.create({"app.py": source}, Timeout=1)
    answer = cloud.invoke(name, {"pids": str(pids)}, LogType="Tail")
    assert answer.function_error == "Unhandled"
    assert answer.payload["errorType"] == "Sandbox.Timedout"
    assert answer.payload["errorMessage"].endswith("Task timed out after 1.00 seconds")
    assert "Task timed out after 1.00 seconds" in answer.log and "Status: timeout" in answer.log
    function_pid, child_pid = json.loads(pids.read_text())
    until(lambda: not alive(function_pid) and not alive(child_pid), "both processes ended")
    # The next invocation starts a new environment.
    pids.unlink()
    cloud.invoke(name, {"pids": str(pids)})
    assert json.loads(pids.read_text())[0] != function_pid


def test_an_unknown_runtime_is_refused_naming_it(cloud: Cloud) -> None:
    name = cloud.create(runtime="java21", handler="example.Handler::handleRequest")
    with pytest.raises(ClientError) as excinfo:
        cloud.client("lambda").invoke(FunctionName=name)
    error = excinfo.value.response["Error"]
    assert error["Code"] == "InvalidRuntimeException"
    assert "java21" in error["Message"]


def test_a_package_that_is_not_a_zip_is_refused(cloud: Cloud) -> None:
    name = cloud.create(Code={"ZipFile": b"this is no zip file"})
    with pytest.raises(ClientError) as excinfo:
        cloud.client("lambda").invoke(FunctionName=name)
    error = excinfo.value.response["Error"]
    assert error["Code"] == "InvalidZipFileException"
    assert "Could not unzip" in error["Message"]


def test_a_package_reaching_outside_its_directory_is_refused(cloud: Cloud) -> None:
    name = cloud.create(Code={"ZipFile": package({"../escape.py": "x = 1\n"})})
    with pytest.raises(ClientError) as excinfo:
        cloud.client("lambda").invoke(FunctionName=name)
    assert excinfo.value.response["Error"]["Code"] == "InvalidZipFileException"
    assert "../escape.py" in excinfo.value.response["Error"]["Message"]
