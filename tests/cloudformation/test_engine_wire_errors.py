"""Errors the server answers itself are in the request's protocol, so botocore reads them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.cloudformation.models import CloudFormationBackend
from moto.ec2.models import EC2Backend
from moto.s3.models import S3Backend
from moto.sqs.models import SQSBackend
from moto.sts.models import STSBackend

from localcloud.core.wire_errors import error_body, protocol_of
from localcloud.server import MAX_BODY_BYTES
from tests.support.cloud import any_client

pytestmark = pytest.mark.server

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("a bug inside the service")


@pytest.fixture
def url(target_server_url: str) -> Iterator[str]:
    yield target_server_url


def _client(url: str, service: str, **config: Any) -> Any:
    return any_client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        config=NO_RETRIES.merge(Config(**config)),
    )


@pytest.mark.parametrize(
    ("service", "owner", "method", "call"),
    [
        ("cloudformation", CloudFormationBackend, "list_exports", lambda c: c.list_exports()),
        ("sts", STSBackend, "get_caller_identity", lambda c: c.get_caller_identity()),
        ("sqs", SQSBackend, "list_queues", lambda c: c.list_queues()),
        ("ec2", EC2Backend, "describe_regions", lambda c: c.describe_regions()),
        ("s3", S3Backend, "list_buckets", lambda c: c.list_buckets()),
    ],
)
def test_an_unexpected_failure_is_a_500_in_the_service_protocol(
    url: str, monkeypatch: pytest.MonkeyPatch, service: str, owner: type, method: str, call: Any
) -> None:
    monkeypatch.setattr(owner, method, _boom)
    with pytest.raises(ClientError) as excinfo:
        call(_client(url, service))
    error = excinfo.value.response["Error"]
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    expected = "InternalServerException" if service == "sqs" else "InternalFailure"
    assert (error["Code"], error["Message"]) == (expected, "Internal error")


def test_a_cloudformation_body_over_the_limit_is_a_413_botocore_reads(url: str) -> None:
    cfn = _client(url, "cloudformation")
    with pytest.raises(ClientError) as excinfo:
        cfn.validate_template(TemplateBody="x" * (MAX_BODY_BYTES + 10))
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413
    assert excinfo.value.response["Error"]["Code"] == "RequestEntityTooLargeException"


def _environ(service: str | None, **extra: str) -> dict[str, str]:
    environ = dict(extra)
    if service:
        environ["HTTP_AUTHORIZATION"] = (
            f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/{service}/aws4_request, "
            "SignedHeaders=host, Signature=x"
        )
    return environ


@pytest.mark.parametrize(
    ("environ", "protocol"),
    [
        (_environ("cloudformation", CONTENT_TYPE="application/x-www-form-urlencoded"), "query"),
        (_environ("sts"), "query"),
        (_environ("s3"), "rest-xml"),
        (_environ("ec2"), "ec2"),
        (_environ("sqs", HTTP_X_AMZ_TARGET="AmazonSQS.ListQueues"), "json"),
        (_environ("sqs", CONTENT_TYPE="application/x-www-form-urlencoded"), "query"),
        (_environ("profile"), "rest-json"),
        (
            _environ(
                "profile", PATH_INFO="/domains/d", CONTENT_TYPE="application/x-www-form-urlencoded"
            ),
            "rest-json",
        ),
        (_environ("cloudcontrolapi", HTTP_X_AMZ_TARGET="CloudApiService.ListResources"), "json"),
        (_environ(None, QUERY_STRING="Action=ListExports"), "query"),
        (_environ(None), "rest-json"),
    ],
)
def test_the_protocol_comes_from_the_signing_name_and_the_request(
    environ: dict[str, str], protocol: str
) -> None:
    assert protocol_of(environ) == protocol


def test_xml_bodies_escape_the_message() -> None:
    body, headers = error_body("query", 400, "Bad", "<&>", request_id="r")
    assert b"<Message>&lt;&amp;&gt;</Message>" in body
    assert b"<Type>Sender</Type>" in body and b"<RequestId>r</RequestId>" in body
    assert ("Content-Type", "text/xml") in headers
