"""Which service a request is for: its signature decides, as on AWS, never a guess.

moto's dispatcher picks the service from the SigV4 credential scope and sends
whatever it cannot place to S3 (an unsigned ``GET /`` is S3's ListBuckets, and
stays so). AWS answers some requests before any service sees them, and so does
this server, in the request's protocol (``wire_errors``):

* an Authorization header that is not a whole Signature Version 4 one (the
  scheme, ``Credential``, ``SignedHeaders``, ``Signature``; SigV2's ``AWS
  key:signature`` and SigV4a's ``AWS4-ECDSA-P256-SHA256``, S3's, pass to moto
  as before): 403 ``IncompleteSignature``;
* a SigV4 signing name no service here answers to: 403 ``InvalidSignatureException``
  (``SignatureDoesNotMatch`` in the XML protocols), as AWS answers a credential
  scoped to another service;
* an unsigned request moto would only send to S3 by default, but that no S3
  operation takes (a JSON ``X-Amz-Target`` call, a query ``Action``, a POST that
  is none of S3's POST operations): 403 ``MissingAuthenticationToken``. moto's
  own unsigned routes (Cognito's and STS's unsigned calls) pass.

``content_type`` is the other half: a JSON or rest-JSON service reads its body
as JSON whatever ``Content-Type`` says (``curl -d`` sends JSON labelled as a
form), so the form parsers never take it apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol
from urllib.parse import parse_qs

from localcloud.core import regions
from localcloud.core.wire_errors import protocol_of, signing_name

__all__ = ["Refusal", "content_type", "refusal"]

_SIGV4 = re.compile(r"AWS4-HMAC-SHA256\s+(?P<params>.*)", re.S)
_SIGV4_PARAMS = ("Credential", "SignedHeaders", "Signature")
_SCOPE = re.compile(r"[^/\s]+/\d{8}/[^/\s]+/[^/\s]+/aws4_request")
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
_JSON_TYPES = {"json": "application/x-amz-json-1.0", "rest-json": "application/json"}


class Dispatcher(Protocol):
    def backend_for(self, environ: dict[str, Any]) -> str | None: ...


@dataclass(frozen=True)
class Refusal:
    """An answer the server gives itself: status, error code, one line."""

    status: int
    code: str
    message: str


def _xml(environ: dict[str, Any]) -> bool:
    return protocol_of(environ) in ("query", "ec2", "rest-xml")


def _signature_problem(header: str) -> str | None:
    """What a SigV4 Authorization header lacks, as AWS words it; None when it is whole."""
    match = _SIGV4.match(header.strip())
    if match is None:
        return (
            "The Authorization header is not a Signature Version 4 one "
            "(AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...)"
        )
    params = dict(part.strip().split("=", 1) for part in match["params"].split(",") if "=" in part)
    missing = [name for name in _SIGV4_PARAMS if not params.get(name)]
    if missing:
        return " ".join(f"Authorization header requires '{name}' parameter." for name in missing)
    if not _SCOPE.fullmatch(params["Credential"].strip()):
        return (
            "The Credential of the Authorization header must be "
            "<access key>/<yyyymmdd>/<region>/<service>/aws4_request"
        )
    return None


@cache
def _s3_posts() -> tuple[frozenset[str], frozenset[str]]:
    """The query arguments and literal paths that name S3's POST operations (the model's)."""
    model = regions.service_model("s3")
    queries: set[str] = set()
    paths: set[str] = set()
    for name in model.operation_names:
        operation = model.operation_model(name)
        if operation.http.get("method") != "POST":
            continue
        path, _, query = str(operation.http.get("requestUri", "")).partition("?")
        queries.update(part.split("=")[0] for part in query.split("&") if part)
        if "{" not in path:
            paths.add(path)
        shape = operation.input_shape
        for member_name, member in (shape.members if shape is not None else {}).items():
            if member.serialization.get("location") == "querystring" and (
                member_name in shape.required_members  # type: ignore[union-attr]
            ):
                queries.add(str(member.serialization.get("name", member_name)))
    return frozenset(queries), frozenset(paths)


def _s3_takes(environ: dict[str, Any]) -> bool:
    """Whether S3 has an operation for this unsigned request (anonymous S3 calls exist)."""
    if environ.get("REQUEST_METHOD", "GET").upper() != "POST":
        return True
    content_type = environ.get("CONTENT_TYPE", "").lower()
    if content_type.startswith("multipart/form-data"):
        return True  # a browser form upload (PostObject)
    queries, paths = _s3_posts()
    named = set(parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True))
    return bool(named & queries) or environ.get("PATH_INFO", "") in paths


def _action(environ: dict[str, Any]) -> bool:
    """A query-protocol call: ``Action=`` in the query string or the form body."""
    if "Action" in parse_qs(environ.get("QUERY_STRING", "")):
        return True
    content_type = environ.get("CONTENT_TYPE", "").lower()
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return False
    stream = environ["wsgi.input"]  # read whole by ``framing``: a BytesIO
    body = stream.getvalue() if hasattr(stream, "getvalue") else b""
    return "Action" in parse_qs(body.decode("utf-8", "replace"))


def refusal(environ: dict[str, Any], dispatcher: Dispatcher) -> Refusal | None:
    """The answer the server gives a request no service may take; None to route it."""
    header = environ.get("HTTP_AUTHORIZATION", "")
    if header.strip():
        if header.strip().startswith(("AWS ", "AWS4-ECDSA-")):
            return None  # Signature Version 2 and SigV4a (no region in its scope): S3's
        problem = _signature_problem(header)
        if problem is not None:
            return Refusal(403, "IncompleteSignature", problem)
        if dispatcher.backend_for(environ) is None:
            name = signing_name(environ)
            code = "SignatureDoesNotMatch" if _xml(environ) else "InvalidSignatureException"
            return Refusal(
                403,
                code,
                f"No service here answers to the signing name '{name}' of the credential "
                "scope; sign for the service you call",
            )
        return None
    if signing_name(environ) is not None or dispatcher.backend_for(environ) is not None:
        return None  # pre-signed, or one of moto's unsigned routes
    if environ.get("HTTP_X_AMZ_TARGET"):
        return Refusal(403, "MissingAuthenticationTokenException", "Missing Authentication Token")
    if _action(environ) or not _s3_takes(environ):
        return Refusal(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
    return None


def content_type(environ: dict[str, Any]) -> None:
    """A signed request to a JSON or rest-JSON service whose body is labelled as a form:
    its body is JSON to the service, as the signature says whose request it is."""
    if signing_name(environ) is None:
        return
    declared = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if declared not in _FORMS:
        return
    protocol = protocol_of(environ)
    if protocol in _JSON_TYPES:
        environ["CONTENT_TYPE"] = _JSON_TYPES[protocol]
