"""Every moto internal the Lambda runner relies on, checked by what it does, one test per name.

A moto upgrade that moves or changes one fails here naming it and the moto
version the requirements pin (``localcloud/moto_adapter/awslambda.py`` lists them).
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import json
import time
from collections.abc import Iterator
from typing import Any, ClassVar

import boto3
import moto
import pytest

from localcloud.moto_adapter import awslambda as names
from localcloud.moto_adapter.core import BackendDict, mock_aws
from tests.support.constants import REGION
from tests.support.lambdas import ASSUME_ROLE, package
from tests.support.pins import pinned

PINNED = pinned("moto")
ACCOUNT = "123456789012"
SOURCE = package({"app.py": "def handler(event, context):\n    return 1\n"})


def hint(name: str) -> str:
    return (
        f"moto's {name} no longer does what the Lambda runner relies on "
        f"(pinned moto=={PINNED} in the requirements, installed {moto.__version__})"
    )


class Canned(names.LambdaFunction):
    """A function whose invoke answers what a test gives it, to see what moto does with it."""

    answer: ClassVar[tuple[bytes, dict[str, str]]] = (b"{}", {})
    calls: ClassVar[list[tuple[Any, Any]]] = []

    def invoke(self, body: Any, request_headers: Any, response_headers: Any) -> bytes:
        Canned.calls.append((body, request_headers))
        payload, headers = Canned.answer
        response_headers.update(headers)
        return payload


@pytest.fixture
def moto_backend() -> Iterator[names.LambdaBackend]:
    """moto's own Lambda backend (not the runner's), under ``mock_aws``, with a role."""
    with mock_aws():
        boto3.client("iam", region_name=REGION).create_role(
            RoleName="r", AssumeRolePolicyDocument=ASSUME_ROLE
        )
        yield names.LambdaBackend(REGION, ACCOUNT)


def spec(**extra: Any) -> dict[str, Any]:
    return {
        "FunctionName": "probe",
        "Runtime": "python3.12",
        "Role": f"arn:aws:iam::{ACCOUNT}:role/r",
        "Handler": "app.handler",
        "Code": {"ZipFile": base64.b64encode(SOURCE).decode()},
        "Environment": {"Variables": {"A": "1"}},
        "MemorySize": 256,
        "Timeout": 7,
        **extra,
    }


EXPECTED: dict[str, Any] = {
    "account_id": ACCOUNT,
    "region": REGION,
    "function_name": "probe",
    "function_arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:probe",
    "version": "$LATEST",
    "run_time": "python3.12",
    "handler": "app.handler",
    "role": f"arn:aws:iam::{ACCOUNT}:role/r",
    "environment_vars": {"A": "1"},
    "memory_size": 256,
    "timeout": 7,
    "package_type": "Zip",
    "code_bytes": SOURCE,
    "code_sha_256": base64.b64encode(hashlib.sha256(SOURCE).digest()).decode(),
    "logs_group_name": "/aws/lambda/probe",
}


@pytest.mark.parametrize("attribute", names.FUNCTION_ATTRIBUTES)
def test_lambda_function_attribute(moto_backend: names.LambdaBackend, attribute: str) -> None:
    function = moto_backend.create_function(spec())
    name = f"moto.awslambda.models.LambdaFunction.{attribute}"
    assert hasattr(function, attribute), hint(name)
    if attribute == "logs_backend":
        for method in ("ensure_log_group", "ensure_log_stream", "put_log_events"):
            assert callable(getattr(function.logs_backend, method, None)), hint(f"{name}.{method}")
        return
    assert getattr(function, attribute) == EXPECTED[attribute], hint(name)


def test_code_bytes_are_the_s3_object_s_after_update_function_code(
    moto_backend: names.LambdaBackend,
) -> None:
    name = "moto.awslambda.models.LambdaFunction._set_function_code (code_bytes from S3)"
    moto_backend.create_function(spec())
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="code-bucket")
    newer = package({"app.py": "def handler(e, c):\n    return 2\n"})
    s3.put_object(Bucket="code-bucket", Key="k.zip", Body=newer)
    moto_backend.update_function_code(
        "probe", "$LATEST", {"S3Bucket": "code-bucket", "S3Key": "k.zip"}
    )
    function = moto_backend.get_function("probe")
    assert function.code_bytes == newer, hint(name)
    assert function.code_sha_256 == base64.b64encode(hashlib.sha256(newer).digest()).decode(), hint(
        name
    )


def test_lambda_backend_lambdas_put_function_stores_a_function(
    moto_backend: names.LambdaBackend,
) -> None:
    name = "moto.awslambda.models.LambdaBackend._lambdas.put_function"
    function = Canned(account_id=ACCOUNT, spec=spec(), region=REGION, version="$LATEST")  # type: ignore[abstract]
    names.put_function(moto_backend, function)
    assert moto_backend.get_function("probe") is function, hint(name)


def test_lambda_backend_create_function_is_what_the_runner_mirrors() -> None:
    name = "moto.awslambda.models.LambdaBackend.create_function"
    source = inspect.getsource(names.LambdaBackend.create_function)
    for step in ("LambdaFunction(", "self._lambdas.put_function(fn)", "self.publish_version("):
        assert step in source, hint(f"{name} ({step})")


@pytest.mark.parametrize(
    ("method", "parameters"),
    [
        ("update_function_code", ["self", "function_name", "qualifier", "body"]),
        ("update_function_configuration", ["self", "function_name", "qualifier", "body"]),
        ("delete_function", ["self", "function_name", "qualifier"]),
        ("get_function", ["self", "function_name_or_arn", "qualifier"]),
        ("reset", ["self"]),
    ],
)
def test_lambda_backend_methods_the_runner_overrides(method: str, parameters: list[str]) -> None:
    name = f"moto.awslambda.models.LambdaBackend.{method}"
    found = list(inspect.signature(getattr(names.LambdaBackend, method)).parameters)
    assert found == parameters, hint(name)


def test_lambda_function_invoke_answers_invoke_with_its_response_headers(
    moto_backend: names.LambdaBackend,
) -> None:
    name = "moto.awslambda.models.LambdaFunction.invoke (called by LambdaResponse.invoke)"
    function = Canned(account_id=ACCOUNT, spec=spec(), region=REGION, version="$LATEST")  # type: ignore[abstract]
    names.put_function(names.lambda_backends[ACCOUNT][REGION], function)
    lam = boto3.client("lambda", region_name=REGION)
    Canned.calls.clear()
    Canned.answer = (
        b'{"ok": 1}',
        {"x-amz-function-error": "Unhandled", "x-amz-log-result": "TE9H"},
    )
    tail = lam.invoke(FunctionName="probe", Payload=b'{"e": 1}', LogType="Tail")
    assert json.loads(tail["Payload"].read()) == {"ok": 1}, hint(name)
    assert (tail["FunctionError"], tail["LogResult"]) == ("Unhandled", "TE9H"), hint(name)
    assert json.loads(Canned.calls[0][0]) == {"e": 1}, hint(f"{name}: the body")
    plain = lam.invoke(FunctionName="probe", Payload=b"{}")
    assert "LogResult" not in plain, hint(f"{name}: x-amz-log-result only with LogType=Tail")
    Canned.answer = (b"", {})
    event = lam.invoke(FunctionName="probe", InvocationType="Event")
    dry = lam.invoke(FunctionName="probe", InvocationType="DryRun")
    assert (event["StatusCode"], dry["StatusCode"]) == (202, 204), hint(name)
    headers = Canned.calls[-1][1]
    assert headers.get("X-Amz-Invocation-Type") == "DryRun", hint(f"{name}: request headers")


def test_lambda_response_invoke_asks_for_qualifier_in_lower_case() -> None:
    name = "moto.awslambda.responses.LambdaResponse.invoke (_get_param('qualifier'))"
    source = inspect.getsource(names.LambdaResponse.invoke)
    assert 'self._get_param("qualifier")' in source, hint(name)


def test_lambda_urls_are_all_answered_by_lambda_response_dispatch() -> None:
    name = "moto.awslambda.urls.url_paths"
    module = names.lambda_url_module()
    answering = [getattr(handler, "__self__", None) for handler in module.url_paths.values()]
    assert answering and set(answering) == {names.LambdaResponse}, hint(name)
    assert module.url_bases == [r"https?://lambda\.(.+)\.amazonaws\.com"], hint(name)


def test_base_backend_url_module_is_where_a_backend_s_urls_come_from() -> None:
    name = "moto.core.base_backend.BaseBackend._url_module"

    class Elsewhere(names.LambdaBackend):
        @property
        def _url_module(self) -> Any:
            class Urls:
                url_bases: ClassVar[list[str]] = [r"https?://probe\.(.+)\.example"]
                url_paths: ClassVar[dict[str, Any]] = {"{0}/only$": names.LambdaResponse.dispatch}

            return Urls

    urls = Elsewhere(REGION, ACCOUNT).urls
    assert list(urls) == [r"https?://probe\.(.+)\.example/only$"], hint(name)


def test_backend_dict_makes_backends_of_its_backend_attribute() -> None:
    name = f"moto.core.base_backend.BackendDict.{names.BACKEND_ATTRIBUTE}"

    class Probe(names.LambdaBackend):
        pass

    made = BackendDict(names.LambdaBackend, "lambda")
    setattr(made, names.BACKEND_ATTRIBUTE, Probe)
    assert type(made["111122223333"][REGION]) is Probe, hint(name)


def test_sts_assume_role_gives_credentials_of_the_role_s_account() -> None:
    name = "moto.sts.models.STSBackend.assume_role"
    with mock_aws():
        credentials = names.assume_role(
            "111122223333", REGION, "arn:aws:iam::111122223333:role/r", "session"
        )
        sts = boto3.client(
            "sts",
            region_name=REGION,
            aws_access_key_id=credentials["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=credentials["AWS_SECRET_ACCESS_KEY"],
            aws_session_token=credentials["AWS_SESSION_TOKEN"],
        )
        identity = sts.get_caller_identity()
    assert identity["Account"] == "111122223333", hint(name)
    assert identity["Arn"] == "arn:aws:sts::111122223333:assumed-role/r/session", hint(name)


def test_logs_backend_takes_events_into_a_stream(moto_backend: names.LambdaBackend) -> None:
    name = "moto.logs.models.LogsBackend.ensure_log_group/ensure_log_stream/put_log_events"
    function = moto_backend.create_function(spec())
    now = int(time.time() * 1000)
    events_in = [(now, "a"), (now + 1, "b")]
    names.write_log_events(function.logs_backend, "/aws/lambda/probe", "s", events_in)
    logs = boto3.client("logs", region_name=REGION)
    events = logs.get_log_events(logGroupName="/aws/lambda/probe", logStreamName="s")["events"]
    assert [event["message"] for event in events] == ["a", "b"], hint(name)


def test_a_lambda_client_error_is_answered_with_its_code_as_the_status() -> None:
    """moto's dispatch answers an HTTPException with ``.code`` as the status, and its headers."""
    name = "moto.awslambda.exceptions.LambdaClientError (a JsonRESTError: code is the status)"
    error = names.LambdaClientError("InvalidRuntimeException", "no")
    assert error.code == 400, hint(name)
    error.code = 502
    assert error.get_response().status_code == 502, hint(name)
    assert ("X-Amzn-ErrorType", "InvalidRuntimeException") in error.get_headers(), hint(name)
    assert json.loads(error.get_body())["__type"] == "InvalidRuntimeException", hint(name)
