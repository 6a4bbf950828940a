"""The benchmark (``make bench``): every goal figure, measured side by side.

It prints the goal rows (today's figure, the measured one, the ratio and the
goal), then every figure in detail, and writes the results as JSON:
``benchmarks/results.json``, or ``benchmarks/quick.json`` with ``--quick``
(fewer repetitions, smaller scale; CI runs that only to keep the benchmark
working, asserting no timing). Figures are medians of repeated runs, with
their spread; ratios are taken from runs interleaved with their reference.

- ``cold_start``: imports, and the first READ after import against the lib's
  floor, in fresh processes.
- ``inprocess``: handler overhead against raw boto3; a list page at scale.
- ``cloudcontrol``: the local server in its own process; botocore's waiter
  after each create, update and delete; GetResource and GetEventTrigger as a
  boto3 client waits for them.
- ``triggers``: PutProfileObject with 0, 10 and 50 active triggers on its type;
  the evaluator's cost against the attributes of one trigger.
- ``fixtures``: the pytest plugin's fixtures, set-up per test against moto's
  ``mock_aws`` fixture, in pytest processes of their own.
- ``package``: the Lambda code's size (``tools/package_size.py``), and its
  cold start with and without ``.pyc`` (``tools/measure_package_cold_start.py``);
  the custom resource's cold start beside the registry handler's (the same
  tool); ``python -m benchmarks.package custom-resource`` runs that part alone.
- ``lambda_invoke``: Lambda Invoke through the local runner (the server in its
  own process), warm and cold, beside the bare start of the same interpreter.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python benchmarks/bench.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import (
    cloudcontrol,
    cold_start,
    fixtures,
    inprocess,
    lambda_invoke,
    package,
    report,
    triggers,
)
from benchmarks.common import ROOT, machine, offline_credentials


def run(quick: bool) -> dict[str, Any]:
    offline_credentials()
    spent: dict[str, float] = {}

    def section(name: str, measure: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        try:
            return measure()
        finally:
            spent[name] = round(time.perf_counter() - start, 1)

    modules = [
        "boto3",
        "cloudformation_cli_python_lib",
        "aws_customerprofiles_eventtrigger.handlers",
    ]
    imports = section("imports", lambda: cold_start.import_seconds(modules, 2 if quick else 21))
    sizes = [100, 1_000] if quick else [100, 100_000]
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "machine": machine(),
        "cold_start": {
            "imports": imports,
            "entrypoint_to_lib_ratio": imports[modules[2]]["median"]
            / imports[modules[1]]["median"],
            "first_read": section("first read", lambda: cold_start.first_read(2 if quick else 21)),
        },
        "handler_overhead": section(
            "handler overhead", lambda: inprocess.handler_overhead(10 if quick else 300)
        ),
        "list_sizes": sizes,
        "list_at_scale": section(
            "list at scale", lambda: inprocess.list_at_scale(sizes, 3 if quick else 50)
        ),
        "trigger_firing": section(
            "trigger firing", lambda: triggers.put_object(5 if quick else 200)
        ),
        "trigger_evaluation": section(
            "trigger evaluation", lambda: triggers.evaluation(5 if quick else 100)
        ),
        "cloudcontrol": section(
            "cloud control",
            lambda: cloudcontrol.measure(cycles=2 if quick else 50, requests=20 if quick else 1000),
        ),
        "fixtures": section(
            "fixtures",
            lambda: fixtures.measure(tests=6 if quick else 60, rounds=1 if quick else 3),
        ),
        "package": section("package", lambda: package.package_size(reuse=quick)),
        "package_cold_start": section(
            "package cold start", lambda: package.package_cold_start(1 if quick else 11)
        ),
        "custom_resource_cold_start": section(
            "custom resource cold start",
            lambda: package.custom_resource_cold_start(1 if quick else 11),
        ),
        "lambda_invoke": section(
            "lambda invoke",
            lambda: lambda_invoke.measure(runs=3 if quick else 30, warm_runs=5 if quick else 100),
        ),
    }
    results["goals"] = report.goal_rows(results)
    results["seconds_per_section"] = spent
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the resource provider.")
    parser.add_argument("--quick", action="store_true", help="few repetitions, small scale")
    args = parser.parse_args(argv)
    results = run(args.quick)
    output = ROOT / "benchmarks" / ("quick.json" if args.quick else "results.json")
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(report.table(results))
    print(f"\nResults written to {output.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
