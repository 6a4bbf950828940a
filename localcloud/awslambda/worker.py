"""One execution environment: a bootstrap process serving one invocation at a time.

``Environment.start`` runs the init phase and answers ``ready`` or the init
error; ``invoke`` sends one request and waits for its answer, at most until
the deadline: then the process is killed (``timeout``). A process that ends
without answering is an ``exit`` (with its status). The process leads a
process group of its own, so ``kill()`` ends what the function started too.
A thread reads its output, cutting the runner's frames out of the function's
log (``protocol.FrameReader``). Nothing here waits without a deadline.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .protocol import FrameReader, encode_request, new_token

__all__ = ["Environment", "Outcome"]

# After the process ends, how long its last frames may take to arrive through the pipe.
_EXIT_GRACE = 2.0
_POLL = 0.25
_KILL_WAIT = 30.0


@dataclass(frozen=True)
class Outcome:
    """How a phase ended: ready, init_error, result, error, timeout or exit."""

    kind: str
    message: dict[str, Any] | None = None
    status: int | None = None  # the exit status (negative: the signal), for ``exit``


class Environment:
    """A started bootstrap process for one function configuration."""

    def __init__(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        family: str,
        log_stream: str,
    ) -> None:
        self.family = family
        self.log_stream = log_stream
        self.started = time.monotonic()
        self.invocations = 0
        self._token = new_token()
        self._frames: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._log = bytearray()
        self._log_lock = threading.Lock()
        self._closing = threading.Lock()
        read_end, self._requests = os.pipe()
        try:
            if family == "python":  # requests on stdin, which the bootstrap takes over
                options: dict[str, Any] = {"stdin": read_end}
                argv = list(command)
            else:  # Node.js cannot take stdin over: requests come on a descriptor of their own
                options = {"stdin": subprocess.DEVNULL, "pass_fds": (read_end,)}
                argv = [*command, str(read_end)]
            self.process = subprocess.Popen(  # noqa: S603 (an interpreter and its bootstrap)
                argv,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                cwd=cwd,
                env=dict(env),
                start_new_session=True,
                **options,
            )
        except BaseException:
            os.close(self._requests)
            raise
        finally:
            os.close(read_end)
        self._reader = threading.Thread(
            target=self._read, name=f"lambda-env-{self.process.pid}", daemon=True
        )
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    # -- phases ------------------------------------------------------------------

    def start(self, deadline: float) -> Outcome:
        """The init phase: ``ready`` (with ``initMs``), ``init_error``, ``timeout`` or ``exit``."""
        if not self._send({"token": self._token}):
            return self._ended(deadline)
        return self._wait(deadline, ("ready", "init_error"))

    def invoke(self, request: dict[str, Any], deadline: float) -> Outcome:
        """One invocation: ``result``, ``error``, ``timeout`` or ``exit``."""
        self.invocations += 1
        if not self._send(request):
            return self._ended(deadline)
        return self._wait(deadline, ("result", "error"))

    def take_log(self) -> bytes:
        """The function's output since the last call."""
        with self._log_lock:
            data = bytes(self._log)
            self._log.clear()
        return data

    def max_memory_mb(self) -> int | None:
        """The process's peak resident memory so far (Linux), in MB."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024 + 1
        return None

    def kill(self) -> None:
        """End the process and everything in its group; wait for them; close the pipes.

        Safe to call again, from any thread: a descriptor is closed once, never a
        number another thread has opened since."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=_KILL_WAIT)
        with self._closing:
            requests, self._requests = self._requests, -1
            if requests >= 0:
                os.close(requests)
        self._reader.join(timeout=_KILL_WAIT)

    # -- the pipes ---------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> bool:
        data = memoryview(encode_request(message, self.family))
        with self._closing:  # kill() kills first, so a blocked write ends with EPIPE
            if self._requests < 0:
                return False
            try:
                while data:
                    data = data[os.write(self._requests, data) :]
            except OSError:  # the process is gone
                return False
        return True

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        reader = FrameReader(self._token)
        try:
            while chunk := os.read(stream.fileno(), 65536):
                for kind, item in reader.feed(chunk):
                    if kind == "log":
                        with self._log_lock:
                            self._log += item
                    else:
                        self._frames.put(("frame", item))
        except (OSError, ValueError) as error:
            self._frames.put(("broken", str(error)))
        finally:
            stream.close()  # here, once nothing reads it: never a number reused meanwhile
        with self._log_lock:
            self._log += reader.rest()
        self._frames.put(("eof", None))

    def _wait(self, deadline: float, wanted: tuple[str, ...]) -> Outcome:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                return Outcome("timeout")
            try:
                kind, item = self._frames.get(timeout=min(remaining, _POLL))
            except queue.Empty:
                if self.process.poll() is not None:
                    return self._ended(deadline)
                continue
            if kind == "frame" and item["type"] in wanted:
                return Outcome(item["type"], item)
            if kind in ("eof", "broken"):
                return self._ended(deadline, drained=True)

    def _ended(self, deadline: float, drained: bool = False) -> Outcome:
        """The process ended (or is ending): a frame it wrote last still counts."""
        grace = time.monotonic() + _EXIT_GRACE
        while not drained:
            try:
                kind, item = self._frames.get(timeout=max(grace - time.monotonic(), 0.0))
            except queue.Empty:
                break
            if kind == "frame" and item["type"] in ("init_error", "error", "result"):
                self.kill()
                return Outcome(item["type"], item)
            drained = kind in ("eof", "broken")
        try:
            status = self.process.wait(timeout=max(min(deadline - time.monotonic(), 5.0), 0.1))
        except subprocess.TimeoutExpired:
            self.kill()
            return Outcome("timeout")
        self.kill()
        return Outcome("exit", status=status)
