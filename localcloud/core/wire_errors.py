"""An error answer in the wire protocol of the service a request was for.

The server answers some requests itself: a body over its limit, or an
unexpected failure inside a service. The client must be able to read that
answer, so it is written in the request's protocol, which botocore's service
model names for the request's SigV4 signing name:

* ``query`` (CloudFormation, STS, IAM, SNS, SQS's query form): ``ErrorResponse`` XML;
* ``ec2``: ``Response/Errors/Error`` XML;
* ``rest-xml`` (S3, Route 53...): ``Error`` XML;
* ``json``: ``{"__type", "message"}`` with the ``application/x-amz-json-1.x`` type;
* ``rest-json``: ``{"__type", "Message"}`` with ``X-Amzn-Errortype``.

A service that speaks both JSON and query (SQS) is answered in the form the
request used (``X-Amz-Target`` present: JSON). Without a model for the signing
name (it differs from the service's name, e.g. ``profile``) the request's own
form decides: ``X-Amz-Target`` is JSON, an Action posted to ``/`` is query,
anything else rest-json.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

import botocore.session
from botocore.exceptions import DataNotFoundError, UnknownServiceError

__all__ = ["error_body", "protocol_of", "respond", "signing_name"]

StartResponse = Callable[..., Any]
_CREDENTIAL = re.compile(r"Credential=[^/,\s]+/\d{8}/[^/]+/([^/]+)/aws4_request")
_QUERY_CREDENTIAL = re.compile(r"X-Amz-Credential=[^&]*?%2F([^%&]+)%2Faws4_request", re.I)
_XML_PROTOCOLS = ("query", "ec2", "rest-xml")
# The common error codes of the XML protocols, for the server's own codes.
_XML_CODES = {"InternalServerException": "InternalFailure"}


def signing_name(environ: dict[str, Any]) -> str | None:
    """The SigV4 signing name of the request (header or presigned query), if signed."""
    match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
    if match is None:
        match = _QUERY_CREDENTIAL.search(environ.get("QUERY_STRING", ""))
    return match.group(1) if match else None


@lru_cache(maxsize=256)
def _model_protocol(name: str) -> str | None:
    loader = botocore.session.get_session().get_component("data_loader")
    try:
        metadata = loader.load_service_model(name, "service-2")["metadata"]
    except (DataNotFoundError, UnknownServiceError):
        return None
    return str(metadata.get("protocol") or "") or None


def protocol_of(environ: dict[str, Any]) -> str:
    """The wire protocol the request's client reads its errors in."""
    name = signing_name(environ)
    protocol = _model_protocol(name) if name else None
    targeted = bool(environ.get("HTTP_X_AMZ_TARGET"))
    content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    # Query requests go to "/" with an Action (form body or query string).
    query_form = environ.get("PATH_INFO", "/") in ("", "/") and (
        content_type == "application/x-www-form-urlencoded"
        or "Action=" in environ.get("QUERY_STRING", "")
    )
    if protocol in ("json", "query"):  # a service may accept both (SQS): answer as asked
        if targeted:
            return "json"
        return "query" if query_form else protocol
    if protocol is not None:
        return protocol
    if targeted:
        return "json"
    return "query" if query_form else "rest-json"


def error_body(
    protocol: str, status: int, code: str, message: str, request_id: str | None = None
) -> tuple[bytes, list[tuple[str, str]]]:
    """The body and headers of an error answer in ``protocol``."""
    request_id = request_id or str(uuid.uuid4())
    if protocol in _XML_PROTOCOLS:
        code = _XML_CODES.get(code, code)
        fields = f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
        if protocol == "query":
            kind = "Sender" if status < 500 else "Receiver"
            text = (
                '<ErrorResponse xmlns="http://webservices.amazon.com/AWSFault/2005-15-09">'
                f"<Error><Type>{kind}</Type>{fields}</Error>"
                f"<RequestId>{request_id}</RequestId></ErrorResponse>"
            )
        elif protocol == "ec2":
            text = (
                f"<Response><Errors><Error>{fields}</Error></Errors>"
                f"<RequestID>{request_id}</RequestID></Response>"
            )
        else:
            text = f"<Error>{fields}<RequestId>{request_id}</RequestId></Error>"
        body = ('<?xml version="1.0" encoding="UTF-8"?>' + text).encode()
        return body, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)]
    if protocol == "json":
        body = json.dumps({"__type": code, "message": message}).encode()
        return body, [
            ("Content-Type", "application/x-amz-json-1.0"),
            ("x-amzn-RequestId", request_id),
        ]
    body = json.dumps({"__type": code, "Message": message}).encode()
    return body, [
        ("Content-Type", "application/json"),
        ("X-Amzn-Errortype", code),
        ("x-amzn-RequestId", request_id),
    ]


def respond(
    environ: dict[str, Any],
    start_response: StartResponse,
    status: str,
    code: str,
    message: str,
    extra: Iterable[tuple[str, str]] = (),
    protocol: str | None = None,
) -> list[bytes]:
    """Answer ``status`` (e.g. "500 Internal Server Error") in the request's protocol
    (or in ``protocol``: the server's own routes answer rest-json)."""
    protocol = protocol or protocol_of(environ)
    body, headers = error_body(protocol, int(status.split()[0]), code, message)
    start_response(status, [*headers, ("Content-Length", str(len(body))), *extra])
    return [body]
