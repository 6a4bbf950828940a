"""Templates as CloudFormation takes them: their size, where they come from, their text.

* **Size** (CloudFormation's quotas page,
  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html):
  a ``TemplateBody`` over 51,200 bytes, and a template over 1 MB read from a
  ``TemplateURL``, are refused with CloudFormation's messages.
* **TemplateURL**: an object of the local S3, named as on AWS (moto reads those),
  or on any loopback endpoint, with a port or without: path style
  (``http://127.0.0.1:4566/bucket/key``, ``http://localhost:4566/...``,
  ``http://[::1]:4566/...``) and virtual-host style
  (``http://bucket.localhost:4566/key``, ``http://bucket.s3.localhost/key``),
  at the object's ``versionId`` when the URL's query gives one.
  moto reads the bucket from the path only when the host says ``localhost``.
* **Text**: YAML or JSON (read as YAML, as moto reads it), with PyYAML's safe
  loader; one that does not parse is refused with CloudFormation's
  ``Template format error: ... not well-formed`` and where.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml  # type: ignore[import-untyped]

from localcloud.moto_adapter.cloudformation import ValidationError, read_s3_object

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_URL_TEMPLATE_BYTES",
    "as_json",
    "check_body",
    "fetch",
    "parse",
]

MAX_BODY_BYTES = 51_200
MAX_URL_TEMPLATE_BYTES = 1_000_000
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# bucket.s3.amazonaws.com, bucket.s3.eu-west-1.amazonaws.com, s3.amazonaws.com/bucket...
_AWS_S3_HOST = re.compile(r"^(?:(?P<bucket>.+)\.)?s3[.-](?:[a-z0-9-]+\.)*amazonaws\.com(?:\.cn)?$")


def check_body(body: str | None) -> None:
    """A TemplateBody CloudFormation would take in a request (51,200 bytes at most)."""
    if body is not None and len(body.encode("utf-8")) > MAX_BODY_BYTES:
        raise ValidationError(
            message="1 validation error detected: Value at 'templateBody' failed to satisfy "
            f"constraint: Member must have length less than or equal to {MAX_BODY_BYTES}"
        )


def _object(url: str) -> tuple[str, str, str | None]:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        host, parts = "", None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise ValidationError(message="TemplateURL must be a supported URL.")
    path = unquote(parts.path).lstrip("/")
    match = _AWS_S3_HOST.match(host)
    virtual = None
    if host.endswith(".localhost"):
        virtual = host.removesuffix(".localhost").removesuffix(".s3")
    elif match is not None and match.group("bucket"):
        virtual = match.group("bucket")
    if virtual:
        bucket, key = virtual, path
    elif host in LOOPBACK_HOSTS or match is not None:
        bucket, _, key = path.partition("/")
    else:
        raise ValidationError(message="TemplateURL must be a supported URL.")
    if not bucket or not key:
        raise ValidationError(message="TemplateURL must be a supported URL.")
    version = parse_qs(parts.query).get("versionId")
    return bucket, key, version[0] if version else None


def fetch(url: str, account_id: str, partition: str) -> str:
    """The template a TemplateURL names (at its ``versionId``, if it gives one), from the
    local S3 (1 MB at most)."""
    bucket, key, version = _object(url)
    try:
        data = read_s3_object(bucket, key, account_id, partition, version)
    except Exception as error:  # moto's S3 errors: NoSuchBucket, NoSuchKey
        message = getattr(error, "message", None) or str(error)
        raise ValidationError(message=f"S3 error: {message}") from error
    if data is None:
        raise ValidationError(message="S3 error: The specified version does not exist.")
    if len(data) > MAX_URL_TEMPLATE_BYTES:
        raise ValidationError(
            message=f"Template may not exceed {MAX_URL_TEMPLATE_BYTES} bytes in size."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(message="Template format error: the template is not UTF-8") from error


class _TemplateLoader(yaml.SafeLoader):  # type: ignore[misc]
    """YAML 1.1 as CloudFormation reads it: safe, with the short forms of the intrinsic
    functions (``!Ref x`` is ``{"Ref": "x"}``, ``!GetAtt a.b`` is ``{"Fn::GetAtt": ["a", "b"]}``,
    ``!Sub ...`` is ``{"Fn::Sub": ...}``)."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_TemplateLoader.add_multi_constructor("!", _intrinsic)


def _where(error: Exception) -> str:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return f" (line {mark.line + 1}, column {mark.column + 1})"
    if isinstance(error, json.JSONDecodeError):
        return f" (line {error.lineno}, column {error.colno})"
    return ""


def parse(text: Any) -> dict[str, Any]:
    """A template's text as CloudFormation reads it, or ValidationError saying where it
    is broken. (moto reads YAML with PyYAML's unsafe loader, which builds any Python
    object a ``!!python/...`` tag names: never here.)"""
    if isinstance(text, dict):
        return text
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(message="Template format error: the template is empty")
    try:  # JSON is read as YAML too, as moto reads it (a trailing comma is taken)
        parsed = yaml.load(text, Loader=_TemplateLoader)  # noqa: S506 - a safe loader
    except Exception as error:
        if not text.lstrip().startswith("{"):
            raise ValidationError(
                message=f"Template format error: YAML not well-formed.{_where(error)}"
            ) from None
        try:  # JSON YAML does not take, e.g. indented with tabs
            parsed = json.loads(text)
        except json.JSONDecodeError as json_error:
            raise ValidationError(
                message=f"Template format error: JSON not well-formed.{_where(json_error)}"
            ) from None
    if not isinstance(parsed, dict):
        raise ValidationError(message="Template format error: the template must be an object")
    return parsed


def as_json(template: dict[str, Any]) -> str:
    """A parsed template as JSON text (YAML's dates, e.g. an unquoted
    AWSTemplateFormatVersion, as their ISO text)."""
    return json.dumps(template, default=str)
