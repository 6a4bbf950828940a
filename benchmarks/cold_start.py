"""Cold start, each figure from fresh interpreters.

- Imports: the Lambda entrypoint against cloudformation_cli_python_lib (the
  floor every handler on it pays) and boto3, the modules interleaved run by run.
- First READ after import: the resource type's entrypoint against the lib's
  floor (``benchmarks/floor_provider.py``, a minimal provider making the same
  GetEventTrigger call), interleaved run by run. Each runs in a fresh process
  that holds only what Lambda's would: boto3, the lib and the provider. It
  calls the local service over HTTP (a server in the benchmark's process), as
  a handler on Lambda calls Customer Profiles. The event is built by the
  benchmark and handed over as JSON, so the clock covers exactly the
  provider's import, then its first READ. (With the in-process mock instead,
  moto's objects in the same heap make Python's cyclic garbage collector run
  a full pass of about 100 ms during one provider's first READ or the other's,
  which is not what either costs on Lambda.)
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

from benchmarks.common import ENV, KEY, PYTHON, seed, spread

IMPORT_SNIPPET = (
    "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
)
PROVIDERS = {
    "resource type": "aws_customerprofiles_eventtrigger.handlers",
    "lib floor": "benchmarks.floor_provider",
}

FIRST_READ_SNIPPET = """
import importlib, json, sys, time, boto3
event = sys.stdin.read()
start = time.perf_counter()
resource = importlib.import_module(sys.argv[1]).resource
imported = time.perf_counter()
response = resource(json.loads(event), None)
done = time.perf_counter()
assert response["status"] == "SUCCESS", response
second = time.perf_counter()
resource(json.loads(event), None)
warm = time.perf_counter() - second
print(json.dumps({"import": imported - start, "first": done - imported, "warm": warm}))
"""


def import_seconds(modules: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Each module's import time in fresh interpreters, interleaved run by run."""
    samples: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(runs):
        for module in modules:
            out = subprocess.run(
                [PYTHON, "-c", IMPORT_SNIPPET.format(module=module)],
                env=ENV,
                capture_output=True,
                text=True,
                check=True,
            )
            samples[module].append(float(out.stdout.strip()))
    return {module: spread(values) for module, values in samples.items()}


def read_event() -> str:
    from localcloud.registry_handler import handler_request

    return json.dumps(handler_request("READ", KEY))


def first_read(runs: int) -> dict[str, Any]:
    """Import and first READ of the resource type and of the lib's floor, interleaved."""
    from localcloud.server import running_server

    event = read_event()
    samples: dict[str, dict[str, list[float]]] = {
        name: {"import": [], "first": [], "import + first": [], "warm": []} for name in PROVIDERS
    }
    with running_server() as url:
        seed(url)
        env = {**ENV, "AWS_ENDPOINT_URL_CUSTOMER_PROFILES": url}
        for _ in range(runs):
            for name, module in PROVIDERS.items():
                out = subprocess.run(
                    [PYTHON, "-c", FIRST_READ_SNIPPET, module],
                    input=event,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                parts = json.loads(out.stdout.strip().splitlines()[-1])
                parts["import + first"] = parts["import"] + parts["first"]
                for part, value in parts.items():
                    samples[name][part].append(value)
    figures: dict[str, Any] = {
        name: {part: spread(values) for part, values in parts.items()}
        for name, parts in samples.items()
    }
    ours, floor = figures["resource type"], figures["lib floor"]
    figures["first_read_ratio"] = ours["first"]["median"] / floor["first"]["median"]
    figures["import_plus_first_ratio"] = (
        ours["import + first"]["median"] / floor["import + first"]["median"]
    )
    return figures
