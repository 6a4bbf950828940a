"""A client process of the throughput benchmark: it calls the server when told to.

    python -m benchmarks.load ENDPOINT THREADS

It makes THREADS clients of each service (one boto3 session per thread), warms
them, prints ``ready``, then reads commands, one a line: ``OPERATION SECONDS
THREADS`` runs OPERATION (``cloudcontrol`` for Cloud Control GetResource,
``profiles`` for Customer Profiles GetEventTrigger) on THREADS threads for
SECONDS and prints ``{"requests", "errors", "seconds", "first_error"}`` as JSON.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.config import Config

from benchmarks.common import DOMAIN, KEY, TYPE_NAME, offline_credentials

# No retries: a failed call is counted as an error, never hidden in the time of another.
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"}, max_pool_connections=4)


def calls(endpoint: str) -> dict[str, Callable[[], Any]]:
    session = boto3.session.Session(region_name="us-east-1")
    cloudcontrol = session.client("cloudcontrol", endpoint_url=endpoint, config=CONFIG)
    profiles = session.client("customer-profiles", endpoint_url=endpoint, config=CONFIG)
    identifier = f"{DOMAIN}|{KEY['EventTriggerName']}"
    return {
        "cloudcontrol": lambda: cloudcontrol.get_resource(
            TypeName=TYPE_NAME, Identifier=identifier
        ),
        "profiles": lambda: profiles.get_event_trigger(**KEY),
    }


def run(
    slots: list[dict[str, Callable[[], Any]]], operation: str, seconds: float
) -> dict[str, Any]:
    counts = [0] * len(slots)
    errors = [0] * len(slots)
    first_error: list[str] = []
    stop = threading.Event()

    def worker(slot: int) -> None:
        call = slots[slot][operation]
        while not stop.is_set():
            try:
                call()
                counts[slot] += 1
            except Exception as error:  # counted and reported, not fatal
                errors[slot] += 1
                first_error.append(repr(error))

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in range(len(slots))]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return {
        "requests": sum(counts),
        "errors": sum(errors),
        "seconds": time.perf_counter() - start,
        "first_error": first_error[0] if first_error else None,
    }


def main(argv: list[str]) -> int:
    offline_credentials()
    endpoint, threads = argv[0], int(argv[1])
    slots = [calls(endpoint) for _ in range(threads)]
    for slot in slots:
        for call in slot.values():
            call()
    print("ready", flush=True)
    for line in sys.stdin:
        operation, seconds, count = line.split()
        result = run(slots[: int(count)], operation, float(seconds))
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
