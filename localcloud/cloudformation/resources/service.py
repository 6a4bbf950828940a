"""The local Customer Profiles service as the Domain, ObjectType and Integration types call it.

Always through a boto3 ``customer-profiles`` client, so each request takes the
service's validated path: in-process, moto's mock intercepts it; in the server,
``AWS_ENDPOINT_URL_CUSTOMER_PROFILES`` (which the server sets) sends it to the
server. The client carries the offline credentials the handlers get. Service
errors become the engine's ``ResourceFailure`` with the provider's handler error code (its one
error table). Tags are merged with the stack's tags by the provider's one rule:
the template wins on a shared key, ``aws:`` keys are never sent.
"""

from __future__ import annotations

import datetime
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from cloudformation_cli_python_lib import exceptions

from aws_customerprofiles_eventtrigger import tags as tag_rules
from aws_customerprofiles_eventtrigger.errors import handler_code
from aws_customerprofiles_eventtrigger.models import Tag
from localcloud.cloudformation.engine import ResourceFailure
from localcloud.core import arns
from localcloud.core.offline import FAKE_CREDENTIALS
from localcloud.core.tags import tag_list
from localcloud.customer_profiles import ENDPOINT_ENV

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient

Json = dict[str, Any]
CLIENT_CONFIG = Config(retries={"mode": "standard", "total_max_attempts": 3})
_lock = threading.Lock()


def client(region: str) -> CustomerProfilesClient:
    """A client in ``region`` (one per region and endpoint, made once)."""
    with _lock:
        return _client(region, os.environ.get(ENDPOINT_ENV) or os.environ.get("AWS_ENDPOINT_URL"))


@lru_cache(maxsize=8)
def _client(region: str, _endpoint: str | None) -> CustomerProfilesClient:
    session = boto3.session.Session(
        aws_access_key_id=FAKE_CREDENTIALS["accessKeyId"],
        aws_secret_access_key=FAKE_CREDENTIALS["secretAccessKey"],
        aws_session_token=FAKE_CREDENTIALS["sessionToken"],
        region_name=region,
    )
    return session.client("customer-profiles", config=CLIENT_CONFIG)


def clear() -> None:
    with _lock:
        _client.cache_clear()


@contextmanager
def calling(subject: str) -> Iterator[None]:
    """Service errors as ``ResourceFailure``, coded by the provider's error table."""
    try:
        yield
    except ClientError as error:
        details = error.response.get("Error", {})
        code = handler_code(error.operation_name, str(details.get("Code")))
        message = details.get("Message") or details.get("Code") or "failed"
        raise ResourceFailure(
            f"{error.operation_name} failed for {subject}: {message}", code.name
        ) from error
    except BotoCoreError as error:
        raise ResourceFailure(f"Request for {subject} failed: {error}", "NetworkFailure") from error


def refuse_existing(type_name: str, identifier: str, lookup: Callable[[], Any]) -> None:
    """``AlreadyExists`` unless ``lookup`` (a Get call) answers NotFound: a Put that
    creates or replaces must never take over what a template did not make."""
    try:
        with calling(f"{type_name} {identifier}"):
            lookup()
    except ResourceFailure as error:
        if error.error_code != "NotFound":
            raise
        return
    raise ResourceFailure(f"{type_name} {identifier} already exists", "AlreadyExists")


def desired_tags(template_tags: Mapping[str, str], stack_tags: Mapping[str, str]) -> dict[str, str]:
    """The resource's tags: the stack's, overridden by the template's."""
    try:
        return tag_rules.desired(
            [Tag(Key=key, Value=value) for key, value in template_tags.items()], stack_tags
        )
    except exceptions.InvalidRequest as error:
        raise ResourceFailure(
            error.args[0] if error.args else str(error), "InvalidRequest"
        ) from error


def retag(
    api: CustomerProfilesClient, arn: str, current: Mapping[str, str], wanted: Mapping[str, str]
) -> None:
    """Only the UntagResource and TagResource calls the change needs."""
    change = tag_rules.diff(current, wanted)
    if change.to_remove:
        api.untag_resource(resourceArn=arn, tagKeys=change.to_remove)
    if change.to_set:
        api.tag_resource(resourceArn=arn, tags=change.to_set)


def arn(api: CustomerProfilesClient, account_id: str, resource: str) -> str:
    """The ARN of ``resource`` (``domains/...``) in the client's region and ``account_id``."""
    return arns.arn("profile", api.meta.region_name, account_id, resource)


def as_model(answer: Mapping[str, Any]) -> dict[str, Any]:
    """A service answer as CloudFormation models it: timestamps as ISO-8601 strings."""
    return {key: _plain(value) for key, value in answer.items() if key != "ResponseMetadata"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        stamp = value.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
        return stamp.replace("+00:00", "Z")
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# A template's list of named entries <-> the API's map:
# {property: (name key, value key, the value when an entry gives none)}.
Lists = Mapping[str, tuple[str, str, Any]]


def api_request(properties: Mapping[str, Any], names: tuple[str, ...], lists: Lists) -> Json:
    """The API request for ``properties``: the ``names`` given, each of ``lists`` as a map."""
    request = {key: properties[key] for key in names if key in properties}
    for key, (name, value, empty) in lists.items():
        if properties.get(key):
            request[key] = {item[name]: item.get(value, empty) for item in properties[key]}
    return request


def model_of(answer: Mapping[str, Any], lists: Lists = {}) -> Json:  # noqa: B006 (read only)
    """A service answer as the template models it: timestamps as strings, maps as ``lists``,
    tags as a list of Key/Value."""
    model = as_model(answer)
    for key, (name, value, _) in lists.items():
        mapping = model.pop(key, None) or {}
        if mapping:
            model[key] = [{name: item, value: mapping[item]} for item in sorted(mapping)]
    model["Tags"] = tag_list(model.get("Tags") or {})
    return model


def tagged(request: Json, tags: Mapping[str, str]) -> Json:
    """``request`` with ``Tags`` when there are any (an empty map is not sent)."""
    if tags:
        request["Tags"] = dict(tags)
    return request
