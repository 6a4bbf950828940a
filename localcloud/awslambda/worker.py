"""One execution environment: a bootstrap process serving one invocation at a time.

``Environment.start`` runs the init phase and answers ``ready`` or the init
error; ``invoke`` sends one request and waits for its answer, at most until
the deadline: then the process is killed (``timeout``). A process that ends
without answering is an ``exit`` (with its status). A process whose peak
resident memory (Linux's ``VmHWM``) passes the function's memory size is
killed as Lambda's sandbox kills it: an ``exit`` by SIGKILL, marked
``out_of_memory``, checked while it runs and again before its answer counts
(the peak is the kernel's record, so an answer given after a peak over the
size is never taken, however briefly the peak lasted). The process leads a
process group of its own, so ``kill()`` ends what the function started too.

The thread that runs a phase reads the process's output itself, cutting the
runner's frames out of the function's log (``protocol.FrameReader``): no
thread hands anything over, which a cold start would pay for twice. Between
invocations nothing reads it: what a function's background work writes then
waits in the pipe and counts in the next invocation's log, as Lambda, which
freezes an idle environment, shows it. Nothing here waits without a deadline.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .protocol import FrameReader, encode_request, new_token

__all__ = ["Environment", "Outcome"]

# After the process ends, how long its last output may take to arrive through the pipe.
_EXIT_GRACE = 2.0
# A request this small goes with the hello, before the init: it fits in the pipe's buffer
# (64 KiB on Linux), so the write never waits, and the first answer saves a round trip.
_EARLY_REQUEST_BYTES = 32 * 1024
_POLL = 0.25
_KILL_WAIT = 30.0
_CHUNK = 65536


@dataclass(frozen=True)
class Outcome:
    """How a phase ended: ready, init_error, result, error, timeout or exit."""

    kind: str
    message: dict[str, Any] | None = None
    status: int | None = None  # the exit status (negative: the signal), for ``exit``
    log: bytes = b""  # the function's output in this phase
    out_of_memory: bool = False  # an ``exit``: killed for passing the memory size


class Environment:
    """A started bootstrap process for one function configuration."""

    def __init__(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        family: str,
        log_stream: str,
        memory_mb: int | None = None,
    ) -> None:
        self.family = family
        self.log_stream = log_stream
        self.memory_mb = memory_mb  # killed past it; None: no limit
        self._out_of_memory = False  # killed for passing it
        self.started = time.monotonic()
        self.invocations = 0
        self._sent_early = False
        self._token = new_token()
        self._reader = FrameReader(self._token)
        # Frames read and not yet taken, each with the output written before it.
        self._frames: deque[tuple[dict[str, Any], bytes]] = deque()
        self._log = bytearray()  # output read since the last frame
        self._phase_log = bytearray()  # output of the phase running, up to its last frame
        self._eof = False
        # One thread at a time reads the output or writes requests; kill() takes both
        # locks (after the kill, so a blocked read or write ends) and closes the pipes.
        self._reading = threading.Lock()
        self._writing = threading.Lock()
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
        assert self.process.stdout is not None
        self._output = self.process.stdout.fileno()

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
        """Output no phase took (what a process wrote after its last answer)."""
        data = bytes(self._phase_log + self._log)
        self._phase_log.clear()
        self._log.clear()
        return data

    def max_memory_mb(self) -> int | None:
        """The process's peak resident memory so far (Linux), in MB, at most its memory size:
        Lambda reports the size for a process killed past it (whose peak is gone with it)."""
        if self._out_of_memory:
            return self.memory_mb
        peak = self._peak_kb()
        if peak is None:
            return None
        used = peak // 1024 + 1
        return min(used, self.memory_mb) if self.memory_mb is not None else used

    def _peak_kb(self) -> int | None:
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return None

    def _over_memory(self) -> bool:
        if self.memory_mb is None:
            return False
        peak = self._peak_kb()
        return peak is not None and peak > self.memory_mb * 1024

    def kill(self) -> None:
        """End the process and everything in its group; wait for them; close the pipes.

        Safe to call again, and from another thread than a phase's: the kill ends a
        blocked read or write first, and a descriptor is closed once, under the lock
        of what uses it, never a number another thread has opened since."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=_KILL_WAIT)
        with self._writing:
            requests, self._requests = self._requests, -1
            if requests >= 0:
                os.close(requests)
        with self._reading:
            if self._output >= 0:
                self._drain(time.monotonic() + _EXIT_GRACE)
                self._output = -1
                assert self.process.stdout is not None
                self.process.stdout.close()
                self._eof = True

    # -- the pipes ---------------------------------------------------------------

    def _send(self, encoded: bytes) -> bool:
        data = memoryview(encoded)
        with self._writing:
            if self._requests < 0:
                return False
            try:
                while data:
                    data = data[os.write(self._requests, data) :]
            except OSError:  # the process is gone
                return False
        return True

    def _read_some(self, timeout: float) -> None:
        """Read what the process writes within ``timeout`` seconds into log and frames."""
        with self._reading:
            self._read_chunk(timeout)

    def _drain(self, until: float) -> None:
        """Read to the end of the output (with ``_reading`` held, after the kill)."""
        while not self._eof and time.monotonic() < until:
            self._read_chunk(until - time.monotonic())

    def _read_chunk(self, timeout: float) -> None:
        if self._output < 0 or self._eof:
            self._eof = True
            return
        poller = select.poll()
        poller.register(self._output, select.POLLIN | select.POLLHUP)
        if not poller.poll(max(timeout, 0.0) * 1000):
            return
        try:
            chunk = os.read(self._output, _CHUNK)
        except OSError:
            chunk = b""
        if not chunk:
            self._eof = True
            self._log += self._reader.rest()
            return
        try:
            for kind, item in self._reader.feed(chunk):
                if kind == "log":
                    self._log += item
                else:
                    self._frames.append((item, bytes(self._log)))
                    self._log.clear()
        except ValueError:  # a frame that is not one of ours: the wire is broken
            self._eof = True

    def _outcome(self, kind: str, message: dict[str, Any] | None = None, **more: Any) -> Outcome:
        """The phase's outcome with its output: up to its answer, or all there was when the
        process ended (a timeout, an exit)."""
        if message is None:
            self._phase_log += self._log
            self._log.clear()
        log = bytes(self._phase_log)
        self._phase_log.clear()
        return Outcome(kind, message, log=log, **more)

    def _take_frame(self) -> dict[str, Any]:
        message, before = self._frames.popleft()
        self._phase_log += before
        return message

    def _wait(self, deadline: float, wanted: tuple[str, ...]) -> Outcome:
        while True:
            while self._frames:
                message = self._take_frame()
                if message["type"] in wanted:
                    if self._over_memory():
                        return self._killed_for_memory()
                    return self._outcome(message["type"], message)
            if self._eof:
                return self._ended(deadline)
            if self._over_memory():
                return self._killed_for_memory()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                return self._outcome("timeout")
            self._read_some(min(remaining, _POLL))
            if not self._frames and not self._eof and not self.alive():
                return self._ended(deadline)

    def _killed_for_memory(self) -> Outcome:
        self._out_of_memory = True
        self.kill()
        return self._outcome("exit", status=-signal.SIGKILL, out_of_memory=True)

    def _ended(self, deadline: float) -> Outcome:
        """The process ended (or is ending): an answer it wrote last still counts."""
        grace = time.monotonic() + _EXIT_GRACE
        while not self._eof and time.monotonic() < grace:
            self._read_some(min(grace - time.monotonic(), _POLL))
        while self._frames:
            message = self._take_frame()
            if message["type"] in ("init_error", "error", "result"):
                self.kill()
                return self._outcome(message["type"], message)
        try:
            status = self.process.wait(timeout=max(min(deadline - time.monotonic(), 5.0), 0.1))
        except subprocess.TimeoutExpired:
            self.kill()
            return self._outcome("timeout")
        self.kill()
        return self._outcome("exit", status=status)
