"""What the toolkit's command lines share: defaults, errors, ``KEY=VALUE`` lists, output.

``customerprofiles-localcloud`` (``localcloud.cli``), its event trigger
commands (``localcloud.triggers_cli``) and ``deploy``
(``localcloud.cloudformation.deploy``) all read their defaults and report bad
input from here. ``UsageError`` ends a command with exit status 2, ``Failure``
with 1, each in one line.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from localcloud.server.client import ServerControl

PROG = "customerprofiles-localcloud"
DEFAULT_PORT = 4566
DEFAULT_ENDPOINT = f"http://127.0.0.1:{DEFAULT_PORT}"
DEFAULT_REGION = "us-east-1"


class UsageError(ValueError):
    """Bad input: reported in one line, exit status 2."""


class Failure(Exception):
    """A command that could not be carried out: reported in one line, exit status 1."""


def default_endpoint() -> str:
    return os.environ.get("AWS_ENDPOINT_URL") or DEFAULT_ENDPOINT


def default_region() -> str:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION


def key_value_pairs(values: list[str], option: str) -> dict[str, str]:
    """``["A=1", "B="]`` as ``{"A": "1", "B": ""}``; ``UsageError`` naming ``option`` if not."""
    pairs = {}
    for value in values:
        key, sep, item = value.partition("=")
        if not sep or not key:
            raise UsageError(f"{option} must be given as Key=Value, not {value!r}")
        pairs[key] = item
    return pairs


def server_control(endpoint_url: str | None) -> ServerControl:
    """The client of the control routes of the server at ``endpoint_url`` (or the default)."""
    # The server package loads moto: only the commands that call a server pay for it.
    from localcloud.server.client import ServerControl

    return ServerControl(endpoint_url or default_endpoint())


def print_json(value: Any) -> None:
    print(json.dumps(value, indent=4, sort_keys=True))
