"""The Python runtime of the local Lambda runner: one execution environment.

The runner starts ``bootstrap.py``, which imports this module, with the
function's interpreter, environment and working directory (the unpacked code,
``LAMBDA_TASK_ROOT``). It loads the handler named by ``_HANDLER`` (the init
phase), then runs one invocation per request, as Lambda's Python runtime
(awslambdaric) does, with the same error types and payloads:
``Runtime.ImportModuleError``, ``Runtime.UserCodeSyntaxError``,
``Runtime.HandlerNotFound``, ``Runtime.MalformedHandlerName``,
``Runtime.MarshalError``, or the exception's own class with its stack trace.

The wire (``localcloud.awslambda.protocol``): requests come on standard input,
each a 4-byte big-endian length and a ``marshal`` blob (the first one carries
the frame token); answers go to standard output, the function's log, as frames
``\\x1e<token>|<M or J><10-digit length><body>`` that the runner cuts out of the
log. ``marshal`` is built in: no import of ``json`` (and ``re``) on the way to
the first answer, which is most of a cold start's cost. Runs on Python 3.8+.
"""

from __future__ import annotations

import _thread
import marshal
import os
import sys
import time
from importlib import import_module
from importlib.machinery import PathFinder

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs a cold start what the interpreter's own start does
    from typing import Any

_REQUESTS = -1  # the runner's requests: what was standard input
_FRAMES = -1  # the answers: the log pipe, even if the function closes its stdout
_prefix = b""
_request_id = ""


def _take_over_standard_input() -> None:
    global _REQUESTS, _FRAMES
    _REQUESTS, _FRAMES = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)  # the function reads nothing of ours
    os.close(null)


# -- the wire --------------------------------------------------------------------


def _read_exactly(count: int) -> bytes:
    chunks = []
    while count:
        chunk = os.read(_REQUESTS, count)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def _receive() -> Any:
    size = int.from_bytes(_read_exactly(4), "big")
    return marshal.loads(_read_exactly(size))  # noqa: S302 (from the runner that started us)


def _send(message: dict[str, Any], kind: bytes = b"M", body: bytes | None = None) -> None:
    data = marshal.dumps(message, 4) if body is None else body
    view = memoryview(_prefix + kind + b"%010d" % len(data) + data)
    while view:
        view = view[os.write(_FRAMES, view) :]


def _watch_parent(parent: int) -> None:
    """End this environment, and what it started, if the runner is gone."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            try:
                os.killpg(0, 9)
            finally:
                os._exit(1)


# -- errors, as Lambda's Python runtime reports them -------------------------------


class _Fault(Exception):
    def __init__(self, error_type: str, message: str, trace: list[str] | None = None) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []


def _error(message: str, error_type: str, trace: list[str], request_id: str) -> dict[str, Any]:
    return {
        "errorMessage": message,
        "errorType": error_type,
        "requestId": request_id,
        "stackTrace": trace,
    }


def _from_exception(error: BaseException, request_id: str) -> dict[str, Any]:
    """The exception's payload, its stack trace without this bootstrap's frames."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    while frames and frames[0].filename == __file__:
        frames = frames[1:]  # type: ignore[assignment]
    return _error(str(error), type(error).__name__, traceback.format_list(frames), request_id)


def _log_error(error: dict[str, Any]) -> None:
    """``[ERROR] Type: message`` and the trace, one log line as Lambda writes it."""
    description = "[ERROR] " + error["errorType"]
    if error["errorMessage"]:
        description += ": " + error["errorMessage"]
    lines = [description, "Traceback (most recent call last):"]
    for element in error["stackTrace"]:
        lines += [line.replace(" ", "\u00a0", len(line) - len(line.lstrip(" "))) for line in
                  element.splitlines()]  # fmt: skip
    sys.stdout.write("\r".join(lines) + "\n")
    sys.stdout.flush()


# -- logging, set up when the function imports it ----------------------------------


class _RequestIdFilter:
    def filter(self, record: Any) -> bool:
        record.aws_request_id = _request_id
        return True


def _set_up_logging(logging: Any) -> None:
    """The root handler Lambda's runtime installs: ``[LEVEL]\\ttime\\trequest id\\tmessage``."""
    logging.Formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.terminator = ""
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        root.setLevel(level)


class _LoggingOnImport:
    """Sets Lambda's logging up the moment the function imports ``logging``, not before:
    importing it costs a cold start about as much as starting the interpreter."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        execute = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            execute(module)
            _set_up_logging(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec

    def invalidate_caches(self) -> None:
        pass


# -- the function ------------------------------------------------------------------


class LambdaContext:
    """The context object a handler gets, with Lambda's attribute names."""

    def __init__(self, request: dict[str, Any]) -> None:
        self.aws_request_id = request["requestId"]
        self.invoked_function_arn = request["functionArn"]
        self.client_context = request.get("clientContext")
        self.identity = None
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        # From when this invocation starts here: the request may have come before the init.
        self._deadline_ms = time.time() * 1000 + request["timeoutMs"]

    def get_remaining_time_in_millis(self) -> int:
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def log(self, message: str) -> None:
        sys.stdout.write(message)
        sys.stdout.flush()


def _load(handler: str) -> Any:
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        raise _Fault("Runtime.MalformedHandlerName", f"Bad handler '{handler}': {error}") from None
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise _Fault(
                "Runtime.BuiltInModuleConflict",
                f"Cannot use built-in module {module_name} as a handler module",
            )
        module = import_module(module_name.replace("/", "."))
    except ImportError as error:
        message = f"Unable to import module '{module_name}': {error}"
        raise _Fault("Runtime.ImportModuleError", message) from None
    except SyntaxError as error:
        trace = [f'  File "{error.filename}" Line {error.lineno}\n    {error.text}']
        message = f"Syntax error in module '{module_name}': {error}"
        raise _Fault("Runtime.UserCodeSyntaxError", message, trace) from None
    try:
        return getattr(module, function_name)
    except AttributeError:
        message = f"Handler '{function_name}' missing on module '{module_name}'"
        raise _Fault("Runtime.HandlerNotFound", message) from None


def _json_default(value: Any) -> Any:
    import decimal

    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _answer(request_id: str, result: Any) -> None:
    """The result, as marshal data the runner writes as JSON; bytes are the payload itself."""
    try:
        _send({"type": "result", "requestId": request_id, "value": result})
        return
    except ValueError:  # a type marshal does not carry (Decimal, a dict subclass...)
        pass
    import json

    try:
        text = json.dumps(result, default=_json_default)
    except (TypeError, ValueError) as error:
        fault = _error(f"Unable to marshal response: {error}", "Runtime.MarshalError", [],
                       request_id)  # fmt: skip
        _log_error(fault)
        _send({"type": "error", "requestId": request_id, "error": fault})
        return
    _send({"type": "result", "requestId": request_id, "json": text})


def main() -> None:
    global _prefix, _request_id
    _take_over_standard_input()
    try:
        hello = _receive()
    except EOFError:
        return
    _prefix = b"\x1e" + hello["token"].encode() + b"|"
    _thread.start_new_thread(_watch_parent, (os.getppid(),))
    sys.meta_path.insert(0, _LoggingOnImport())
    started = time.monotonic()
    try:
        handler = _load(os.environ.get("_HANDLER", ""))
    except _Fault as fault:
        error = _error(fault.message, fault.error_type, fault.trace, "")
        _log_error(error)
        _send({"type": "init_error", "error": error})
        sys.exit(1)
    except Exception as failure:
        error = _from_exception(failure, "")
        _log_error(error)
        _send({"type": "init_error", "error": error})
        sys.exit(1)
    _send({"type": "ready", "initMs": (time.monotonic() - started) * 1000})
    while True:
        try:
            request = _receive()
        except EOFError:
            return
        _request_id = request["requestId"]
        try:
            result = handler(request["event"], LambdaContext(request))
        except Exception as failure:
            error = _from_exception(failure, _request_id)
            _log_error(error)
            _send({"type": "error", "requestId": _request_id, "error": error})
            continue
        _answer(_request_id, result)
