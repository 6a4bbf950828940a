"""Cold start of the Lambda code, with the bytecode the package ships and without it.

Builds the Lambda code twice with the package build's own steps
(``lambda_build.build``): once as ``cfn submit`` ships it (bytecode compiled by
the runtime's Python), once the same files as sources only. Then, in fresh
processes of the runtime's Python, isolated as on Lambda (``-I -S -B``: only the
code folder on ``sys.path``, no bytecode written), it times the import of the
entrypoint and the first READ against the local service over HTTP. The two
variants alternate, run after run, so both see the same machine load.

Usage: ``python tools/measure_package_cold_start.py [--runs 11] [--json]
[--custom-resource]``. ``measure()`` returns the figures: medians in seconds,
and the ratio of import + first READ with bytecode to without (goal: at most
0.55). ``--json`` prints them as one JSON object instead of the table (``make
bench`` reads that).

``--custom-resource`` measures instead, from the code as shipped (bytecode), the
custom resource's cold start, import of ``custom_resource`` and its first
Create (the response PUT to a local ResponseURL included), beside the registry
handler's, import and its first CREATE, alternating which goes first:
``measure_custom_resource()``
returns their medians and the ratio (goal: at most 1.05).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "lambda_build"))

from lambda_build import build  # noqa: E402
from lambda_build.interpreter import find_python, version_of_runtime  # noqa: E402

RUNNER = """
import importlib, json, sys, time
class Context:  # Lambda's: the time left, five minutes
    def __init__(self): self.deadline = time.monotonic() + 300
    def get_remaining_time_in_millis(self): return int((self.deadline - time.monotonic()) * 1000)
start = time.perf_counter()
sys.path.insert(0, sys.argv[1])
module, _, name = sys.argv[2].rpartition(".")
handler = getattr(importlib.import_module(module), name)
imported = time.perf_counter()
response = handler(json.load(sys.stdin), Context())
done = time.perf_counter()
status = response.get("status") or response.get("Status")
print(json.dumps({"status": status, "import": imported - start, "first_read": done - imported}))
"""
REGION = "us-east-1"
DOMAIN, OBJECT_TYPE, NAME = "cold-start", "Orders", "large-order"
CUSTOM_RESOURCE = "aws_customerprofiles_eventtrigger.custom_resource.handler"
STACK_ID = (
    "arn:aws:cloudformation:us-east-1:123456789012:stack/cold-start/"
    "0f0e0d0c-0000-4000-8000-000000000000"
)


def build_variants(folder: Path) -> dict[str, Path]:
    """The Lambda code as shipped (``bytecode``) and as sources only (``sources``)."""
    settings = json.loads((ROOT / ".rpdk-config").read_text())
    runtime = settings["runtime"]
    provider = ROOT / "src" / settings["entrypoint"].split(".")[0]
    sources = folder / "sources"
    build.install_dependencies(ROOT / "requirements.txt", sources, runtime)
    shutil.copytree(
        provider, sources / provider.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    build.prune(sources)
    compiled = folder / "bytecode"
    shutil.copytree(sources, compiled)
    build.compile_bytecode(compiled, find_python(version_of_runtime(runtime)))
    build.drop_sources(compiled, (provider.name, *build.KEEP_SOURCES))
    return {"bytecode": compiled, "sources": sources}


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _one_run(python: str, code: Path, entrypoint: str, event: str, env: dict[str, str]) -> Any:
    done = subprocess.run(
        [python, "-I", "-S", "-B", "-c", RUNNER, str(code), entrypoint],
        input=event,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    if result["status"] != "SUCCESS":
        raise RuntimeError(f"{entrypoint} from {code.name} did not succeed: {result}")
    return result


def measure(runs: int = 11) -> dict[str, Any]:
    import boto3

    from localcloud.registry_handler import handler_request
    from localcloud.samples import ORDERS_OVER_500
    from localcloud.server import running_server

    settings = json.loads((ROOT / ".rpdk-config").read_text())
    python = find_python(version_of_runtime(settings["runtime"]))
    with tempfile.TemporaryDirectory() as temp, running_server() as url:
        variants = build_variants(Path(temp))
        client = boto3.client(
            "customer-profiles",
            region_name=REGION,
            endpoint_url=url,
            aws_access_key_id="AKIAEXAMPLEOFFLINE00",
            aws_secret_access_key="offline",
        )
        client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
        client.put_profile_object_type(
            DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE, Description="Orders"
        )
        client.create_event_trigger(
            DomainName=DOMAIN,
            EventTriggerName=NAME,
            ObjectTypeName=OBJECT_TYPE,
            EventTriggerConditions=ORDERS_OVER_500,
        )
        event = json.dumps(
            handler_request("READ", {"DomainName": DOMAIN, "EventTriggerName": NAME})
        )
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": temp,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_ENDPOINT_URL": url,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        for _ in range(runs):
            for name, code in variants.items():
                samples[name].append(_one_run(python, code, settings["entrypoint"], event, env))
        sizes = {name: _size(code) for name, code in variants.items()}

    def medians(name: str) -> dict[str, float]:
        rows = samples[name]
        return {
            "import": statistics.median(row["import"] for row in rows),
            "first_read": statistics.median(row["first_read"] for row in rows),
            "total": statistics.median(row["import"] + row["first_read"] for row in rows),
            "total_min": min(row["import"] + row["first_read"] for row in rows),
            "total_max": max(row["import"] + row["first_read"] for row in rows),
            "unpacked_bytes": sizes[name],
        }

    result = {name: medians(name) for name in variants}
    return {
        "runs": runs,
        "python": python,
        **result,
        "ratio": result["bytecode"]["total"] / result["sources"]["total"],
    }


class _ResponseURL(http.server.BaseHTTPRequestHandler):
    """CloudFormation's pre-signed URL, standing in: takes the PUT, answers 200."""

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


def measure_custom_resource(runs: int = 11) -> dict[str, Any]:
    """Import + first Create of the custom resource, beside import + first CREATE of the
    registry handler, from the code as shipped; each run creates a trigger of its own."""
    import boto3

    from localcloud.registry_handler.request import handler_request
    from localcloud.samples import ORDERS_OVER_500
    from localcloud.server import running_server

    settings = json.loads((ROOT / ".rpdk-config").read_text())
    python = find_python(version_of_runtime(settings["runtime"]))
    responses = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ResponseURL)
    threading.Thread(target=responses.serve_forever, daemon=True).start()
    response_url = f"http://127.0.0.1:{responses.server_address[1]}/response?X-Amz-Signature=x"
    try:
        with tempfile.TemporaryDirectory() as temp, running_server() as url:
            code = build_variants(Path(temp))["bytecode"]
            client = boto3.client(
                "customer-profiles",
                region_name=REGION,
                endpoint_url=url,
                aws_access_key_id="AKIAEXAMPLEOFFLINE00",
                aws_secret_access_key="offline",
            )
            client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
            client.put_profile_object_type(
                DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE, Description="Orders"
            )
            env = {
                "PATH": os.environ.get("PATH", ""),
                "HOME": temp,
                "AWS_DEFAULT_REGION": REGION,
                "AWS_ENDPOINT_URL": url,
                "AWS_CONFIG_FILE": os.devnull,
                "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                "AWS_EC2_METADATA_DISABLED": "true",
                # The function's own credentials, as Lambda sets its role's.
                "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEOFFLINE00",
                "AWS_SECRET_ACCESS_KEY": "offline",
            }

            def properties(name: str) -> dict[str, Any]:
                return {
                    "DomainName": DOMAIN,
                    "EventTriggerName": name,
                    "ObjectTypeName": OBJECT_TYPE,
                    "Description": "Orders over 500",
                    "EventTriggerConditions": ORDERS_OVER_500,
                    "Tags": [{"Key": "team", "Value": "crm"}],
                }

            samples: dict[str, list[dict[str, float]]] = {"registry": [], "custom_resource": []}
            for index in range(runs):
                registry = handler_request("CREATE", properties(f"registry-{index}"))
                custom = {
                    "RequestType": "Create",
                    "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:provider",
                    "ResponseURL": response_url,
                    "StackId": STACK_ID,
                    "RequestId": f"00000000-0000-4000-8000-{index:012d}",
                    "LogicalResourceId": "Trigger",
                    "ResourceType": "Custom::CustomerProfilesEventTrigger",
                    "ResourceProperties": properties(f"custom-resource-{index}"),
                }
                pair = [
                    ("registry", settings["entrypoint"], registry),
                    ("custom_resource", CUSTOM_RESOURCE, custom),
                ]
                # Each goes first in every other run: neither pays for going first.
                for name, entrypoint, event in pair if index % 2 == 0 else pair[::-1]:
                    samples[name].append(_one_run(python, code, entrypoint, json.dumps(event), env))
    finally:
        responses.shutdown()
        responses.server_close()

    def medians(name: str) -> dict[str, float]:
        rows = samples[name]
        return {
            "import": statistics.median(row["import"] for row in rows),
            "first_create": statistics.median(row["first_read"] for row in rows),
            "total": statistics.median(row["import"] + row["first_read"] for row in rows),
            "total_min": min(row["import"] + row["first_read"] for row in rows),
            "total_max": max(row["import"] + row["first_read"] for row in rows),
        }

    result = {name: medians(name) for name in samples}
    return {
        "runs": runs,
        "python": python,
        **result,
        "ratio": result["custom_resource"]["total"] / result["registry"]["total"],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="fresh processes per variant")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--custom-resource",
        action="store_true",
        help="the custom resource's import + first Create beside the registry handler's",
    )
    args = parser.parse_args(argv)
    figures = measure_custom_resource(args.runs) if args.custom_resource else measure(args.runs)
    if args.json:
        print(json.dumps(figures))
        return 0
    ms = "{:.0f} ms".format
    if args.custom_resource:
        print(f"Import + first create from the Lambda code as shipped, {figures['python']},")
        print(f"median of {figures['runs']} interleaved fresh processes:")
        head, names, first = "| handler |", ("registry", "custom_resource"), "first_create"
        goal = "Ratio custom resource / registry handler: {:.2f}x (goal <= 1.05x)"
    else:
        print(f"Import + first READ from the unpacked Lambda code, {figures['python']},")
        print(f"bytecode writing off, median of {figures['runs']} interleaved fresh processes:")
        head, names, first = "| variant | unpacked |", ("bytecode", "sources"), "first_read"
        goal = "Ratio with bytecode / without: {:.2f}x (goal <= 0.55x)"
    print(
        f"{head} import | first {'create' if args.custom_resource else 'READ'} | total | spread |"
    )
    print("| --- " * (head.count("|") + 3) + "|")
    for name in names:
        row = figures[name]
        size = "" if args.custom_resource else f" {row['unpacked_bytes'] / 1e6:.1f} MB |"
        print(
            f"| {name} |{size} {ms(row['import'] * 1000)} | {ms(row[first] * 1000)}"
            f" | {ms(row['total'] * 1000)}"
            f" | {row['total_min'] * 1000:.0f}-{row['total_max'] * 1000:.0f} ms |"
        )
    print(goal.format(figures["ratio"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
