"""A stand-in for CloudFormation's pre-signed ResponseURL, on 127.0.0.1.

It records every request (method, path, headers, body) and answers each with
the next of the answers it was given, then 200: an HTTP status, or ``DROP`` to
close the connection without answering. ``custom_resource_event`` builds the
requests CloudFormation sends a custom resource, shaped as its documentation
shows them.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.constants import ACCOUNT, REGION

DROP = "drop"
STACK_ID = (
    f"arn:aws:cloudformation:{REGION}:{ACCOUNT}"
    ":stack/trigger-stack/5b6f0e10-a7c2-11ef-8e5d-0a1b2c3d4e5f"
)
SERVICE_TOKEN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:event-trigger-provider"
RESOURCE_TYPE = "Custom::CustomerProfilesEventTrigger"


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def document(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.body)
        return loaded


class ResponseURL:
    """The recording server: ``url`` for events, ``requests`` as received."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.answers: deque[int | str] = deque()
        self.received = threading.Event()
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_PUT(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with owner._lock:
                    owner.requests.append(
                        Recorded("PUT", self.path, dict(self.headers.items()), body)
                    )
                    answer = owner.answers.popleft() if owner.answers else 200
                owner.received.set()
                if answer == DROP:
                    self.close_connection = True
                    return
                self.send_response(int(answer))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        # A pre-signed URL's shape: a path and a signed query string.
        self.url = f"http://{host!s}:{port}/cloudformation-custom-resource-response?X-Amz-Signature=abc%2Fdef"

    @property
    def documents(self) -> list[dict[str, Any]]:
        with self._lock:
            return [recorded.document for recorded in self.requests]

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def response_url() -> Iterator[ResponseURL]:
    server = ResponseURL()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def custom_resource_event(
    request_type: str,
    properties: Mapping[str, Any] | None,
    url: str,
    *,
    old_properties: Mapping[str, Any] | None = None,
    physical_id: str | None = None,
    request_id: str | None = None,
    logical_id: str = "Trigger",
    stack_id: str = STACK_ID,
) -> dict[str, Any]:
    """The request CloudFormation sends a Lambda-backed custom resource.

    ResourceProperties carry the ServiceToken, as CloudFormation sends them.
    """
    event: dict[str, Any] = {
        "RequestType": request_type,
        "ServiceToken": SERVICE_TOKEN,
        "ResponseURL": url,
        "StackId": stack_id,
        "RequestId": request_id or str(uuid.uuid4()),
        "LogicalResourceId": logical_id,
        "ResourceType": RESOURCE_TYPE,
        "ResourceProperties": {"ServiceToken": SERVICE_TOKEN, **(properties or {})},
    }
    if physical_id is not None:
        event["PhysicalResourceId"] = physical_id
    if old_properties is not None:
        event["OldResourceProperties"] = {"ServiceToken": SERVICE_TOKEN, **old_properties}
    return event


class LambdaContext:
    """The part of Lambda's context object the handler reads: the time left."""

    def __init__(self, remaining_seconds: float) -> None:
        self._deadline = time.monotonic() + remaining_seconds
        self.function_name = "event-trigger-provider"
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))
