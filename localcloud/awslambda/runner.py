"""The local Lambda runner: runs a function's real code, keeps its environments warm.

``Runner.invoke(function, payload, endpoint)`` takes an idle execution
environment of that exact function configuration (code SHA-256, version,
runtime, handler, variables, memory, timeout, endpoint), or starts one (a cold
start: the code unpacked once per code version, the interpreter found, the
role's credentials taken, the init phase run), sends it the event and waits at
most the function's timeout for its answer, killing it if it passes its memory
size (``worker``). An environment that answered goes
back to the idle pool, as Lambda keeps one warm; one that timed out or ended is
killed, and the next invocation starts cold. Environments of a configuration
that is no longer current (UpdateFunctionCode, UpdateFunctionConfiguration,
DeleteFunction: ``retire``) are killed when found idle or when they answer.
``reset(account, region)`` kills one backend's environments and forgets its
code; ``shutdown()`` all of them (at exit too). The runner's files live under
``<temporary directory>/localcloud-lambda-<pid>-<random>/``; a new runner removes
those of processes that ended without removing their own (killed, or
interrupted again while exiting).

The runner knows nothing of moto: ``FunctionSpec`` is what it needs of a
function, with two callables for what only the backend can do (the role's
credentials, and writing to CloudWatch Logs).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import interpreters, launch
from .code import CodeCache
from .environment import Execution, function_environment
from .logs import OUT_OF_MEMORY, InvocationLog, log_stream_name
from .payloads import exit_error, marshal_error, result_payload, timeout_error
from .worker import Environment, Outcome

__all__ = ["FunctionSpec", "Invocation", "Runner", "current", "shared", "shut_down_shared"]

log = logging.getLogger("localcloud.awslambda")

# Lambda's init phase gets 10 seconds; past that it is tried again inside the
# invocation, within the function's timeout.
INIT_SECONDS = 10.0


@dataclass(frozen=True)
class FunctionSpec:
    """A function configuration, as the runner runs it."""

    account: str
    region: str
    name: str
    arn: str  # unqualified
    version: str  # "$LATEST" or a published version
    runtime: str
    handler: str
    memory_mb: int
    timeout: float
    variables: tuple[tuple[str, str], ...]
    code_sha256: str  # hex
    log_group: str
    code: bytes = field(compare=False, repr=False)
    credentials: Callable[[], Mapping[str, str]] = field(compare=False, repr=False)
    write_log: Callable[[str, list[tuple[int, str]]], None] = field(compare=False, repr=False)

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.account, self.region, self.name, self.version)


@dataclass
class Invocation:
    """What an invocation answered."""

    payload: bytes
    function_error: str | None  # "Unhandled" when the function failed
    log: str  # this invocation's log lines
    outcome: str  # result, error, init_error, timeout, exit
    cold: bool
    pid: int


_Key = tuple[FunctionSpec, str]


class Runner:
    """Execution environments of every function, in one process."""

    def __init__(self, root: Path | None = None) -> None:
        if root is None:
            _remove_abandoned_roots()
            root = Path(tempfile.gettempdir()) / f"{_ROOT_PREFIX}{os.getpid()}-{uuid.uuid4().hex}"
        self.root = root
        self.code = CodeCache(self.root / "code")
        self._lock = threading.Lock()
        self._idle: dict[_Key, list[Environment]] = {}
        self._busy: dict[Environment, _Key] = {}
        self._current: dict[tuple[str, str, str, str], _Key] = {}
        self._background: set[threading.Thread] = set()

    # -- invoking ----------------------------------------------------------------

    def invoke(
        self,
        function: FunctionSpec,
        payload: bytes,
        endpoint: str,
        client_context: Any = None,
    ) -> Invocation:
        """Run ``function`` on the event ``payload`` (JSON text) and answer what Lambda would."""
        key: _Key = (function, endpoint)
        started = time.monotonic()
        environment, note = self._acquire(key)
        try:
            return self._run(key, environment, note, started, payload, client_context)
        except BaseException:
            self._release(key, environment, keep=False)  # never left busy, nor running
            raise

    def _run(
        self,
        key: _Key,
        environment: Environment,
        note: str,
        started: float,
        payload: bytes,
        client_context: Any,
    ) -> Invocation:
        function = key[0]
        request_id = str(uuid.uuid4())
        event = json.loads(payload or b"{}")
        cold = environment.invocations == 0
        record = InvocationLog()
        init_ms: float | None = None  # a cold start's, from the process's start to ready
        request = {
            "requestId": request_id,
            "functionArn": function.arn,
            "timeoutMs": int(function.timeout * 1000),
            "clientContext": client_context,
            "event": event if environment.family == "python" else None,
            "payload": None if environment.family == "python" else payload.decode(),
        }
        if cold:
            if note:
                record.line(f"localcloud: {note}")
            outcome = environment.start(started + INIT_SECONDS + function.timeout, request)
            init_ms = (time.monotonic() - started) * 1000
            record.output(outcome.log)
            if outcome.kind != "ready":
                return self._failed_init(function, key, environment, outcome, request_id, record)
        begun = time.monotonic()
        timeout = function.timeout
        if init_ms is not None and init_ms > INIT_SECONDS * 1000:
            timeout -= init_ms / 1000 - INIT_SECONDS  # the init ran into the timeout
            request["timeoutMs"] = int(timeout * 1000)
        record.start(request_id, function.version)
        outcome = environment.invoke(request, begun + timeout)
        duration_ms = (time.monotonic() - begun) * 1000
        record.output(outcome.log)
        answer, error, status = self._answer(function, outcome, request_id, record)
        peak = environment.max_memory_mb()
        record.end(request_id, duration_ms, function.memory_mb, peak, init_ms, status)
        self._release(key, environment, keep=outcome.kind in ("result", "error"))
        self._write_log(function, environment, record)
        return Invocation(answer, error, record.text, outcome.kind, cold, environment.pid)

    def invoke_later(
        self, function: FunctionSpec, payload: bytes, endpoint: str, client_context: Any = None
    ) -> None:
        """An asynchronous invocation (``InvocationType=Event``): run it in the background."""

        def run() -> None:
            try:
                done = self.invoke(function, payload, endpoint, client_context)
                log.debug("%s answered the event: %s", function.name, done.outcome)
            except Exception:
                log.exception("asynchronous invocation of %s failed", function.name)
            finally:
                with self._lock:
                    self._background.discard(thread)

        thread = threading.Thread(target=run, name=f"lambda-event-{function.name}", daemon=True)
        with self._lock:
            self._background.add(thread)
        thread.start()

    # -- the pool ----------------------------------------------------------------

    def _acquire(self, key: _Key) -> tuple[Environment, str]:
        function = key[0]
        stale: list[Environment] = []
        with self._lock:
            if self._current.get(function.identity) != key:
                self._current[function.identity] = key
                for other in [k for k in self._idle if k[0].identity == function.identity]:
                    if other != key:
                        stale += self._idle.pop(other)
            idle = self._idle.get(key, [])
            found = None
            while idle:
                candidate = idle.pop()
                if candidate.alive():
                    found = candidate
                    break
                stale.append(candidate)
            if found is not None:
                self._busy[found] = key
        for environment in stale:
            environment.kill()
        if found is not None:
            return found, ""
        environment, note = self._spawn(key)
        with self._lock:
            self._busy[environment] = key
        return environment, note

    def _release(self, key: _Key, environment: Environment, keep: bool) -> None:
        with self._lock:
            self._busy.pop(environment, None)
            keep = keep and self._current.get(key[0].identity) == key and environment.alive()
            if keep:
                self._idle.setdefault(key, []).append(environment)
        if not keep:
            environment.kill()

    def _spawn(self, key: _Key) -> tuple[Environment, str]:
        function, endpoint = key
        interpreter = interpreters.find(function.runtime)
        task_root = self.code.task_root(
            function.account, function.region, function.code_sha256, function.code
        )
        stream = log_stream_name(function.version)
        run = Execution(
            runtime=function.runtime,
            family=interpreter.family,
            handler=function.handler,
            function_name=function.name,
            version=function.version,
            memory_mb=function.memory_mb,
            region=function.region,
            log_group=function.log_group,
            log_stream=stream,
            task_root=task_root,
            runtime_dir=launch.runtime_dir(interpreter.family),
            interpreter_dir=Path(interpreter.executable).parent,
            sdk_path=str(launch.python_sdk(self.root)) if interpreter.family == "python" else "",
            endpoint_url=endpoint,
        )
        env = function_environment(run, dict(function.variables), function.credentials())
        environment = Environment(
            launch.command(interpreter),
            env,
            task_root,
            interpreter.family,
            stream,
            memory_mb=function.memory_mb,
        )
        return environment, interpreter.note

    # -- answers -----------------------------------------------------------------

    def _answer(
        self, function: FunctionSpec, outcome: Outcome, request_id: str, record: InvocationLog
    ) -> tuple[bytes, str | None, str | None]:
        """(payload, function error, REPORT status) for an invocation's outcome."""
        message = outcome.message or {}
        if outcome.kind == "result":
            try:
                return result_payload(message), None, None
            except (TypeError, ValueError) as error:
                fault = marshal_error(str(error), request_id)
                record.line(f"[ERROR] Runtime.MarshalError: {fault['errorMessage']}")
                return json.dumps(fault).encode(), "Unhandled", None
        if outcome.kind == "error":
            return json.dumps(message["error"]).encode(), "Unhandled", None
        if outcome.kind == "timeout":
            record.timed_out(request_id, function.timeout)
            return (
                json.dumps(timeout_error(request_id, function.timeout)).encode(),
                "Unhandled",
                ("timeout"),
            )
        payload = json.dumps(exit_error(request_id, outcome.status)).encode()
        return payload, "Unhandled", _exit_status(outcome)

    def _failed_init(
        self,
        function: FunctionSpec,
        key: _Key,
        environment: Environment,
        outcome: Outcome,
        request_id: str,
        record: InvocationLog,
    ) -> Invocation:
        record.start(request_id, function.version)
        if outcome.kind == "init_error" and outcome.message:
            payload = json.dumps(outcome.message["error"]).encode()
            status = "error"
        elif outcome.kind == "timeout":
            record.timed_out(request_id, function.timeout)
            payload = json.dumps(timeout_error(request_id, function.timeout)).encode()
            status = "timeout"
        else:
            payload = json.dumps(exit_error(request_id, outcome.status)).encode()
            status = _exit_status(outcome)
        self._release(key, environment, keep=False)  # ended: no peak left but a memory kill's
        record.output(environment.leftover())
        peak = environment.max_memory_mb()
        record.end(request_id, 0.0, function.memory_mb, peak, None, status)
        self._write_log(function, environment, record)
        return Invocation(payload, "Unhandled", record.text, outcome.kind, True, environment.pid)

    def _write_log(
        self, function: FunctionSpec, environment: Environment, record: InvocationLog
    ) -> None:
        log.debug("%s (%s):\n%s", function.name, environment.log_stream, record.text.rstrip())
        try:
            function.write_log(environment.log_stream, record.events)
        except Exception:  # the log is not worth failing the invocation for
            log.exception("could not write the log of %s", function.name)

    # -- retiring environments ---------------------------------------------------

    def retire(self, account: str, region: str, name: str, version: str | None = None) -> None:
        """Kill the idle environments of a function (of one version), and the busy ones
        when they answer: its code or configuration changed, or it was deleted."""
        doomed: list[Environment] = []
        with self._lock:
            for identity in list(self._current):
                if identity[:3] == (account, region, name) and version in (None, identity[3]):
                    del self._current[identity]
            for key in list(self._idle):
                function = key[0]
                named = (function.account, function.region, function.name) == (
                    account,
                    region,
                    name,
                )
                if named and version in (None, function.version):
                    doomed += self._idle.pop(key)
        for environment in doomed:
            environment.kill()

    def reset(self, account: str, region: str) -> None:
        """Kill every environment of one account and region, and forget its code."""
        self._kill(lambda function: (function.account, function.region) == (account, region))
        self.code.remove(account, region)

    def shutdown(self) -> None:
        """Kill every environment, wait for background invocations, remove the cache."""
        self._kill(lambda function: True)
        with self._lock:
            background = list(self._background)
        for thread in background:
            thread.join(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)

    def environments(self) -> list[Environment]:
        """Every environment the runner holds, idle or busy."""
        with self._lock:
            return [*self._busy, *(e for idle in self._idle.values() for e in idle)]

    def _kill(self, matches: Callable[[FunctionSpec], bool]) -> None:
        with self._lock:
            doomed = [e for e, key in self._busy.items() if matches(key[0])]
            for key in [k for k in self._idle if matches(k[0])]:
                doomed += self._idle.pop(key)
            for identity, key in list(self._current.items()):
                if matches(key[0]):
                    del self._current[identity]
        for environment in doomed:
            environment.kill()


_ROOT_PREFIX = "localcloud-lambda-"


def _exit_status(outcome: Outcome) -> str:
    """The REPORT status of an environment that ended without answering."""
    return OUT_OF_MEMORY if outcome.out_of_memory else "error"


def _remove_abandoned_roots() -> None:
    """Remove the runner directories of processes that no longer run."""
    for root in Path(tempfile.gettempdir()).glob(f"{_ROOT_PREFIX}*-*"):
        pid = root.name.removeprefix(_ROOT_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(root, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's
    return True


_shared: Runner | None = None
_shared_lock = threading.Lock()


def shared() -> Runner:
    """The process's runner (made on first use, shut down at exit)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Runner()
            atexit.register(_shared.shutdown)
        return _shared


def current() -> Runner | None:
    """The process's runner if one was made, without making one."""
    with _shared_lock:
        return _shared


def shut_down_shared() -> None:
    """Shut the process's runner down (``uninstall``); a later ``shared()`` makes a new one."""
    global _shared
    with _shared_lock:
        runner, _shared = _shared, None
    if runner is not None:
        atexit.unregister(runner.shutdown)
        runner.shutdown()
