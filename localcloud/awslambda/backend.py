"""moto's Lambda backend and function, subclassed so that Invoke runs the function's code.

``LocalLambdaBackend`` makes ``LocalLambdaFunction``s (CreateFunction, and the
CloudFormation type ``AWS::Lambda::Function``, which calls it), keeps serving
moto's Lambda URLs, and tells the runner when a function's code or
configuration changes, when it is deleted, and when moto resets the backend.
``LocalLambdaFunction.invoke`` is the one method of moto's function replaced:
it runs the code through the runner (``localcloud.awslambda.runner``) instead
of Docker, for moto's Invoke and for every invocation moto starts itself
(CloudFormation custom resources, SQS, SNS and other event sources).

Invoke answers as Lambda does: the result, or the function's error with
``X-Amz-Function-Error: Unhandled``; ``X-Amz-Log-Result`` (moto keeps it for
``LogType=Tail``); ``InvocationType=Event`` runs in the background (202),
``DryRun`` checks the request only (204).
"""

from __future__ import annotations

import base64
import copy
import json
import logging
import threading
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from localcloud.moto_adapter.awslambda import (
    JsonRESTError,
    LambdaBackend,
    LambdaClientError,
    LambdaFunction,
    assume_role,
    put_function,
    write_log_events,
)

from . import endpoint as endpoints
from . import urls
from .code import InvalidPackage
from .interpreters import RuntimeUnavailable, family_of
from .logs import tail
from .runner import FunctionSpec, current, shared

__all__ = ["InvokeError", "LocalLambdaBackend", "LocalLambdaFunction", "function_spec"]

log = logging.getLogger("localcloud.awslambda")

# Lambda's synchronous Invoke payload limit.
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024
INVOCATION_TYPES = ("RequestResponse", "Event", "DryRun")
_logs_lock = threading.Lock()  # moto's CloudWatch Logs backend is not safe across threads


class InvokeError(LambdaClientError):
    """An error Invoke answers, with Lambda's code and status."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(code, message)
        self.code = status


def _header(headers: Mapping[str, Any] | None, name: str) -> str:
    if not headers:
        return ""
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if str(k).lower() == lowered), None)
    return "" if value is None else str(value)


def _payload(body: str | bytes | None) -> bytes:
    """The event as JSON bytes; ``InvokeError`` for what Lambda refuses."""
    data = body.encode() if isinstance(body, str) else (body or b"")
    if len(data) > MAX_PAYLOAD_BYTES:
        raise InvokeError(
            "RequestTooLargeException",
            f"Request must be smaller than {MAX_PAYLOAD_BYTES} bytes for the Invoke operation",
            413,
        )
    if not data.strip():
        return b"{}"
    try:
        json.loads(data)
    except ValueError as error:
        message = (
            f"Could not parse request body into json: Could not parse payload into json: {error}"
        )
        raise InvokeError("InvalidRequestContentException", message) from None
    return data


def _client_context(headers: Mapping[str, Any] | None) -> Any:
    encoded = _header(headers, "X-Amz-Client-Context")
    if not encoded:
        return None
    try:
        return json.loads(base64.b64decode(encoded))
    except ValueError:
        raise InvokeError(
            "InvalidRequestContentException", "Client context must be base64-encoded JSON"
        ) from None


def function_spec(function: LambdaFunction) -> FunctionSpec:
    """What the runner needs of moto's function; ``InvokeError`` when it cannot run it."""
    if function.package_type == "Image":
        raise InvokeError(
            "InvalidRuntimeException",
            f"{function.function_name} is a container image: the local runner runs .zip "
            "packages of Python and Node.js functions, without Docker",
            502,
        )
    runtime = function.run_time or ""
    if family_of(runtime) is None:
        raise InvokeError(
            "InvalidRuntimeException",
            f"The runtime {runtime or '(none)'} of {function.function_name} is not one the local "
            "runner runs: it runs python3.x and nodejsN.x functions",
            502,
        )
    sha = base64.b64decode(function.code_sha_256).hex() if function.code_sha_256 else ""
    account, region, role = function.account_id, function.region, function.role
    logs_backend, group = function.logs_backend, function.logs_group_name

    def credentials() -> Mapping[str, str]:
        return assume_role(account, region, role, function.function_name)

    def write_log(stream: str, events: list[tuple[int, str]]) -> None:
        with _logs_lock:
            write_log_events(logs_backend, group, stream, events)

    return FunctionSpec(
        account=account,
        region=region,
        name=function.function_name,
        arn=function.function_arn,
        version=str(function.version),
        runtime=runtime,
        handler=function.handler or "",
        memory_mb=int(function.memory_size),
        timeout=float(function.timeout),
        variables=tuple(sorted((str(k), str(v)) for k, v in function.environment_vars.items())),
        code_sha256=sha,
        log_group=group,
        code=function.code_bytes,
        credentials=credentials,
        write_log=write_log,
    )


class LocalLambdaFunction(LambdaFunction):
    """moto's function, invoked by the local runner."""

    def invoke(self, body: Any, request_headers: Any, response_headers: Any) -> bytes:
        invocation_type = _header(request_headers, "X-Amz-Invocation-Type") or "RequestResponse"
        if invocation_type not in INVOCATION_TYPES:
            raise InvokeError(
                "InvalidParameterValueException",
                f"InvocationType must be one of {', '.join(INVOCATION_TYPES)}",
            )
        payload = _payload(body)
        context = _client_context(request_headers)
        spec = function_spec(self)
        if invocation_type == "DryRun":
            return b""
        endpoint = endpoints.endpoint_for(request_headers)
        runner = shared()
        if invocation_type == "Event":
            runner.invoke_later(spec, payload, endpoint, context)
            return b""
        try:
            done = runner.invoke(spec, payload, endpoint, context)
        except InvalidPackage as error:
            raise InvokeError("InvalidZipFileException", str(error), 502) from None
        except RuntimeUnavailable as error:
            raise InvokeError("InvalidRuntimeException", str(error), 502) from None
        if done.function_error:
            response_headers["x-amz-function-error"] = done.function_error
        response_headers["x-amz-log-result"] = tail(done.log)
        response_headers["x-amz-executed-version"] = str(self.version)
        return done.payload


class LocalLambdaBackend(LambdaBackend):
    """moto's Lambda backend, whose functions run their code locally."""

    @property
    def _url_module(self) -> ModuleType:
        return urls

    def create_function(self, spec: dict[str, Any]) -> LambdaFunction:
        # moto's create_function, making a LocalLambdaFunction.
        function_name = spec.get("FunctionName")
        if function_name is None:
            raise JsonRESTError("InvalidParameterValueException", "Missing FunctionName")
        # moto's model classes declare abstract methods but are no ABCs: instantiable.
        function = LocalLambdaFunction(  # type: ignore[abstract]
            account_id=self.account_id, spec=spec, region=self.region_name, version="$LATEST"
        )
        put_function(self, function)
        if spec.get("Publish"):
            published = self.publish_version(function_name)
            function = copy.deepcopy(function)  # the answer names the version; $LATEST stays
            function.version = published.version  # type: ignore[union-attr]
        return function

    def update_function_code(
        self, function_name: str, qualifier: str, body: dict[str, Any]
    ) -> dict[str, Any] | None:
        name, version = self._named(function_name, qualifier)
        answer = super().update_function_code(function_name, qualifier, body)
        self._retire(name, version)
        return answer

    def update_function_configuration(
        self, function_name: str, qualifier: str, body: dict[str, Any]
    ) -> dict[str, Any] | None:
        name, version = self._named(function_name, qualifier)
        answer = super().update_function_configuration(function_name, qualifier, body)
        self._retire(name, version)
        return answer

    def delete_function(self, function_name: str, qualifier: str | None = None) -> None:
        name, _ = self._named(function_name, qualifier)
        super().delete_function(function_name, qualifier)
        self._retire(name, qualifier)

    def reset(self) -> None:
        runner = current()
        if runner is not None:
            runner.reset(self.account_id, self.region_name)
        super().reset()

    def _named(self, function_name: str, qualifier: str | None) -> tuple[str, str]:
        function = self.get_function(function_name, qualifier)
        return function.function_name, str(function.version)

    def _retire(self, name: str, version: str | None) -> None:
        runner = current()
        if runner is not None:
            runner.retire(self.account_id, self.region_name, name, version)
