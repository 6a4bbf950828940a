"""Cloud Control against the local server running in a process of its own.

- Waits: botocore's ``resource_request_success`` waiter (what ``aws
  cloudcontrol wait resource-request-success`` runs) after each CreateResource,
  UpdateResource and DeleteResource, timed from the call's return to the
  waiter's; and what each call answered (AWS answers IN_PROGRESS). One untimed
  cycle goes first: the server's first handler invocation is a cold start.
- Latency: Cloud Control GetResource and Customer Profiles GetEventTrigger of
  the same trigger, one boto3 client each, sequential and alternated: the time
  a caller waits for each, and their ratio.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from benchmarks.common import (
    CONDITIONS,
    DOMAIN,
    ENV,
    KEY,
    OBJECT_TYPE,
    PYTHON,
    ROOT,
    seed,
    spread,
)


class Server:
    """The server process: its endpoint URL and process id."""

    def __init__(self, endpoint: str, pid: int) -> None:
        self.endpoint = endpoint
        self.pid = pid


@contextmanager
def server_process() -> Iterator[Server]:
    """A local server in its own process."""
    server = subprocess.Popen(
        [PYTHON, "-m", "benchmarks.serve"],
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        endpoint = server.stdout.readline().strip()
        if not endpoint.startswith("http://"):
            raise RuntimeError(f"the server did not start (it printed {endpoint!r})")
        yield Server(endpoint, server.pid)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def waits(endpoint: str, cycles: int) -> dict[str, Any]:
    """Create, update and delete ``cycles`` triggers, each followed by the waiter."""
    import boto3

    client = boto3.client("cloudcontrol", region_name="us-east-1", endpoint_url=endpoint)
    waiter = client.get_waiter("resource_request_success")
    samples: dict[str, list[float]] = {"create": [], "update": [], "delete": []}
    answered: Counter[str] = Counter()

    def wait(operation: str, event: dict[str, Any], timed: bool) -> None:
        returned = time.perf_counter()
        waiter.wait(RequestToken=event["RequestToken"])
        if timed:
            samples[operation].append(time.perf_counter() - returned)
            answered[f"{operation} {event['OperationStatus']}"] += 1

    # One cycle first, untimed: the server's first handler invocation imports the
    # provider and makes its boto3 session, a cold start measured elsewhere.
    for index in range(-1, cycles):
        name = f"wait-{index:03d}" if index >= 0 else "warm-up"
        desired = {
            "DomainName": DOMAIN,
            "EventTriggerName": name,
            "ObjectTypeName": OBJECT_TYPE,
            "EventTriggerConditions": CONDITIONS,
        }
        identifier = f"{DOMAIN}|{name}"
        made = client.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(desired))
        wait("create", made["ProgressEvent"], index >= 0)
        patch = [{"op": "add", "path": "/Description", "value": f"updated {name}"}]
        changed = client.update_resource(
            TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=json.dumps(patch)
        )
        wait("update", changed["ProgressEvent"], index >= 0)
        gone = client.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
        wait("delete", gone["ProgressEvent"], index >= 0)
    every = [value for values in samples.values() for value in values]
    return {
        "per_operation": {name: spread(values) for name, values in samples.items()},
        "all": spread(every),
        "p100": max(every),
        "over_one_second": sum(1 for value in every if value > 1.0),
        "answered": dict(answered),
    }


def latency(endpoint: str, requests: int) -> dict[str, Any]:
    """Seconds per call as a boto3 client sees them, one client each, calls alternated.

    Cloud Control GetResource (the READ handler runs in the server and calls its
    Customer Profiles) and Customer Profiles GetEventTrigger of the same trigger,
    sequentially, each client keeping its connections as botocore does; the
    first 20 of each warm up, untimed.
    """
    import boto3

    cloudcontrol = boto3.client("cloudcontrol", region_name="us-east-1", endpoint_url=endpoint)
    profiles = boto3.client("customer-profiles", region_name="us-east-1", endpoint_url=endpoint)
    identifier = f"{DOMAIN}|{KEY['EventTriggerName']}"
    calls: dict[str, Callable[[], Any]] = {
        "get_resource": lambda: cloudcontrol.get_resource(
            TypeName=TYPE_NAME, Identifier=identifier
        ),
        "get_event_trigger": lambda: profiles.get_event_trigger(**KEY),
    }
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for index in range(requests + 20):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            if index >= 20:
                samples[name].append(time.perf_counter() - start)
    results: dict[str, Any] = {name: spread(values) for name, values in samples.items()}
    results["ratio"] = results["get_resource"]["median"] / results["get_event_trigger"]["median"]
    return results


def measure(cycles: int, requests: int) -> dict[str, Any]:
    with server_process() as server:
        seed(server.endpoint)
        return {
            "waits": waits(server.endpoint, cycles),
            "latency": latency(server.endpoint, requests),
        }


if __name__ == "__main__":  # a quick look: python -m benchmarks.cloudcontrol
    from benchmarks.common import offline_credentials

    offline_credentials()
    print(json.dumps(measure(3, 200), indent=2))
