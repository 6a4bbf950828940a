"""Cloud Control against the local server running in a process of its own.

- Waits: botocore's ``resource_request_success`` waiter (what ``aws
  cloudcontrol wait resource-request-success`` runs) after each CreateResource,
  UpdateResource and DeleteResource, timed from the call's return to the
  waiter's; and what each call answered (AWS answers IN_PROGRESS). One untimed
  cycle goes first: the server's first handler invocation is a cold start.
- Throughput: Cloud Control GetResource against Customer Profiles
  GetEventTrigger of the same trigger, on the same server process, from
  separate client processes (``benchmarks.load``), the two alternated round by
  round so that a busy moment of the machine weighs on both alike. With each
  figure, the CPU time the server process and the client processes spent per
  request (where /proc tells): the server's difference between the two is
  what Cloud Control itself costs per GetResource, handler invocation included.
- Parts: where a GetResource's server CPU goes, from one client's sequential
  requests to a server in the benchmark's own process: in the server's thread,
  each request's CPU, its part in the WSGI application, and inside GetResource
  the READ handler's invocation (the lib's entrypoint, the handler's boto3 call
  and the service's own work). From them, the ratio any Cloud Control could
  reach while it invokes the handler and the server's CPU is the limit: the
  ratio if its own request handling cost nothing (``free_cloud_control_bound``).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import IO, Any

from benchmarks.common import (
    CONDITIONS,
    DOMAIN,
    ENV,
    KEY,
    OBJECT_TYPE,
    PYTHON,
    ROOT,
    TYPE_NAME,
    cpu_seconds,
    seed,
    spread,
)

CLIENT_PROCESSES = 4


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


def _per_request(
    before: dict[str, float | None], after: dict[str, float | None], side: str, requests: int
) -> float | None:
    """Milliseconds of ``side``'s CPU per request between two readings."""
    start, end = before[side], after[side]
    if start is None or end is None or not requests:
        return None
    return (end - start) * 1000 / requests


class Clients:
    """The client processes, each with up to ``threads`` clients of each service."""

    def __init__(self, server: Server, processes: int, threads: int) -> None:
        self.server = server
        self.threads = threads
        self.processes = [
            subprocess.Popen(
                [PYTHON, "-m", "benchmarks.load", server.endpoint, str(threads)],
                cwd=ROOT,
                env=ENV,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(processes)
        ]
        for process in self.processes:
            line = self._out(process).readline().strip()
            if line != "ready":
                raise RuntimeError(f"a client process did not start (it printed {line!r})")

    @staticmethod
    def _out(process: subprocess.Popen[str]) -> IO[str]:
        assert process.stdout is not None
        return process.stdout

    def run(self, operation: str, clients: int, seconds: float) -> dict[str, Any]:
        """``clients`` clients spread over the processes, all calling for ``seconds``."""
        per_process = [0] * len(self.processes)
        for slot in range(clients):
            per_process[slot % len(self.processes)] += 1
        busy = [(p, n) for p, n in zip(self.processes, per_process, strict=True) if n]
        before = self._cpu()
        for process, count in busy:
            assert process.stdin is not None
            process.stdin.write(f"{operation} {seconds} {count}\n")
            process.stdin.flush()
        results = [json.loads(self._out(process).readline()) for process, _ in busy]
        after = self._cpu()
        requests = sum(result["requests"] for result in results)
        elapsed = max(result["seconds"] for result in results)
        errors = [result["first_error"] for result in results if result["first_error"]]
        return {
            "requests": requests,
            "errors": sum(result["errors"] for result in results),
            "first_error": errors[0] if errors else None,
            "requests_per_second": requests / elapsed,
            **{f"{side}_cpu_ms": _per_request(before, after, side, requests) for side in before},
        }

    def _cpu(self) -> dict[str, float | None]:
        clients = [cpu_seconds(process.pid) for process in self.processes]
        return {
            "server": cpu_seconds(self.server.pid),
            "clients": None if None in clients else sum(c for c in clients if c is not None),
        }

    def close(self) -> None:
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.close()
        for process in self.processes:
            process.wait(timeout=30)


def _median(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def throughput(
    server: Server, concurrency: list[int], seconds: float, rounds: int
) -> dict[str, Any]:
    """GetResource and GetEventTrigger requests per second, alternated round by round."""
    threads = -(-max(concurrency) // CLIENT_PROCESSES)
    clients = Clients(server, min(CLIENT_PROCESSES, max(concurrency)), threads)
    results: dict[str, Any] = {}
    try:
        for count in concurrency:
            runs: dict[str, list[dict[str, Any]]] = {"cloudcontrol": [], "profiles": []}
            for _ in range(rounds):
                for operation in runs:
                    runs[operation].append(clients.run(operation, count, seconds))
            figures = {
                operation: {
                    "requests_per_second": statistics.median(
                        run["requests_per_second"] for run in done
                    ),
                    "rounds": [run["requests_per_second"] for run in done],
                    "server_cpu_ms": _median([run["server_cpu_ms"] for run in done]),
                    "clients_cpu_ms": _median([run["clients_cpu_ms"] for run in done]),
                    "errors": sum(run["errors"] for run in done),
                    "first_error": next(
                        (run["first_error"] for run in done if run["first_error"]), None
                    ),
                }
                for operation, done in runs.items()
            }
            figures["ratio"] = (
                figures["cloudcontrol"]["requests_per_second"]
                / figures["profiles"]["requests_per_second"]
            )
            resource, trigger = (
                figures["cloudcontrol"]["server_cpu_ms"],
                figures["profiles"]["server_cpu_ms"],
            )
            if resource is not None and trigger is not None:
                # What GetResource costs the server beyond a GetEventTrigger, and the most
                # it may cost for 0.8 while the server's CPU is what limits both.
                figures["cloud_control_cpu_ms"] = resource - trigger
                figures["cpu_budget_for_0_8_ms"] = trigger * 0.25
            results[str(count)] = figures
    finally:
        clients.close()
    return results


@contextmanager
def _cpu_time(owner: type, name: str, into: list[float]) -> Iterator[None]:
    """Appends the calling thread's CPU time in every call of ``owner.name`` to ``into``."""
    original: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            into.append(time.thread_time() - start)

    setattr(owner, name, timed)
    try:
        yield
    finally:
        setattr(owner, name, original)


def parts(requests: int) -> dict[str, Any]:
    """The server's CPU per request, whole and in parts, from sequential requests.

    A server in this process serves one client's GetEventTrigger and GetResource,
    alternated, over one kept-alive connection. In the server's thread, the CPU
    time of each request (reading it, the application, writing the answer), of
    its time in the WSGI application, and, inside GetResource, of the READ
    handler's invocation, each measured by wrapping the method that does it.
    """
    from http.server import BaseHTTPRequestHandler

    import boto3

    from localcloud.cloudcontrol.invoker import HandlerInvoker
    from localcloud.server import running_server
    from localcloud.server.app import LocalCloudApp

    whole: list[float] = []
    app: list[float] = []
    handler: list[float] = []
    names = ("get_event_trigger", "get_resource")
    samples: dict[str, list[float]] = {
        name: [] for name in (*names, *(f"{n}_app" for n in names), "handler")
    }
    with ExitStack() as stack:
        stack.enter_context(_cpu_time(BaseHTTPRequestHandler, "handle_one_request", whole))
        stack.enter_context(_cpu_time(LocalCloudApp, "__call__", app))
        stack.enter_context(_cpu_time(HandlerInvoker, "__call__", handler))
        url = stack.enter_context(running_server())
        seed(url)
        profiles = boto3.client("customer-profiles", region_name="us-east-1", endpoint_url=url)
        cloudcontrol = boto3.client("cloudcontrol", region_name="us-east-1", endpoint_url=url)
        identifier = f"{DOMAIN}|{KEY['EventTriggerName']}"
        calls: dict[str, Callable[[], Any]] = {
            "get_event_trigger": lambda: profiles.get_event_trigger(**KEY),
            "get_resource": lambda: cloudcontrol.get_resource(
                TypeName=TYPE_NAME, Identifier=identifier
            ),
        }

        def served() -> float:
            # The server's thread records a request's CPU just after writing the answer.
            deadline = time.monotonic() + 5
            while not whole and time.monotonic() < deadline:
                time.sleep(0.0001)
            return whole[0]

        for index in range(requests + 20):  # the first 20 of each warm up, untimed
            for name, call in calls.items():
                whole.clear()
                app.clear()
                handler.clear()
                call()
                cpu = served()
                if index >= 20:
                    samples[name].append(cpu)
                    samples[f"{name}_app"].append(sum(app))
                    if name == "get_resource":
                        samples["handler"].append(sum(handler))
    return {name: spread(values) for name, values in samples.items()}


def free_cloud_control_bound(split: dict[str, Any]) -> float:
    """GetResource / GetEventTrigger if Cloud Control's own handling cost nothing.

    While the server's CPU is the limit, the ratio is GetEventTrigger's server CPU
    over GetResource's. With free handling, a GetResource would cost what every
    request pays outside the application (reading it, writing the answer) plus the
    READ handler's invocation.
    """
    trigger = float(split["get_event_trigger"]["median"])
    outside = trigger - float(split["get_event_trigger_app"]["median"])
    return trigger / (outside + float(split["handler"]["median"]))


def measure(
    cycles: int, concurrency: list[int], seconds: float, rounds: int, requests: int
) -> dict[str, Any]:
    with server_process() as server:
        seed(server.endpoint)
        results: dict[str, Any] = {
            "waits": waits(server.endpoint, cycles),
            "throughput": throughput(server, concurrency, seconds, rounds),
        }
    results["parts"] = parts(requests)
    results["free_cloud_control_bound"] = free_cloud_control_bound(results["parts"])
    return results


if __name__ == "__main__":  # a quick look: python -m benchmarks.cloudcontrol
    from benchmarks.common import offline_credentials

    offline_credentials()
    print(json.dumps(measure(3, [1, 4, 16], 2.0, 2, 200), indent=2))
