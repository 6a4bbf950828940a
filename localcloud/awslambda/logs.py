"""An invocation's log, as Lambda writes it to CloudWatch Logs and to ``X-Amz-Log-Result``.

Each execution environment writes to a log stream of its own in the log group
``/aws/lambda/<function name>``, named as Lambda names it
(``2025/01/31/[$LATEST]<32 hex digits>``). An invocation's lines are Lambda's
``START``, the function's output (its stdout and stderr, one event per line),
``END`` and ``REPORT`` (duration, billed duration, memory size, the process's
peak resident memory, and the init duration on a cold start). The last 4 KB of
them, base64, is the ``X-Amz-Log-Result`` of an Invoke with ``LogType=Tail``.
"""

from __future__ import annotations

import base64
import datetime
import math
import secrets
import time

__all__ = ["OUT_OF_MEMORY", "InvocationLog", "log_stream_name", "tail"]

# The REPORT status of an environment killed for passing its memory size (the error type is
# the one Lambda's telemetry gives an out-of-memory end).
OUT_OF_MEMORY = "error\tError Type: Runtime.OutOfMemory"

TAIL_BYTES = 4096


def log_stream_name(version: str) -> str:
    day = datetime.datetime.now(datetime.UTC).strftime("%Y/%m/%d")
    return f"{day}/[{version}]{secrets.token_hex(16)}"


def tail(text: str) -> str:
    """The last 4 KB of ``text``, base64, as ``X-Amz-Log-Result`` carries it."""
    return base64.b64encode(text.encode()[-TAIL_BYTES:]).decode()


def _now_iso() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class InvocationLog:
    """The lines of one invocation, each with the time it was written (ms since the epoch)."""

    def __init__(self) -> None:
        self.events: list[tuple[int, str]] = []

    def line(self, text: str) -> None:
        self.events.append((int(time.time() * 1000), text))

    def output(self, data: bytes) -> None:
        """The function's own output: one event per line (a ``\r`` stays inside its line,
        as in the runtime's error lines)."""
        text = data.decode("utf-8", errors="replace")
        for line in text.removesuffix("\n").split("\n") if text else []:
            self.line(line)

    def start(self, request_id: str, version: str) -> None:
        self.line(f"START RequestId: {request_id} Version: {version}")

    def timed_out(self, request_id: str, timeout: float) -> None:
        self.line(f"{_now_iso()} {request_id} Task timed out after {timeout:.2f} seconds")

    def end(
        self,
        request_id: str,
        duration_ms: float,
        memory_mb: int,
        max_memory_mb: int | None,
        init_ms: float | None,
        status: str | None,
    ) -> None:
        self.line(f"END RequestId: {request_id}")
        parts = [
            f"REPORT RequestId: {request_id}",
            f"Duration: {duration_ms:.2f} ms",
            f"Billed Duration: {math.ceil(duration_ms + (init_ms or 0.0))} ms",
            f"Memory Size: {memory_mb} MB",
            f"Max Memory Used: {max_memory_mb if max_memory_mb is not None else '-'} MB",
        ]
        if init_ms is not None:
            parts.append(f"Init Duration: {init_ms:.2f} ms")
        if status:
            parts.append(f"Status: {status}")
        self.line("\t".join(parts))

    @property
    def text(self) -> str:
        return "".join(f"{line}\n" for _, line in self.events)
