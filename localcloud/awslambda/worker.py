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
# A request this small goes with the hello, before the init: it fits in the pipe's buffer
# (64 KiB on Linux), so the write never waits, and the first answer saves a round trip.
_EARLY_REQUEST_BYTES = 32 * 1024
_POLL = 0.25
_KILL_WAIT = 30.0


@dataclass(frozen=True)
class Outcome:
    """How a phase ended: ready, init_error, result, error, timeout or exit."""

    kind: str
    message: dict[str, Any] | None = None
    status: int | None = None  # the exit status (negative: the signal), for ``exit``
    log: bytes = b""  # the function's output in this phase


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
        self._sent_early = False
        self._token = new_token()
        # ("frame", message, the output before it), ("eof" or "broken", reason, b"")
        self._frames: queue.Queue[tuple[str, Any, bytes]] = queue.Queue()
        self._log = bytearray()  # output the reader has not handed over with a frame yet
        self._phase_log = bytearray()  # output handed over in this phase
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

    def start(self, deadline: float, first: dict[str, Any] | None = None) -> Outcome:
        """The init phase: ``ready`` (with ``initMs``), ``init_error``, ``timeout`` or ``exit``.

        ``first``, the first invocation's request, goes along when it is small; ``invoke``
        then sends it no more."""
        data = encode_request({"token": self._token}, self.family)
        if first is not None:
            request = encode_request(first, self.family)
            if len(request) <= _EARLY_REQUEST_BYTES:
                data += request
                self._sent_early = True
        if not self._send(data):
            return self._ended(deadline)
        return self._wait(deadline, ("ready", "init_error"))

    def invoke(self, request: dict[str, Any], deadline: float) -> Outcome:
        """One invocation: ``result``, ``error``, ``timeout`` or ``exit``."""
        self.invocations += 1
        early, self._sent_early = self._sent_early, False
        if not early and not self._send(encode_request(request, self.family)):
            return self._ended(deadline)
        return self._wait(deadline, ("result", "error"))

    def leftover(self) -> bytes:
        """Output no phase took (what a process wrote after its last answer, before it ended)."""
        with self._log_lock:
            data = bytes(self._phase_log + self._log)
            self._log.clear()
        self._phase_log.clear()
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

    def _send(self, encoded: bytes) -> bool:
        data = memoryview(encoded)
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
                    with self._log_lock:
                        if kind == "log":
                            self._log += item
                            continue
                        before = bytes(self._log)
                        self._log.clear()
                    self._frames.put(("frame", item, before))
        except (OSError, ValueError) as error:
            self._frames.put(("broken", str(error), b""))
        finally:
            stream.close()  # here, once nothing reads it: never a number reused meanwhile
        with self._log_lock:
            self._log += reader.rest()
        self._frames.put(("eof", None, b""))

    def _outcome(self, kind: str, message: dict[str, Any] | None = None, **more: Any) -> Outcome:
        """The phase's outcome with its output; after the process ended, all that is left."""
        log = bytes(self._phase_log)
        self._phase_log.clear()
        if kind in ("timeout", "exit") or not self.alive():
            with self._log_lock:
                log += bytes(self._log)
                self._log.clear()
        return Outcome(kind, message, log=log, **more)

    def _wait(self, deadline: float, wanted: tuple[str, ...]) -> Outcome:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                return self._outcome("timeout")
            try:
                kind, item, before = self._frames.get(timeout=min(remaining, _POLL))
            except queue.Empty:
                if self.process.poll() is not None:
                    return self._ended(deadline)
                continue
            self._phase_log += before
            if kind == "frame" and item["type"] in wanted:
                return self._outcome(item["type"], item)
            if kind in ("eof", "broken"):
                return self._ended(deadline, drained=True)

    def _ended(self, deadline: float, drained: bool = False) -> Outcome:
        """The process ended (or is ending): a frame it wrote last still counts."""
        grace = time.monotonic() + _EXIT_GRACE
        while not drained:
            try:
                kind, item, before = self._frames.get(timeout=max(grace - time.monotonic(), 0.0))
            except queue.Empty:
                break
            self._phase_log += before
            if kind == "frame" and item["type"] in ("init_error", "error", "result"):
                self.kill()
                return self._outcome(item["type"], item)
            drained = kind in ("eof", "broken")
        try:
            status = self.process.wait(timeout=max(min(deadline - time.monotonic(), 5.0), 0.1))
        except subprocess.TimeoutExpired:
            self.kill()
            return self._outcome("timeout")
        self.kill()
        return self._outcome("exit", status=status)
