"""Hostile HTTP against the server: every one a 4xx in the protocol's own error shape.

Deep JSON in any input, broken framing (a lying Content-Length, a body cut
short, a bad chunk, a client that stops sending), requests signed for no
service or not signed at all, bodies labelled with the wrong content type,
and control-route bodies over their limit: each gets a 4xx naming what was
wrong, never a 500 or werkzeug's HTML page, and the server keeps serving.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import boto3
import pytest

from localcloud.core.json_text import MAX_DEPTH
from localcloud.server import ServerControl
from localcloud.server.config import CONTROL_MAX_BODY_BYTES
from localcloud.server.runner import LocalCloudServer
from tests.support import cloud
from tests.support.raw_http import Answer, exchange, request, send

pytestmark = pytest.mark.server

TYPE = "AWS::CustomerProfiles::EventTrigger"
CC = {"Content-Type": "application/x-amz-json-1.0"}
DEEP = "[" * 10_000 + "]" * 10_000
DEEP_TEXT = json.dumps(DEEP)  # the deep document as a JSON string member


def _cc(operation: str) -> dict[str, str]:
    return {**CC, "X-Amz-Target": f"CloudApiService.{operation}"}


def _json_error(answer: Answer, status: int, code: str, words: str) -> None:
    assert (answer.status, answer.code) == (status, code), answer
    assert answer.headers["content-type"].startswith("application/")
    document = answer.json()
    message = document.get("Message") or document.get("message")
    assert words in message and "\n" not in message, message


# -- item: deep JSON, in every input ---------------------------------------------------

DEEP_INPUTS = {
    "Customer Profiles body": (
        "PUT",
        "/domains/d/profiles/objects",
        b'{"ObjectTypeName": "T", "Object": "{}", "x": ' + DEEP.encode() + b"}",
        {"Content-Type": "application/json"},
        "profile",
        "BadRequestException",
    ),
    "Customer Profiles Object": (
        "PUT",
        "/domains/d/profiles/objects",
        b'{"ObjectTypeName": "T", "Object": ' + DEEP_TEXT.encode() + b"}",
        {"Content-Type": "application/json"},
        "profile",
        "BadRequestException",
    ),
    "Cloud Control body": (
        "POST",
        "/",
        b'{"TypeName": "' + TYPE.encode() + b'", "x": ' + DEEP.encode() + b"}",
        _cc("CreateResource"),
        "cloudcontrolapi",
        "SerializationException",
    ),
    "Cloud Control DesiredState": (
        "POST",
        "/",
        json.dumps({"TypeName": TYPE, "DesiredState": DEEP}).encode(),
        _cc("CreateResource"),
        "cloudcontrolapi",
        "ValidationException",
    ),
    "Cloud Control PatchDocument": (
        "POST",
        "/",
        json.dumps({"TypeName": TYPE, "Identifier": "d|t", "PatchDocument": DEEP}).encode(),
        _cc("UpdateResource"),
        "cloudcontrolapi",
        "ValidationException",
    ),
    "Cloud Control ResourceModel": (
        "POST",
        "/",
        json.dumps({"TypeName": TYPE, "ResourceModel": DEEP}).encode(),
        _cc("ListResources"),
        "cloudcontrolapi",
        "InvalidRequestException",
    ),
}


@pytest.mark.parametrize("where", DEEP_INPUTS)
def test_deep_json_in_any_service_input_is_a_400(endpoint: str, where: str) -> None:
    method, path, body, headers, signing, code = DEEP_INPUTS[where]
    answer = send(endpoint, method, path, body, headers=headers, signing_name=signing)
    assert answer.status == 400, answer
    assert answer.code.rpartition("#")[2] == code
    assert f"more than {MAX_DEPTH} levels" in answer.body.decode()


CONTROL_BODIES = {
    "faults": ("POST", '{"operation": %s}'),
    "segment-membership": ("PUT", '{"domain": "d", "segment": "s", "profileIds": %s}'),
    "profile-intents": ("PUT", '{"domain": "d", "profileId": "p", "intents": %s}'),
    "clock": ("PUT", '{"now": %s}'),
    "trigger-evaluations": ("POST", '{"domain": "d", "trigger": "t", "object": %s}'),
}


@pytest.mark.parametrize("route", CONTROL_BODIES)
@pytest.mark.parametrize("deep", [DEEP, DEEP_TEXT], ids=["json", "json-string"])
def test_deep_json_in_any_control_body_is_a_400(endpoint: str, route: str, deep: str) -> None:
    method, template = CONTROL_BODIES[route]
    answer = send(endpoint, method, f"/_localcloud/{route}", (template % deep).encode())
    if deep == DEEP_TEXT and route != "trigger-evaluations":
        assert answer.status == 400, answer  # a string where something else is due
        return
    _json_error(answer, 400, "BadRequestException", f"more than {MAX_DEPTH} levels")


# -- item: framing ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def impatient() -> Iterator[str]:
    """A server that waits one second for a client's next bytes (the default is 30)."""
    server = LocalCloudServer(read_timeout=1.0)
    try:
        yield server.start()
    finally:
        server.stop()


def _health(url: str) -> None:
    assert ServerControl(url).calls() is not None


def test_a_body_shorter_than_its_content_length_times_out_with_408(impatient: str) -> None:
    """The client keeps the connection open and sends nothing more: the server answers
    and lets go of the connection instead of waiting for the client to leave."""
    data = request(impatient, "POST", "/_localcloud/faults", b'{"a": 1}')
    data = data.replace(b"Content-Length: 8", b"Content-Length: 100")
    answer = exchange(impatient, data)
    assert answer is not None
    _json_error(answer, 408, "RequestTimeoutException", "stopped arriving")
    assert answer.headers["connection"] == "close"
    _health(impatient)


def test_a_stalled_chunked_body_times_out_with_408(impatient: str) -> None:
    head = request(impatient, "POST", "/domains/x", headers={"Transfer-Encoding": "chunked"})
    head = head.replace(b"Content-Length: 0\r\n", b"")
    answer = exchange(impatient, head, b"10\r\nabc")
    assert answer is not None and answer.status == 408, answer
    _health(impatient)


def test_a_body_cut_short_is_a_400(endpoint: str) -> None:
    data = request(endpoint, "PUT", "/domains/x/profiles/objects", b'{"Object": "{}"}')
    data = data.replace(b"Content-Length: 16", b"Content-Length: 1000")
    answer = exchange(endpoint, data, half_close=True)
    assert answer is not None
    _json_error(answer, 400, "RequestAbortedException", "ended after 16 of the 1000 bytes")


@pytest.mark.parametrize(
    "chunks", [b"zz\r\nabc\r\n0\r\n\r\n", b"3\r\nabcdef\r\n0\r\n\r\n", b"10\r\nabc"]
)
def test_a_malformed_chunked_body_is_a_400_in_json(endpoint: str, chunks: bytes) -> None:
    head = request(
        endpoint, "POST", "/domains/x", headers={"Transfer-Encoding": "chunked"}, signing_name=None
    )
    head = head.replace(b"Content-Length: 0\r\n", b"")
    answer = exchange(endpoint, head, chunks, half_close=True)
    assert answer is not None
    _json_error(answer, 400, "MalformedHttpRequestException", "chunked request body")


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", "0x10"])
def test_a_content_length_that_is_no_number_is_a_400_not_a_413(endpoint: str, length: str) -> None:
    data = request(endpoint, "POST", "/_localcloud/faults", b"{}", headers={"Content-Length": "X"})
    answer = exchange(
        endpoint, data.replace(b"Content-Length: X", f"Content-Length: {length}".encode())
    )
    assert answer is not None
    _json_error(answer, 400, "MalformedHttpRequestException", "Content-Length must be a number")


# -- item: routing by the signature ----------------------------------------------------

SIGNED_CP = {"Content-Type": "application/json"}


def test_a_signing_name_no_service_answers_to_is_a_403(endpoint: str) -> None:
    answer = send(endpoint, "POST", "/", b"{}", headers=CC, signing_name="nosuchservice")
    _json_error(answer, 403, "InvalidSignatureException", "'nosuchservice'")


@pytest.mark.parametrize(
    ("authorization", "words"),
    [
        ("garbage", "not a Signature Version 4 one"),
        ("Bearer abc", "not a Signature Version 4 one"),
        (
            "AWS4-HMAC-SHA256 Credential=a/20240101/us-east-1/profile/aws4_request",
            "requires 'SignedHeaders' parameter. Authorization header requires 'Signature'",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=a/2024/profile, SignedHeaders=host, Signature=x",
            "must be <access key>/<yyyymmdd>/<region>/<service>/aws4_request",
        ),
    ],
)
def test_an_authorization_header_that_is_no_sigv4_one_is_a_403(
    endpoint: str, authorization: str, words: str
) -> None:
    headers = {**SIGNED_CP, "Authorization": authorization}
    answer = send(endpoint, "POST", "/domains/x", b"{}", headers=headers)
    _json_error(answer, 403, "IncompleteSignature", words)


@pytest.mark.parametrize(
    ("path", "headers", "body", "code"),
    [
        ("/domains/x", SIGNED_CP, b'{"DefaultExpirationDays": 5}', "MissingAuthenticationToken"),
        ("/", _cc("ListResources"), b"{}", "MissingAuthenticationTokenException"),
        ("/", {}, b"", "MissingAuthenticationToken"),
    ],
)
def test_an_unsigned_post_no_s3_operation_takes_is_a_403(
    endpoint: str, path: str, headers: dict[str, str], body: bytes, code: str
) -> None:
    answer = send(endpoint, "POST", path, body, headers=headers)
    _json_error(answer, 403, code, "issing Authentication Token")


def test_an_unsigned_query_call_is_a_403_in_xml(endpoint: str) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = b"Action=GetCallerIdentity&Version=2011-06-15"
    answer = send(endpoint, "POST", "/", body, headers=form)
    assert (answer.status, answer.code) == (403, "MissingAuthenticationToken")
    assert b"<ErrorResponse" in answer.body and b"Request is missing Authentication Token" in (
        answer.body
    )


def test_unsigned_s3_requests_still_reach_s3(endpoint: str) -> None:
    listing = send(endpoint, "GET", "/")
    assert listing.status == 200 and b"<ListAllMyBucketsResult" in listing.body
    assert send(endpoint, "PUT", "/unsigned-bucket").status == 200
    delete = b'<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>k</Key></Object></Delete>'
    deleted = send(endpoint, "POST", "/unsigned-bucket?delete", delete)
    assert deleted.status == 200 and b"DeleteResult" in deleted.body
    sigv2 = send(endpoint, "GET", "/", headers={"Authorization": "AWS AKIDEXAMPLE:c2lnbmF0dXJl"})
    assert b"unsigned-bucket" in sigv2.body
    scope = "AKIDEXAMPLE/20240101/s3/aws4_request"  # SigV4a: no region in the scope
    sigv4a = f"AWS4-ECDSA-P256-SHA256 Credential={scope}, SignedHeaders=host, Signature=3045"
    assert b"unsigned-bucket" in send(endpoint, "GET", "/", headers={"Authorization": sigv4a}).body
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    assert "unsigned-bucket" in [b["Name"] for b in s3.list_buckets()["Buckets"]]


# -- item: content types ---------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-8",
        "text/plain",
        "",
    ],
)
def test_a_json_body_under_another_content_type_is_read_as_json(
    endpoint: str, content_type: str
) -> None:
    domain = f"typed-{abs(hash(content_type)) % 10**6}"
    body = b'{"DefaultExpirationDays": 5, "Tags": {"team": "crm"}}'
    headers = {"Content-Type": content_type} if content_type else {}
    answer = send(
        endpoint, "POST", f"/domains/{domain}", body, headers=headers, signing_name="profile"
    )
    assert answer.status == 200, answer
    made = cloud.customer_profiles(endpoint).get_domain(DomainName=domain)
    assert (made["DefaultExpirationDays"], made["Tags"]) == (5, {"team": "crm"})


def test_a_cloud_control_body_labelled_as_a_form_is_read_as_json(endpoint: str) -> None:
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Amz-Target": "CloudApiService.ListResourceRequests",
    }
    answer = send(
        endpoint, "POST", "/", b'{"MaxResults": 1}', headers=headers, signing_name="cloudcontrolapi"
    )
    assert answer.status == 200, answer
    assert "ResourceRequestStatusSummaries" in answer.json()


def test_a_multipart_body_is_refused_as_not_json(endpoint: str) -> None:
    body = b'--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n'
    body += b'{"DefaultExpirationDays": 5}\r\n--b--\r\n'
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    answer = send(endpoint, "POST", "/domains/multi", body, headers=headers, signing_name="profile")
    _json_error(answer, 400, "BadRequestException", "The request body is not valid JSON")


# -- item: the control routes' body limit ----------------------------------------------


def _fault_body(size: int) -> bytes:
    """A valid fault, padded with spaces to exactly ``size`` bytes."""
    core = b'{"operation": "GetDomain", "fault": "ThrottlingException"'
    return core + b" " * (size - len(core) - 1) + b"}"


def test_the_control_routes_take_1_mib_and_refuse_more_with_413(endpoint: str) -> None:
    control = ServerControl(endpoint)
    control.clear()
    taken = send(endpoint, "POST", "/_localcloud/faults", _fault_body(CONTROL_MAX_BODY_BYTES))
    assert taken.status == 201, taken
    assert len(control.pending()) == 1
    for size in (CONTROL_MAX_BODY_BYTES + 1, 2 * CONTROL_MAX_BODY_BYTES):
        refused = send(endpoint, "POST", "/_localcloud/faults", _fault_body(size))
        _json_error(refused, 413, "RequestEntityTooLargeException", "1048576 bytes")
    assert len(control.pending()) == 1
    control.clear()
