"""Lambda Invoke through the local runner: warm and cold, beside the interpreter's bare start.

The local server runs in a process of its own (``benchmarks.serve``); a boto3
client in the benchmark's process invokes a function that answers its event,
for python3.12 (the runtime of this project's own Lambda code) and, when Node.js
is installed, nodejs20.x:

- warm: an Invoke that an idle environment serves;
- cold: an Invoke right after UpdateFunctionConfiguration (a new Description)
  ended the function's environment, so a new one starts: the interpreter, the
  bootstrap, the handler's import, then the invocation (the code was unpacked
  at the first Invoke, as it is once per code version);
- bare: the same interpreter started with nothing to do (``python -c pass``,
  ``node -e 0``) from the benchmark's process, with only ``PATH`` set, as a
  function's environment has no variables of the caller's; interleaved run by
  run with the cold invocations, so both see the same load.

The goal: a cold Invoke takes at most 1.5 times the bare start. This section
alone: ``python benchmarks/lambda_invoke.py [--quick]`` (prints its rows).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python benchmarks/lambda_invoke.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cloudcontrol import server_process
from benchmarks.common import offline_credentials, spread

GOAL = 1.5
SOURCES = {
    "python3.12": ("app.py", "def handler(event, context):\n    return event\n", "app.handler"),
    "nodejs20.x": ("index.js", "exports.handler = async (event) => event;\n", "index.handler"),
}
ROLE_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def _package(name: str, source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, source)
    return buffer.getvalue()


def _bare(executable: str, runtime: str) -> float:
    command = (
        [executable, "-c", "pass"] if runtime.startswith("python") else [executable, "-e", "0"]
    )
    env = {"PATH": os.pathsep.join([os.path.dirname(executable), "/usr/bin", "/bin"])}
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True)
    return time.perf_counter() - start


def _runtime(client: Any, role: str, runtime: str, runs: int, warm_runs: int) -> dict[str, Any]:
    from localcloud.awslambda import interpreters

    interpreter = interpreters.find(runtime)
    file_name, source, handler = SOURCES[runtime]
    name = f"bench-{runtime.replace('.', '-')}"
    client.create_function(
        FunctionName=name,
        Runtime=runtime,
        Role=role,
        Handler=handler,
        Code={"ZipFile": _package(file_name, source)},
    )
    event = json.dumps({"bench": True}).encode()

    def invoke() -> float:
        start = time.perf_counter()
        answer = client.invoke(FunctionName=name, Payload=event)
        elapsed = time.perf_counter() - start
        body = answer["Payload"].read()
        if answer.get("FunctionError") or json.loads(body) != {"bench": True}:
            raise RuntimeError(f"{name} answered {body!r}")
        return elapsed

    first = invoke()  # unpacks the code; finds the interpreter if no runtime did yet
    cold: list[float] = []
    bare: list[float] = []
    for index in range(runs):
        client.update_function_configuration(FunctionName=name, Description=f"run {index}")
        cold.append(invoke())
        bare.append(_bare(interpreter.executable, runtime))
    warm = [invoke() for _ in range(warm_runs)]
    figures: dict[str, Any] = {
        "interpreter": f"{interpreter.executable} ({interpreter.version})",
        "first": first,
        "cold": spread(cold),
        "warm": spread(warm),
        "bare": spread(bare),
    }
    figures["cold_to_bare"] = figures["cold"]["median"] / figures["bare"]["median"]
    figures["warm_to_bare"] = figures["warm"]["median"] / figures["bare"]["median"]
    return figures


def measure(runs: int, warm_runs: int) -> dict[str, Any]:
    """Each runtime's first, cold and warm Invoke, and its interpreter's bare start."""
    import boto3

    runtimes = [r for r in SOURCES if r.startswith("python") or shutil.which("node")]
    with server_process() as server:
        client = boto3.client("lambda", region_name="us-east-1", endpoint_url=server.endpoint)
        iam = boto3.client("iam", region_name="us-east-1", endpoint_url=server.endpoint)
        role = iam.create_role(RoleName="bench", AssumeRolePolicyDocument=ROLE_POLICY)
        results = {
            runtime: _runtime(client, role["Role"]["Arn"], runtime, runs, warm_runs)
            for runtime in runtimes
        }
    return {"runtimes": results, "goal": GOAL, "runs": runs, "warm_runs": warm_runs}


def main(argv: list[str] | None = None) -> int:
    from benchmarks import report

    parser = argparse.ArgumentParser(description="Lambda Invoke through the local runner.")
    parser.add_argument("--quick", action="store_true", help="a few runs only")
    args = parser.parse_args(argv)
    offline_credentials()
    invokes = measure(runs=3 if args.quick else 30, warm_runs=5 if args.quick else 100)
    for row in report.lambda_goal_rows(invokes):
        print(" | ".join(row.values()))
    print("\n".join(report.lambda_table(invokes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
