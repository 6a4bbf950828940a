"""Invoke runs the function's code: its result, its environment, its log, its SDK calls.

Each test runs in-process (``mock_aws``) and over the local server.
"""

from __future__ import annotations

import base64
import json
import re

import pytest
from botocore.exceptions import ClientError

from tests.support.lambdas import Cloud, package, runner_processes
from tests.support.polling import until

WRITER = """
import json, boto3, logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)

def handler(event, context):
    logger.info("writing %s", event["key"])
    s3 = boto3.client("s3")
    s3.put_object(Bucket=event["bucket"], Key=event["key"], Body=b"from the function")
    return boto3.client("sts").get_caller_identity()["Arn"]
"""


def test_an_inline_function_returns_its_value(cloud: Cloud) -> None:
    name = cloud.create({"app.py": "def handler(event, context):\n    return event['n'] * 2\n"})
    answer = cloud.invoke(name, {"n": 21})
    assert (answer.status, answer.function_error, answer.payload) == (200, None, 42)
    assert answer.version == "$LATEST"


def test_a_function_from_a_zip_in_local_s3_runs_that_code(cloud: Cloud) -> None:
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="code-bucket")
    source = "def handler(event, context):\n    return 'from s3: ' + event['who']\n"
    s3.put_object(Bucket="code-bucket", Key="fn.zip", Body=package({"app.py": source}))
    name = cloud.create(Code={"S3Bucket": "code-bucket", "S3Key": "fn.zip"})
    assert cloud.invoke(name, {"who": "me"}).payload == "from s3: me"


def test_the_code_sees_its_variables_and_lambda_s_own(cloud: Cloud) -> None:
    variables = {"GREETING": "hello", "AWS_REGION": "eu-west-3", "_HANDLER": "other.handler"}
    name = cloud.create(Environment={"Variables": variables}, MemorySize=256, Timeout=60)
    seen = cloud.invoke(name).payload
    env = seen["env"]
    assert env["GREETING"] == "hello"
    # The variables Lambda reserves are Lambda's, whatever the function's configuration says.
    assert (env["AWS_REGION"], env["AWS_DEFAULT_REGION"]) == ("us-east-1", "us-east-1")
    assert env["_HANDLER"] == "app.handler"
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == name
    assert env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256"
    assert env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST"
    assert env["AWS_LAMBDA_LOG_GROUP_NAME"] == f"/aws/lambda/{name}"
    assert env["AWS_EXECUTION_ENV"] == "AWS_Lambda_python3.12"
    assert env["LAMBDA_TASK_ROOT"] == seen["cwd"]
    assert env["AWS_ACCESS_KEY_ID"].startswith("ASIA") and env["AWS_SESSION_TOKEN"]
    assert env["AWS_ENDPOINT_URL"].startswith("http://127.0.0.1:")
    if cloud.endpoint is not None:
        assert env["AWS_ENDPOINT_URL"] == cloud.endpoint
    # Nothing of the machine's own environment reaches the function.
    assert "HOME" not in env and "PYTEST_CURRENT_TEST" not in env


def test_the_context_names_the_function_and_the_request(cloud: Cloud) -> None:
    name = cloud.create(MemorySize=512, Timeout=60)
    first, second = cloud.invoke(name).payload, cloud.invoke(name).payload
    context = first["context"]
    arn = cloud.client("lambda").get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    assert context["function_name"] == name
    assert context["memory_limit_in_mb"] == "512"
    assert context["invoked_function_arn"] == arn
    assert context["log_group_name"] == f"/aws/lambda/{name}"
    assert context["log_stream_name"] == first["env"]["AWS_LAMBDA_LOG_STREAM_NAME"]
    assert 0 < context["remaining"] <= 60_000
    assert context["aws_request_id"] != second["context"]["aws_request_id"]


def test_the_code_reaches_the_local_services_as_its_role(cloud: Cloud) -> None:
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="written-bucket")
    name = cloud.create({"app.py": WRITER}, Timeout=120)
    answer = cloud.invoke(name, {"bucket": "written-bucket", "key": "k1"})
    assert answer.function_error is None, answer.body
    assert answer.payload == f"arn:aws:sts::123456789012:assumed-role/runner/{name}"
    body = s3.get_object(Bucket="written-bucket", Key="k1")["Body"].read()
    assert body == b"from the function"


def test_log_type_tail_answers_the_log_which_cloudwatch_logs_keeps(cloud: Cloud) -> None:
    source = (
        "print('loading')\n"
        "def handler(event, context):\n"
        "    print('hello from', context.function_name)\n"
    )
    name = cloud.create({"app.py": source})
    answer = cloud.invoke(name, LogType="Tail")
    lines = answer.log.splitlines()
    assert lines[0] == "loading"  # the init's output comes before the invocation's START
    assert lines[1].startswith("START RequestId: ") and lines[1].endswith("Version: $LATEST")
    assert lines[2] == f"hello from {name}"
    assert lines[-2].startswith("END RequestId: ")
    assert lines[-1].startswith("REPORT RequestId: ") and "Init Duration:" in lines[-1]
    assert re.search(r"\tMemory Size: 128 MB\tMax Memory Used: [1-9][0-9]* MB\t", lines[-1])
    assert cloud.invoke(name).log == ""  # no tail unless asked for
    logs = cloud.client("logs")
    streams = logs.describe_log_streams(logGroupName=f"/aws/lambda/{name}")["logStreams"]
    assert len(streams) == 1  # one environment served both invocations
    events = logs.get_log_events(
        logGroupName=f"/aws/lambda/{name}", logStreamName=streams[0]["logStreamName"]
    )["events"]
    messages = [event["message"] for event in events]
    assert messages.count(f"hello from {name}") == 2
    assert sum(m.startswith("REPORT RequestId: ") for m in messages) == 2


def test_an_event_invocation_runs_in_the_background(cloud: Cloud) -> None:
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="event-bucket")
    name = cloud.create({"app.py": WRITER}, Timeout=120)
    answer = cloud.invoke(name, {"bucket": "event-bucket", "key": "later"}, InvocationType="Event")
    assert (answer.status, answer.body) == (202, b"")

    def written() -> bool:
        listed = s3.list_objects_v2(Bucket="event-bucket")
        return [item["Key"] for item in listed.get("Contents", [])] == ["later"]

    until(written, "the event invocation wrote its object", timeout=120, interval=0.1)


def test_a_dry_run_checks_and_runs_nothing(cloud: Cloud) -> None:
    name = cloud.create()
    before = runner_processes()
    answer = cloud.invoke(name, InvocationType="DryRun")
    assert (answer.status, answer.body) == (204, b"")
    assert runner_processes() == before
    with pytest.raises(ClientError) as excinfo:
        cloud.client("lambda").invoke(FunctionName="missing", InvocationType="DryRun")
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_a_payload_that_is_not_json_is_refused(cloud: Cloud) -> None:
    name = cloud.create()
    with pytest.raises(ClientError) as excinfo:
        cloud.client("lambda").invoke(FunctionName=name, Payload=b"not json")
    error = excinfo.value.response["Error"]
    assert error["Code"] == "InvalidRequestContentException"
    assert error["Message"].startswith("Could not parse request body into json")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_a_client_context_reaches_the_code(cloud: Cloud) -> None:
    source = "def handler(event, context):\n    return context.client_context\n"
    name = cloud.create({"app.py": source})
    context = base64.b64encode(json.dumps({"custom": {"a": 1}}).encode()).decode()
    raw = cloud.client("lambda").invoke(FunctionName=name, ClientContext=context)
    assert json.loads(raw["Payload"].read()) == {"custom": {"a": 1}}


def test_each_version_runs_its_own_code(cloud: Cloud) -> None:
    lam = cloud.client("lambda")
    name = cloud.create({"app.py": "def handler(event, context):\n    return 'one'\n"})
    published = lam.publish_version(FunctionName=name)["Version"]
    lam.update_function_code(
        FunctionName=name, ZipFile=package({"app.py": "def handler(e, c):\n    return 'two'\n"})
    )
    assert cloud.invoke(name).payload == "two"
    old = lam.invoke(FunctionName=name, Qualifier=published)
    assert (json.loads(old["Payload"].read()), old["ExecutedVersion"]) == ("one", published)


def test_bytes_and_decimals_answer_as_lambda_answers_them(cloud: Cloud) -> None:
    source = (
        "import decimal\n"
        "def handler(event, context):\n"
        "    if event['kind'] == 'bytes':\n"
        "        return b'raw bytes'\n"
        "    return {'price': decimal.Decimal('1.5'), 'count': decimal.Decimal(3)}\n"
    )
    name = cloud.create({"app.py": source})
    assert cloud.invoke(name, {"kind": "bytes"}).body == b"raw bytes"
    assert cloud.invoke(name, {"kind": "decimal"}).payload == {"price": 1.5, "count": 3}


def test_an_event_naming_a_qualifier_runs_the_version_invoked(cloud: Cloud) -> None:
    """moto took Invoke's qualifier from the event's own ``qualifier`` key."""
    name = cloud.create({"app.py": "def handler(event, context):\n    return event\n"})
    answer = cloud.invoke(name, {"qualifier": "7"})
    assert (answer.function_error, answer.payload) == (None, {"qualifier": "7"})
