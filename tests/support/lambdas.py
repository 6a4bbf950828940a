"""Lambda functions as the runner's tests make them: packages, clients, processes.

``Cloud`` is one target (in-process ``mock_aws`` with the runner registered, or
the plugin's local server): boto3 clients on it and an execution role.
``package`` zips source files; ``create`` makes a function and answers its
name; ``invoke`` calls it and reads the answer. ``runner_processes`` lists the
execution environments alive in this process's runner (children of the test
process), ``alive`` whether a process id still runs.
"""

from __future__ import annotations

import base64
import io
import json
import os
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localcloud.awslambda import runner
from tests.support.constants import REGION
from tests.support.services import session

ASSUME_ROLE = json.dumps(
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
# A function that answers what it sees: its event, its environment, its context.
ECHO = """
import os, sys

calls = 0

def handler(event, context):
    global calls
    calls += 1
    return {
        "event": event,
        "calls": calls,
        "pid": os.getpid(),
        "python": "%d.%d" % sys.version_info[:2],
        "env": dict(os.environ),
        "cwd": os.getcwd(),
        "context": {
            "function_name": context.function_name,
            "function_version": context.function_version,
            "memory_limit_in_mb": context.memory_limit_in_mb,
            "invoked_function_arn": context.invoked_function_arn,
            "aws_request_id": context.aws_request_id,
            "log_group_name": context.log_group_name,
            "log_stream_name": context.log_stream_name,
            "remaining": context.get_remaining_time_in_millis(),
        },
    }
"""


def package(files: Mapping[str, str]) -> bytes:
    """A deployment package holding ``files`` (name -> source)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@dataclass
class Cloud:
    """One target of the tests: ``inprocess`` or ``server`` (``endpoint`` set)."""

    target: str
    endpoint: str | None
    role_arn: str = ""
    _clients: dict[str, Any] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        if service not in self._clients:
            boto: Any = session()  # the service name is a variable here
            self._clients[service] = boto.client(
                service, region_name=REGION, endpoint_url=self.endpoint
            )
        return self._clients[service]

    def make_role(self) -> None:
        made = self.client("iam").create_role(
            RoleName="runner", AssumeRolePolicyDocument=ASSUME_ROLE
        )
        self.role_arn = str(made["Role"]["Arn"])

    def create(
        self,
        files: Mapping[str, str] | None = None,
        runtime: str = "python3.12",
        handler: str = "app.handler",
        **options: Any,
    ) -> str:
        """A new function (a fresh name) of ``files`` inline; ``Code=`` overrides the package."""
        name = options.pop("FunctionName", f"fn-{uuid.uuid4().hex[:10]}")
        code = options.pop("Code", None) or {"ZipFile": package(files or {"app.py": ECHO})}
        self.client("lambda").create_function(
            FunctionName=name,
            Runtime=runtime,
            Role=self.role_arn,
            Handler=handler,
            Code=code,
            **options,
        )
        return str(name)

    def invoke(self, name: str, event: Any = None, **options: Any) -> Answer:
        payload = json.dumps({} if event is None else event)
        raw = self.client("lambda").invoke(FunctionName=name, Payload=payload, **options)
        return Answer(raw)


class Answer:
    """An Invoke's answer: status, function error, the payload as JSON, the log tail."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.status: int = raw["StatusCode"]
        self.function_error: str | None = raw.get("FunctionError")
        self.body: bytes = raw["Payload"].read()
        self.log = base64.b64decode(raw["LogResult"]).decode() if raw.get("LogResult") else ""
        self.version = raw.get("ExecutedVersion")

    @property
    def payload(self) -> Any:
        return json.loads(self.body)


def runner_processes() -> list[int]:
    """Process ids of the execution environments this process's runner holds and that run."""
    shared = runner.current()
    if shared is None:
        return []
    return [e.pid for e in shared.environments() if e.alive()]


def children() -> list[int]:
    """Process ids of every live process whose parent is this test process."""
    found = []
    me = str(os.getpid())
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == me and fields[0] != "Z":  # ppid, and not a zombie
            found.append(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
