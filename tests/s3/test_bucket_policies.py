"""Bucket policies' conditions read as S3 reads them (``localcloud.s3``), in-process and on
a server.

moto reads every condition operator but StringEquals as met, so a bucket that denies
plain-HTTP requests (``"Bool": {"aws:SecureTransport": "false"}``, as AWS SAM's managed
bucket does) denied every request. The local endpoint stands for S3's HTTPS endpoint.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from localcloud import s3 as s3_extension
from localcloud.moto_adapter.core import mock_aws
from localcloud.s3.conditions import applies
from tests.support.constants import REGION

BUCKET = "policy-bucket"


@pytest.fixture(params=["inprocess", pytest.param("server", marks=pytest.mark.server)])
def s3(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    s3_extension.register()
    if request.param == "server":
        url = request.getfixturevalue("local_endpoint")
        yield boto3.client("s3", region_name=REGION, endpoint_url=url)
        return
    with mock_aws():
        yield boto3.client("s3", region_name=REGION)


def _policy(effect: str, condition: dict[str, Any] | None = None) -> str:
    statement: dict[str, Any] = {
        "Effect": effect,
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"],
    }
    if condition is not None:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _put_works(s3: Any, policy: str) -> bool:
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_policy(Bucket=BUCKET, Policy=policy)
    assert json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"]) == json.loads(policy)
    try:
        s3.put_object(Bucket=BUCKET, Key="k", Body=b"x")
    except ClientError as error:
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        return False
    body: bytes = s3.get_object(Bucket=BUCKET, Key="k")["Body"].read()
    return body == b"x"


@pytest.mark.parametrize(
    ("policy", "allowed"),
    [
        # AWS SAM's managed bucket: deny requests that are not over HTTPS.
        (_policy("Deny", {"Bool": {"aws:SecureTransport": "false"}}), True),
        (_policy("Deny", {"Bool": {"aws:SecureTransport": "true"}}), False),
        (_policy("Deny"), False),
        (_policy("Deny", {"Null": {"aws:SecureTransport": "false"}}), False),
        (_policy("Deny", {"StringEquals": {"aws:SourceVpce": "vpce-1"}}), True),
        (_policy("Deny", {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}), False),
    ],
)
def test_a_bucket_policy_s_conditions_decide_whether_it_applies(
    s3: Any, policy: str, allowed: bool
) -> None:
    assert _put_works(s3, policy) is allowed


def test_a_statement_applies_only_when_every_condition_holds() -> None:
    both = {"Condition": {"Bool": {"aws:SecureTransport": "true"}, "StringLike": {"aws:x": "*"}}}
    assert applies({"Condition": {"Bool": {"aws:securetransport": "TRUE"}}})
    assert not applies(both)  # aws:x is not in a request offline
    assert not applies({"Condition": {"NumericLessThan": {"aws:SecureTransport": "1"}}})
    assert applies({"Condition": {"StringNotEquals": {"aws:SecureTransport": ["false", "x"]}}})
    assert applies({})
