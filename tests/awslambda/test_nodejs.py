"""Node.js functions: async and callback handlers, ES modules, Lambda's errors and log lines."""

from __future__ import annotations

import shutil

import pytest

from tests.support.lambdas import Cloud

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")

COUNTER = """
let calls = 0;
exports.handler = async (event, context) => {
  calls += 1;
  console.log('event', JSON.stringify(event));
  return {
    calls,
    pid: process.pid,
    greeting: process.env.GREETING,
    endpoint: process.env.AWS_ENDPOINT_URL,
    functionName: context.functionName,
    memory: context.memoryLimitInMB,
    arn: context.invokedFunctionArn,
    requestId: context.awsRequestId,
    logStream: context.logStreamName,
    remaining: context.getRemainingTimeInMillis(),
  };
};
"""

# name: (files, errorType, text the errorMessage holds)
BROKEN = {
    "a thrown error": (
        {"index.js": "exports.handler = async () => { throw new TypeError('bad input'); };\n"},
        "TypeError",
        "bad input",
    ),
    "a callback error": (
        {"index.js": "exports.handler = (e, c, callback) => callback(new Error('no way'));\n"},
        "Error",
        "no way",
    ),
    "no such module": (
        {"other.js": "exports.handler = async () => 1;\n"},
        "Runtime.ImportModuleError",
        "Cannot find module 'index'",
    ),
    "no such handler": (
        {"index.js": "exports.other = async () => 1;\n"},
        "Runtime.HandlerNotFound",
        "index.handler is undefined or not exported",
    ),
    "a syntax error": (
        {"index.js": "exports.handler = async ( => 1;\n"},
        "Runtime.UserCodeSyntaxError",
        "SyntaxError",
    ),
    "an exit": (
        {"index.js": "exports.handler = async () => { process.exit(4); };\n"},
        "Runtime.ExitError",
        "Runtime exited with error: exit status 4",
    ),
}


def test_an_async_handler_answers_and_stays_warm(cloud: Cloud) -> None:
    name = cloud.create(
        {"index.js": COUNTER},
        runtime="nodejs20.x",
        handler="index.handler",
        Environment={"Variables": {"GREETING": "hi"}},
        MemorySize=256,
    )
    first = cloud.invoke(name, {"n": 1}, LogType="Tail")
    second = cloud.invoke(name, {"n": 2}).payload
    answer = first.payload
    assert (answer["calls"], second["calls"]) == (1, 2) and answer["pid"] == second["pid"]
    assert (answer["greeting"], answer["functionName"], answer["memory"]) == ("hi", name, "256")
    assert answer["endpoint"].startswith("http://127.0.0.1:")
    assert answer["arn"].endswith(f":function:{name}")
    assert 0 < answer["remaining"] <= 3000
    assert answer["requestId"] != second["requestId"]
    assert f'{answer["requestId"]}\tINFO\tevent {{"n":1}}' in first.log
    assert first.log.splitlines()[-1].startswith("REPORT RequestId: ")


def test_a_callback_handler_and_an_es_module(cloud: Cloud) -> None:
    callback = "exports.handler = (event, context, cb) => setTimeout(() => cb(null, 'later'), 5);\n"
    name = cloud.create({"index.js": callback}, runtime="nodejs20.x", handler="index.handler")
    assert cloud.invoke(name).payload == "later"
    module = "export const handler = async (event) => ({ esm: event.x });\n"
    esm = cloud.create({"app.mjs": module}, runtime="nodejs20.x", handler="app.handler")
    assert cloud.invoke(esm, {"x": 3}).payload == {"esm": 3}


@pytest.mark.parametrize("case", list(BROKEN), ids=lambda case: case.replace(" ", "-"))
def test_a_broken_node_function_answers_lambda_s_error(cloud: Cloud, case: str) -> None:
    files, error_type, message = BROKEN[case]
    name = cloud.create(files, runtime="nodejs20.x", handler="index.handler")
    answer = cloud.invoke(name)
    assert (answer.status, answer.function_error) == (200, "Unhandled")
    assert answer.payload["errorType"] == error_type
    assert message in answer.payload["errorMessage"]


def test_a_node_error_carries_its_trace(cloud: Cloud) -> None:
    source = "exports.handler = async () => { throw new RangeError('too far'); };\n"
    name = cloud.create({"index.js": source}, runtime="nodejs20.x", handler="index.handler")
    error = cloud.invoke(name).payload
    assert error["trace"][0] == "RangeError: too far"
    assert "index.js" in error["trace"][1]


def test_a_node_timeout(cloud: Cloud) -> None:
    source = "exports.handler = () => new Promise(() => setInterval(() => {}, 1000));\n"
    name = cloud.create({"index.js": source}, runtime="nodejs20.x", handler="index.handler",
                        Timeout=1)  # fmt: skip
    error = cloud.invoke(name).payload
    assert error["errorType"] == "Sandbox.Timedout"
    assert error["errorMessage"].endswith("Task timed out after 1.00 seconds")
