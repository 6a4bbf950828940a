"""Shared pieces: CloudFormation-shaped invocations, the stored trigger, and the scans.

Everything here drives the real Lambda entrypoint (``handlers.resource``) with
HandlerRequest events from ``localcloud.handler_request``, against the offline
Customer Profiles service, so a test sees what CloudFormation would see.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from botocore.config import Config

from aws_customerprofiles_eventtrigger.handlers import resource
from localcloud.customer_profiles import calls, mock_customer_profiles, reset_calls
from localcloud.handler_request import handler_request
from tests.conftest import SCHEMA

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient

REGION = "us-east-1"
OBJECT_TYPE = "Orders"
WRITE_OPERATIONS = frozenset(
    {
        "CreateEventTrigger",
        "UpdateEventTrigger",
        "DeleteEventTrigger",
        "TagResource",
        "UntagResource",
    }
)
# Names no schema pattern accepts, each a way to reach a wrong URL or confuse a parser.
BAD_NAMES = [
    "a|b",
    "a/b",
    "..",
    "../x",
    "%2F",
    "a%2Fb",
    "a?b",
    "a#b",
    "naïve",
    "名前",
    "a\nb",
    "a\x00b",
    "",
    " ",
    "x" * 65,
    "\u202eevil",
]
# Setup calls go straight to the service: no retries, so a fault left behind shows at once.
DIRECT = Config(retries={"mode": "standard", "total_max_attempts": 1})

# Values the API marks sensitive (Description, EventTriggerConditions) and the
# caller's credentials: distinctive, so a leak anywhere is found by substring.
SECRET_CREDENTIALS = {
    "accessKeyId": "AKIARELIABILITYSCAN7",
    "secretAccessKey": "reliability/Secret+Access/Key0scan0do0not0log",
    "sessionToken": "reliability-session-token-never-logged-3f9a",
}
SECRET_DESCRIPTION = "secret-description-7c1e: customers about to churn"
SECRET_SOURCE = "_order.SecretSource5d2b"
SECRET_FIELD = "SecretField5d2b"
SECRET_VALUES = ("secret-value-81aa", "secret-value-92bb")
SECRETS: dict[str, str] = {
    "accessKeyId": SECRET_CREDENTIALS["accessKeyId"],
    "secretAccessKey": SECRET_CREDENTIALS["secretAccessKey"],
    "sessionToken": SECRET_CREDENTIALS["sessionToken"],
    "Description": SECRET_DESCRIPTION,
    "Conditions.Source": SECRET_SOURCE,
    "Conditions.FieldName": SECRET_FIELD,
    **{f"Conditions.Values[{i}]": value for i, value in enumerate(SECRET_VALUES)},
}


def secret_conditions() -> list[dict[str, Any]]:
    return [
        {
            "EventTriggerDimensions": [
                {
                    "ObjectAttributes": [
                        {
                            "Source": SECRET_SOURCE,
                            "FieldName": SECRET_FIELD,
                            "ComparisonOperator": "INCLUSIVE",
                            "Values": list(SECRET_VALUES),
                        }
                    ]
                }
            ],
            "LogicalOperator": "ANY",
        }
    ]


def trigger_model(domain: str, name: str, **overrides: Any) -> dict[str, Any]:
    """A full, valid model whose sensitive members carry the secrets above."""
    model: dict[str, Any] = {
        "DomainName": domain,
        "EventTriggerName": name,
        "ObjectTypeName": OBJECT_TYPE,
        "Description": SECRET_DESCRIPTION,
        "EventTriggerConditions": secret_conditions(),
        "SegmentFilter": "churn-risk",
        "EventTriggerLimits": {
            "EventExpiration": 3600000,
            "Periods": [{"Unit": "HOURS", "Value": 6, "MaxInvocationsPerProfile": 3}],
        },
        "Tags": [{"Key": "team", "Value": "crm"}],
    }
    model.update(overrides)
    return {key: value for key, value in model.items() if value is not None}


def cfn_shaped(value: Any) -> Any:
    """What CloudFormation sends: every scalar as a string, booleans as "true"/"false"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        return {key: cfn_shaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cfn_shaped(item) for item in value]
    return value


def invoke(action: str, properties: Mapping[str, Any] | None, **kwargs: Any) -> dict[str, Any]:
    """One invocation of the Lambda entrypoint, as CloudFormation makes it."""
    previous = kwargs.pop("previous_properties", None)
    if previous is not None:
        kwargs["previous_properties"] = cfn_shaped(previous)
    shaped = cfn_shaped(properties) if properties is not None else None
    return dict(resource(handler_request(action, shaped, **kwargs), None))


# -- the schema, for comparing models ------------------------------------------------


def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = SCHEMA["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    return node


READ_ONLY = frozenset(pointer.rsplit("/", 1)[-1] for pointer in SCHEMA["readOnlyProperties"])
ROOT: dict[str, Any] = {
    "type": "object",
    "properties": SCHEMA["properties"],
    "required": SCHEMA["required"],
    "additionalProperties": False,
}


def canonical(value: Any, node: Mapping[str, Any] = ROOT) -> Any:
    """A model in a form where equal means equal to CloudFormation.

    Lists whose schema says ``insertionOrder: false`` are compared as
    multisets (sorted), read-only properties are dropped, and an empty object
    or empty list is the same as an absent one (the lib deserializes both to
    None, and the API leaves them out of its answers).
    """
    node = resolve(node)
    if isinstance(value, Mapping):
        properties = node.get("properties", {})
        result = {}
        for key, item in value.items():
            if key in READ_ONLY and node is ROOT:
                continue
            shaped = canonical(item, properties.get(key, {}))
            if shaped in ({}, []):
                continue
            result[key] = shaped
        return result
    if isinstance(value, list):
        items = [canonical(item, node.get("items", {})) for item in value]
        if node.get("insertionOrder") is False:
            items.sort(key=lambda item: json.dumps(item, sort_keys=True))
        return items
    return value


# -- the offline service -------------------------------------------------------------


def stored_model(client: CustomerProfilesClient, domain: str, name: str) -> dict[str, Any] | None:
    """The trigger as the service holds it, in model shape; None if it does not exist."""
    try:
        found: dict[str, Any] = dict(
            client.get_event_trigger(DomainName=domain, EventTriggerName=name)
        )
    except client.exceptions.ResourceNotFoundException:
        return None
    found.pop("ResponseMetadata", None)
    tags: dict[str, str] = found.pop("Tags", None) or {}
    found["DomainName"] = domain
    if tags:
        found["Tags"] = [{"Key": key, "Value": tags[key]} for key in sorted(tags)]
    return dict(canonical(found))


@dataclass
class LocalService:
    """The in-process service with one domain and one object type ready."""

    client: CustomerProfilesClient
    domain: str = "reliability"
    domains: set[str] = field(default_factory=set)

    def ensure_domain(self, domain: str, object_type: str = OBJECT_TYPE) -> None:
        """The domain and object type a model refers to, made if missing."""
        if domain not in self.domains:
            self.client.create_domain(DomainName=domain, DefaultExpirationDays=30)
            self.domains.add(domain)
        self.client.put_profile_object_type(
            DomainName=domain, ObjectTypeName=object_type, Description="reliability"
        )

    def seed(self, model: Mapping[str, Any]) -> None:
        """A trigger made straight in the service, as someone else would have made it."""
        request = {k: copy.deepcopy(v) for k, v in model.items() if k not in READ_ONLY}
        if "Tags" in request:
            request["Tags"] = {tag["Key"]: tag["Value"] for tag in request["Tags"]}
        self.client.create_event_trigger(**request)

    def stored(self, domain: str, name: str) -> dict[str, Any] | None:
        return stored_model(self.client, domain, name)

    def calls(self) -> dict[str, int]:
        return dict(calls())

    def reset_calls(self) -> None:
        reset_calls()


@functools.cache
def _session() -> boto3.Session:
    """One session for the setup clients: a new one loads the service model again (slow)."""
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )


@contextlib.contextmanager
def local_service() -> Iterator[LocalService]:
    """A fresh in-process service, with faults and call counts empty."""
    with mock_customer_profiles():
        client = _session().client("customer-profiles", config=DIRECT)
        service = LocalService(client)
        service.ensure_domain(service.domain)
        reset_calls()
        yield service


# -- secrets -------------------------------------------------------------------------

# Loggers of the emulators and servers stand in for AWS, not for the provider.
EMULATOR_LOGGERS = ("moto", "localcloud", "werkzeug", "responses")
# botocore's and urllib3's wire logs at DEBUG: scanned, and reported apart.
WIRE_LOGGERS = ("botocore", "urllib3")


def _origin(logger_name: str) -> str:
    root = logger_name.split(".", 1)[0]
    if root in EMULATOR_LOGGERS:
        return "emulator"
    if root in WIRE_LOGGERS:
        return "wire"
    return "provider"


@dataclass
class Found:
    secret: str
    where: str  # "<origin>:<logger>", stdout, stderr or message

    @property
    def origin(self) -> str:
        return self.where.split(":", 1)[0]


def secrets_in(text: str, where: str) -> list[Found]:
    return [Found(name, where) for name, value in SECRETS.items() if value in text]


@dataclass
class Capture:
    """Everything a run wrote: log records at DEBUG from every logger, stdout, stderr."""

    caplog: pytest.LogCaptureFixture
    capsys: pytest.CaptureFixture[str]
    formatter: logging.Formatter = field(default_factory=logging.Formatter)

    def start(self) -> None:
        self.caplog.set_level(logging.DEBUG)  # the root level, as Lambda's log level control sets
        self.caplog.clear()
        self.capsys.readouterr()

    def scan(self, *messages: Any) -> tuple[list[Found], int]:
        """Secrets found outside the emulators, and how many outputs were searched."""
        found: list[Found] = []
        searched = 0
        for record in self.caplog.records:
            origin = _origin(record.name)
            if origin == "emulator":
                continue
            found += secrets_in(self.formatter.format(record), f"{origin}:{record.name}")
            searched += 1
        out, err = self.capsys.readouterr()
        for where, text in (("stdout", out), ("stderr", err)):
            found += secrets_in(text, where)
            searched += 1
        for message in messages:
            found += secrets_in(json.dumps(message, default=str), "message")
            searched += 1
        return found, searched
