"""``python -m localcloud.cloudcontrol``: Cloud Control from the shell, without the AWS CLI.

A thin layer over boto3's own ``cloudcontrol`` client, pointed at the local
server (``--endpoint-url``; by default the endpoint botocore configures for
Cloud Control, ``$AWS_ENDPOINT_URL_CLOUDCONTROL`` then ``$AWS_ENDPOINT_URL``,
else http://127.0.0.1:4566, as every command of the toolkit resolves it).
Options mirror ``aws cloudcontrol``, including ``file://`` for JSON arguments;
``--wait`` polls a mutating request until it settles. Output is the response
as JSON. Exit status: 0, 1 for a request that ended FAILED or canceled, 2 for
bad usage, 254 for an error the service sent and 255 when the endpoint cannot
be reached (as AWS CLI v2 does).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError, WaiterError

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.cli_support import DEFAULT_ENDPOINT, default_endpoint, default_region
from localcloud.core.offline import FAKE_CREDENTIALS

SETTLED = ("SUCCESS", "FAILED", "CANCEL_COMPLETE")

Command = Callable[[Any, argparse.Namespace], dict[str, Any]]


def _text(value: str) -> str:
    """A JSON argument, inline or ``file://path`` as the AWS CLI reads it."""
    if value.startswith("file://"):
        try:
            return Path(value.removeprefix("file://")).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise argparse.ArgumentTypeError(f"cannot read {value}: {error}") from None
    return value


def _optional(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    members = {
        "client_token": "ClientToken",
        "next_token": "NextToken",
        "max_results": "MaxResults",
        "resource_model": "ResourceModel",
    }
    return {
        members[name]: getattr(args, name)
        for name in names
        if getattr(args, name, None) is not None
    }


def list_resources(cloudcontrol: Any, args: argparse.Namespace) -> dict[str, Any]:
    """Every page from ``--next-token`` on, as the AWS CLI does; one with ``--no-paginate``."""
    request = {"TypeName": args.type_name, **_optional(args, "resource_model", "max_results")}
    token, described = args.next_token, []
    while True:
        page = dict(
            cloudcontrol.list_resources(**request, **({"NextToken": token} if token else {}))
        )
        if args.no_paginate:
            return page
        described.extend(page.get("ResourceDescriptions", []))
        token = page.pop("NextToken", None)
        if not token:
            return {**page, "ResourceDescriptions": described}


COMMANDS: dict[str, tuple[Command, str]] = {
    "create-resource": (
        lambda c, a: c.create_resource(
            TypeName=a.type_name, DesiredState=a.desired_state, **_optional(a, "client_token")
        ),
        "desired_state client_token",
    ),
    "get-resource": (
        lambda c, a: c.get_resource(TypeName=a.type_name, Identifier=a.identifier),
        "identifier",
    ),
    "update-resource": (
        lambda c, a: c.update_resource(
            TypeName=a.type_name,
            Identifier=a.identifier,
            PatchDocument=a.patch_document,
            **_optional(a, "client_token"),
        ),
        "identifier patch_document client_token",
    ),
    "delete-resource": (
        lambda c, a: c.delete_resource(
            TypeName=a.type_name, Identifier=a.identifier, **_optional(a, "client_token")
        ),
        "identifier client_token",
    ),
    "list-resources": (
        lambda c, a: list_resources(c, a),
        "resource_model next_token max_results",
    ),
    "get-resource-request-status": (
        lambda c, a: c.get_resource_request_status(RequestToken=a.request_token),
        "request_token",
    ),
    "cancel-resource-request": (
        lambda c, a: c.cancel_resource_request(RequestToken=a.request_token),
        "request_token",
    ),
    "list-resource-requests": (
        lambda c, a: c.list_resource_requests(**_optional(a, "next_token", "max_results")),
        "next_token max_results",
    ),
}

_OPTIONS: dict[str, dict[str, Any]] = {
    "identifier": {"required": True, "help": "'DomainName|EventTriggerName' or a JSON object"},
    "desired_state": {"required": True, "type": _text, "help": "JSON, or file://path"},
    "patch_document": {"required": True, "type": _text, "help": "RFC 6902 JSON, or file://path"},
    "resource_model": {"type": _text, "help": 'JSON with the DomainName: {"DomainName": "..."}'},
    "request_token": {"required": True},
    "client_token": {"help": "idempotency token (36 hours)"},
    "next_token": {},
    "max_results": {"type": int},
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m localcloud.cloudcontrol",
        description="Offline Cloud Control API calls against the local server.",
    )
    top.add_argument(
        "--endpoint-url",
        default=None,
        help="the server (default: $AWS_ENDPOINT_URL_CLOUDCONTROL, $AWS_ENDPOINT_URL, "
        f"else {DEFAULT_ENDPOINT})",
    )
    top.add_argument("--region", default=None, help="(default: $AWS_REGION, $AWS_DEFAULT_REGION)")
    # The same two options after the command too, as in the AWS CLI.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--endpoint-url", default=argparse.SUPPRESS)
    common.add_argument("--region", default=argparse.SUPPRESS)
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, options) in COMMANDS.items():
        sub = commands.add_parser(name, help=name.replace("-", " "), parents=[common])
        if name.endswith("-resource") or name == "list-resources":
            sub.add_argument("--type-name", default=TYPE_NAME)
        for option in options.split():
            sub.add_argument(f"--{option.replace('_', '-')}", dest=option, **_OPTIONS[option])
        if name == "list-resources":
            sub.add_argument(
                "--no-paginate", action="store_true", help="one page: print its NextToken"
            )
        if name in ("create-resource", "update-resource", "delete-resource"):
            sub.add_argument("--wait", action="store_true", help="poll until the request settles")
    return top


def client(endpoint_url: str, region: str) -> Any:
    """boto3's cloudcontrol client; offline credentials when the environment has none."""
    session = boto3.Session(region_name=region)
    offline = session.get_credentials() is None
    config = Config(retries={"mode": "standard", "max_attempts": 2}, connect_timeout=5)
    return session.client(
        "cloudcontrol",
        endpoint_url=endpoint_url,
        config=config,
        aws_access_key_id=FAKE_CREDENTIALS["accessKeyId"] if offline else None,
        aws_secret_access_key=FAKE_CREDENTIALS["secretAccessKey"] if offline else None,
        aws_session_token=FAKE_CREDENTIALS["sessionToken"] if offline else None,
    )


def wait(cloudcontrol: Any, token: str) -> dict[str, Any]:
    """The request's status once it settles (polled every 0.2 s, for up to 2 minutes)."""
    waiter = cloudcontrol.get_waiter("resource_request_success")
    # A FAILED or canceled request ends the waiter with an error; the status says which.
    with contextlib.suppress(WaiterError):
        waiter.wait(RequestToken=token, WaiterConfig={"Delay": 0.2, "MaxAttempts": 600})
    return dict(cloudcontrol.get_resource_request_status(RequestToken=token))


def _printable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    endpoint = args.endpoint_url or default_endpoint("cloudcontrol")
    cloudcontrol = client(endpoint, args.region or default_region())
    call, _ = COMMANDS[args.command]
    try:
        response = dict(call(cloudcontrol, args))
        if getattr(args, "wait", False):
            response = wait(cloudcontrol, response["ProgressEvent"]["RequestToken"])
    except (ClientError, EndpointConnectionError) as error:
        print(f"\n{error}", file=sys.stderr)
        return 254 if isinstance(error, ClientError) else 255  # the AWS CLI's exit codes
    response.pop("ResponseMetadata", None)
    print(json.dumps(response, indent=4, default=_printable))
    status = response.get("ProgressEvent", {}).get("OperationStatus")
    return 1 if status in ("FAILED", "CANCEL_COMPLETE") else 0
