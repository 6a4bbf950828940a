"""The benchmark (``make bench``): cold start, handler overhead, list at scale, Cloud Control.

Every figure is measured here, as the median of repeated runs with its spread.
It prints a table and writes the results as JSON: ``benchmarks/results.json``,
or ``benchmarks/quick.json`` with ``--quick`` (fewer repetitions, smaller
scale; CI runs that only to keep the benchmark working, asserting no timing).

- Cold start: importing the Lambda entrypoint, against importing
  cloudformation_cli_python_lib (the floor every handler on it pays) and boto3,
  each in fresh interpreters; and the first invocation after import, a READ
  against the offline service.
- Handler overhead: a handler's whole invocation through the entrypoint,
  in-process against the in-process service, against the same raw boto3 calls.
- List at scale: the time and peak memory of one page, with 100 and with
  100,000 triggers in the domain, for the list handler and for the service's
  ListEventTriggers.
- Cloud Control: GetResource requests per second with 1, 4 and 16 clients.
- The registry package: the size of the Lambda code.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
DOMAIN = "bench"
OBJECT_TYPE = "Orders"
CONDITIONS = [
    {
        "EventTriggerDimensions": [
            {
                "ObjectAttributes": [
                    {
                        "Source": "_order.TotalPrice",
                        "ComparisonOperator": "GREATER_THAN",
                        "Values": ["1"],
                    }
                ]
            }
        ],
        "LogicalOperator": "ANY",
    }
]
MODEL = {
    "DomainName": DOMAIN,
    "EventTriggerName": "bench-trigger",
    "ObjectTypeName": OBJECT_TYPE,
    "Description": "Benchmark trigger",
    "EventTriggerConditions": CONDITIONS,
    "Tags": [{"Key": "team", "Value": "bench"}],
}
KEY = {"DomainName": DOMAIN, "EventTriggerName": "bench-trigger"}


def spread(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "p90": ordered[int(0.9 * (len(ordered) - 1))],
        "n": len(ordered),
    }


def timed(function: Callable[[], Any], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


# -- cold start ---------------------------------------------------------------

IMPORT_SNIPPET = (
    "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
)


def import_seconds(modules: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Each module's import time in fresh interpreters, the modules interleaved run by run
    so that a busy moment of the machine weighs on all of them alike."""
    samples: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(runs):
        for module in modules:
            out = subprocess.run(
                [sys.executable, "-c", IMPORT_SNIPPET.format(module=module)],
                env=ENV,
                capture_output=True,
                text=True,
                check=True,
            )
            samples[module].append(float(out.stdout.strip()))
    return {module: spread(values) for module, values in samples.items()}


FIRST_READ_SNIPPET = """
import json, time, boto3
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.handler_request import handler_request
with mock_customer_profiles():
    client = boto3.client("customer-profiles", region_name="us-east-1")
    client.create_domain(DomainName="bench", DefaultExpirationDays=366)
    client.put_profile_object_type(DomainName="bench", ObjectTypeName="Orders", Description="o")
    client.create_event_trigger(DomainName="bench", EventTriggerName="bench-trigger",
        ObjectTypeName="Orders", EventTriggerConditions=%(conditions)r)
    event = handler_request("READ", {"DomainName": "bench", "EventTriggerName": "bench-trigger"})
    start = time.perf_counter()
    from aws_customerprofiles_eventtrigger.handlers import resource
    imported = time.perf_counter()
    response = resource(event, None)
    done = time.perf_counter()
    assert response["status"] == "SUCCESS", response
    second = time.perf_counter(); resource(event, None); warm = time.perf_counter() - second
    print(json.dumps({"import": imported - start, "first": done - imported, "warm": warm}))
"""


def first_invocation(runs: int) -> dict[str, dict[str, float]]:
    results: dict[str, list[float]] = {"import": [], "first": [], "warm": []}
    snippet = FIRST_READ_SNIPPET % {"conditions": CONDITIONS}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", snippet], env=ENV, capture_output=True, text=True, check=True
        )
        for name, value in json.loads(out.stdout.strip().splitlines()[-1]).items():
            results[name].append(value)
    return {name: spread(samples) for name, samples in results.items()}


# -- in-process: handler overhead and list at scale ------------------------------


def set_up(client: Any) -> None:
    client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
    client.put_profile_object_type(
        DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE, Description="Benchmark orders"
    )


def handler_overhead(repeat: int) -> dict[str, Any]:
    import boto3

    from aws_customerprofiles_eventtrigger.handlers import resource
    from localcloud.customer_profiles import mock_customer_profiles
    from localcloud.handler_request import handler_request

    results: dict[str, Any] = {}
    with mock_customer_profiles():
        client = boto3.client("customer-profiles", region_name="us-east-1")
        set_up(client)
        create = handler_request("CREATE", MODEL)
        assert resource(create, None)["status"] == "SUCCESS"
        update_model = {**MODEL, "Description": "Benchmark trigger, updated"}
        raw_update = {k: v for k, v in update_model.items() if k != "Tags"}
        # Each case: the events the handlers get (made before the clock starts, as
        # CloudFormation's arrive ready), and the same work as raw boto3 calls.
        Events = Callable[[], list[dict[str, Any]]]
        cases: dict[str, tuple[Events, Callable[[], Any]]] = {
            "read": (
                lambda: [handler_request("READ", KEY)],
                lambda: client.get_event_trigger(**KEY),
            ),
            "update (no tag change)": (
                lambda: [handler_request("UPDATE", update_model, previous_properties=MODEL)],
                lambda: client.update_event_trigger(**raw_update),
            ),
            "list (one page)": (
                lambda: [handler_request("LIST", {"DomainName": DOMAIN})],
                lambda: client.list_event_triggers(DomainName=DOMAIN),
            ),
        }
        raw_create = {**{k: v for k, v in MODEL.items() if k != "Tags"}, "EventTriggerName": "pair"}
        pair_model = {**{k: v for k, v in MODEL.items() if k != "Tags"}, "EventTriggerName": "pair"}
        pair_key = {"DomainName": DOMAIN, "EventTriggerName": "pair"}
        cases["create + delete"] = (
            lambda: [handler_request("CREATE", pair_model), handler_request("DELETE", pair_key)],
            lambda: (
                client.create_event_trigger(**raw_create),
                client.delete_event_trigger(**pair_key),
            ),
        )
        for name, (events, raw) in cases.items():
            batches = [events() for _ in range(repeat + 5)]

            def through_handler() -> None:
                for event in batches.pop():
                    assert resource(event, None)["status"] == "SUCCESS"

            for _ in range(5):  # warm both paths
                through_handler()
                raw()
            handler_samples, raw_samples = [], []
            for _ in range(repeat):  # interleaved, so drift hits both alike
                handler_samples += timed(through_handler, 1)
                raw_samples += timed(raw, 1)
            handler_stats, raw_stats = spread(handler_samples), spread(raw_samples)
            results[name] = {
                "handler": handler_stats,
                "raw_boto3": raw_stats,
                "ratio": handler_stats["median"] / raw_stats["median"],
            }
    return results


def populate(count: int) -> None:
    """Fills the domain through the service's own rules, without the API's per-call cost."""
    from moto.core import DEFAULT_ACCOUNT_ID

    from localcloud.customer_profiles.backend import customerprofiles_backends

    service = customerprofiles_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].service
    for index in range(count):
        service.create_event_trigger(DOMAIN, f"trigger-{index:07d}", OBJECT_TYPE, CONDITIONS)


def list_at_scale(sizes: list[int], repeat: int) -> dict[str, Any]:
    import boto3

    from aws_customerprofiles_eventtrigger.handlers import resource
    from localcloud.customer_profiles import mock_customer_profiles
    from localcloud.handler_request import handler_request

    results: dict[str, Any] = {}
    for size in sizes:
        with mock_customer_profiles():
            client = boto3.client("customer-profiles", region_name="us-east-1")
            set_up(client)
            populate(size)
            # The first page holds 100 triggers at every size; at the largest size a
            # page from the middle (through the opaque token) is measured too.
            token = None
            if size == sizes[-1]:
                half = client.list_event_triggers(DomainName=DOMAIN, MaxResults=100)
                for _ in range(min(size // 200, 500) - 1):
                    half = client.list_event_triggers(
                        DomainName=DOMAIN, MaxResults=100, NextToken=half["NextToken"]
                    )
            paths: dict[str, Callable[[], Any]] = {
                "list handler": lambda: resource(
                    handler_request("LIST", {"DomainName": DOMAIN}), None
                ),
                "service ListEventTriggers": lambda: client.list_event_triggers(DomainName=DOMAIN),
            }
            if size == sizes[-1]:
                token = half["NextToken"]
                paths["list handler, middle page"] = lambda: resource(
                    handler_request("LIST", {"DomainName": DOMAIN}, next_token=token), None
                )
                paths["service ListEventTriggers, middle page"] = lambda: (
                    client.list_event_triggers(DomainName=DOMAIN, NextToken=token)
                )
            for name, page in paths.items():
                for _ in range(3):
                    page()
                samples = timed(page, repeat)
                tracemalloc.start()
                page()
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                results.setdefault(name, {})[str(size)] = {
                    "seconds": spread(samples),
                    "peak_bytes": peak,
                }
    for name in ("list handler", "service ListEventTriggers"):
        per_size = results[name]
        small, large = per_size[str(sizes[0])], per_size[str(sizes[-1])]
        per_size["time_ratio"] = large["seconds"]["median"] / small["seconds"]["median"]
        per_size["memory_ratio"] = large["peak_bytes"] / small["peak_bytes"]
        middle = results.pop(f"{name}, middle page")[str(sizes[-1])]
        per_size["middle_page_at_largest"] = middle
        per_size["middle_time_ratio"] = middle["seconds"]["median"] / small["seconds"]["median"]
    return results


# -- Cloud Control over loopback ------------------------------------------------


def cloudcontrol_throughput(concurrency: list[int], seconds: float) -> dict[str, Any]:
    import boto3

    from localcloud.server import running_server

    results: dict[str, Any] = {}
    with running_server() as endpoint:
        profiles = boto3.client("customer-profiles", region_name="us-east-1", endpoint_url=endpoint)
        set_up(profiles)
        profiles.create_event_trigger(
            DomainName=DOMAIN,
            EventTriggerName="bench-trigger",
            ObjectTypeName=OBJECT_TYPE,
            EventTriggerConditions=CONDITIONS,
        )
        for clients in concurrency:
            counts = [0] * clients
            errors = [0] * clients
            first_error: list[str] = []
            stop = threading.Event()

            def worker(slot: int) -> None:
                cloudcontrol = boto3.client(
                    "cloudcontrol", region_name="us-east-1", endpoint_url=endpoint
                )
                while not stop.is_set():
                    try:
                        cloudcontrol.get_resource(
                            TypeName="AWS::CustomerProfiles::EventTrigger",
                            Identifier=f"{DOMAIN}|bench-trigger",
                        )
                        counts[slot] += 1
                    except Exception as error:  # counted, not fatal: the figure reports them
                        errors[slot] += 1
                        first_error.append(repr(error))

            threads = [threading.Thread(target=worker, args=(slot,)) for slot in range(clients)]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            time.sleep(seconds)
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            elapsed = time.perf_counter() - start
            results[str(clients)] = {
                "requests": sum(counts),
                "errors": sum(errors),
                "first_error": first_error[0] if first_error else None,
                "requests_per_second": sum(counts) / elapsed,
            }
    return results


# -- package -------------------------------------------------------------------


def package_size() -> dict[str, Any]:
    package = ROOT / "aws-customerprofiles-eventtrigger.zip"
    subprocess.run(
        [str(Path(sys.executable).parent / "cfn"), "submit", "--dry-run"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        check=True,
    )
    with zipfile.ZipFile(package) as outer:
        inner = outer.getinfo("ResourceProvider.zip")
    return {"registry_package_bytes": package.stat().st_size, "lambda_zip_bytes": inner.file_size}


# -- report --------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def table(results: dict[str, Any]) -> str:
    lines = [
        f"Machine: {results['machine']['cpu']}, {results['machine']['cores']} cores,"
        f" Python {results['machine']['python']} ({results['mode']} mode)",
        "",
    ]
    cold = results["cold_start"]
    lines += [
        "| Cold start (median of fresh processes) | time | spread |",
        "| --- | --- | --- |",
    ]
    for name, stats in cold["imports"].items():
        lines.append(
            f"| import {name} | {ms(stats['median'])} | {ms(stats['min'])}-{ms(stats['max'])} |"
        )
    lines.append(f"| entrypoint / lib import ratio | {cold['entrypoint_to_lib_ratio']:.2f}x | |")
    first = cold["first_invocation"]
    lines.append(
        f"| first READ after import (offline service) | {ms(first['first']['median'])} | {ms(first['first']['min'])}-{ms(first['first']['max'])} |"
    )
    lines.append(f"| second READ (warm) | {ms(first['warm']['median'])} | |")
    lines += [
        "",
        "| Handler overhead (in-process) | handler | raw boto3 | ratio |",
        "| --- | --- | --- | --- |",
    ]
    for name, case in results["handler_overhead"].items():
        lines.append(
            f"| {name} | {ms(case['handler']['median'])} | {ms(case['raw_boto3']['median'])} | {case['ratio']:.2f}x |"
        )
    scale = results["list_at_scale"]
    sizes = results["list_sizes"]
    lines += [
        "",
        f"| List, one page | {sizes[0]:,} triggers | {sizes[-1]:,} triggers | time ratio | memory ratio |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, per_size in scale.items():
        small, large = per_size[str(sizes[0])], per_size[str(sizes[-1])]
        middle = per_size["middle_page_at_largest"]
        lines.append(
            f"| {name} | {ms(small['seconds']['median'])}, {small['peak_bytes'] / 1024:.0f} KiB"
            f" | first page {ms(large['seconds']['median'])}, {large['peak_bytes'] / 1024:.0f} KiB;"
            f" middle page {ms(middle['seconds']['median'])}, {middle['peak_bytes'] / 1024:.0f} KiB"
            f" | {per_size['time_ratio']:.2f}x (middle {per_size['middle_time_ratio']:.2f}x)"
            f" | {per_size['memory_ratio']:.2f}x |"
        )
    lines += ["", "| Cloud Control GetResource | requests/s | errors |", "| --- | --- | --- |"]
    for clients, figures in results["cloudcontrol"].items():
        lines.append(
            f"| {clients} concurrent clients | {figures['requests_per_second']:.0f} | {figures['errors']} |"
        )
    package = results["package"]
    lines += [
        "",
        f"Lambda code (ResourceProvider.zip): {package['lambda_zip_bytes'] / 1e6:.1f} MB;"
        f" registry package: {package['registry_package_bytes'] / 1e6:.1f} MB",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the resource provider.")
    parser.add_argument("--quick", action="store_true", help="few repetitions, small scale")
    args = parser.parse_args(argv)
    quick = args.quick
    os.environ.pop("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", None)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEOFFLINE00")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "offline")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    import_runs = 3 if quick else 21
    imports = import_seconds(
        ["boto3", "cloudformation_cli_python_lib", "aws_customerprofiles_eventtrigger.handlers"],
        import_runs,
    )
    sizes = [100, 2_000] if quick else [100, 100_000]
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "machine": machine(),
        "cold_start": {
            "imports": imports,
            "entrypoint_to_lib_ratio": imports["aws_customerprofiles_eventtrigger.handlers"][
                "median"
            ]
            / imports["cloudformation_cli_python_lib"]["median"],
            "lib_to_boto3_ratio": imports["cloudformation_cli_python_lib"]["median"]
            / imports["boto3"]["median"],
            "first_invocation": first_invocation(2 if quick else 7),
        },
        "handler_overhead": handler_overhead(20 if quick else 300),
        "list_sizes": sizes,
        "list_at_scale": list_at_scale(sizes, 5 if quick else 50),
        "cloudcontrol": cloudcontrol_throughput([1, 4, 16], 0.5 if quick else 5.0),
        "package": package_size(),
    }
    output = ROOT / "benchmarks" / ("quick.json" if quick else "results.json")
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nResults written to {output.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
