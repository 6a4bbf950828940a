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


def configured_endpoint(service: str) -> str | None:
    """The endpoint botocore configures for ``service`` (a client name: ``customer-profiles``,
    ``cloudcontrol``, ``cloudformation``), by botocore's own rule: ``AWS_ENDPOINT_URL_<SERVICE>``
    first, then ``AWS_ENDPOINT_URL``, then the shared config file's ``services`` section;
    None when none is, or ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`` is true."""
    import botocore.session
    from botocore.configprovider import ConfiguredEndpointProvider
    from botocore.exceptions import ProfileNotFound

    session = botocore.session.Session()
    if session.get_config_variable("ignore_configured_endpoint_urls"):
        return None
    try:
        scoped = session.get_scoped_config()
    except ProfileNotFound:
        scoped = {}
    found = ConfiguredEndpointProvider(
        full_config=session.full_config, scoped_config=scoped, client_name=service
    ).provide()
    return str(found) if found else None


def default_endpoint(service: str = "customer-profiles") -> str:
    """Where a command's calls to ``service`` go when ``--endpoint-url`` is not given: the
    endpoint botocore configures for it, else the local server's default. The control routes
    (``/_localcloud/``) go where Customer Profiles' calls go: they control that server."""
    return configured_endpoint(service) or DEFAULT_ENDPOINT


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
