"""What every part of the benchmark shares: the sample resource, statistics, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
PYTHON = sys.executable
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


def set_up(client: Any) -> None:
    """The domain and object type every benchmark trigger lives in."""
    client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
    client.put_profile_object_type(
        DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE, Description="Benchmark orders"
    )


def seed(endpoint: str) -> None:
    """The benchmark's domain, object type and trigger, in the emptied service at ``endpoint``.

    Servers in one process share the service's state, so it is emptied first.
    """
    import boto3

    from localcloud.server import ServerControl

    ServerControl(endpoint).reset()

    profiles = boto3.client("customer-profiles", region_name="us-east-1", endpoint_url=endpoint)
    set_up(profiles)
    profiles.create_event_trigger(
        **KEY, ObjectTypeName=OBJECT_TYPE, EventTriggerConditions=CONDITIONS
    )


def offline_credentials() -> None:
    """Keeps every client of the benchmark off any real account."""
    os.environ.pop("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", None)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEOFFLINE00")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "offline")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


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
