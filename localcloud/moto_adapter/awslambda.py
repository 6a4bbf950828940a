"""Every moto name the local Lambda runner uses, and nothing else.

The runner (``localcloud.awslambda``) imports moto only from here. It subclasses
moto's ``LambdaBackend`` and ``LambdaFunction`` and connects the subclass at one
point, the ``backend`` attribute of moto's ``lambda_backends`` (``BACKEND_ATTRIBUTE``):
the ``BackendDict`` makes each account's and region's backend from it, for the
server and for ``mock_aws`` alike. The wiring itself lives in
``localcloud.awslambda.install``.

What the subclasses rely on, beyond moto's public classes:

* ``LambdaFunction``'s attributes (``FUNCTION_ATTRIBUTES``), set by its
  ``__init__``, ``update_configuration`` and ``_set_function_code``: the code's
  bytes and SHA-256, the handler, runtime, environment, memory, timeout...;
* ``LambdaFunction.invoke(body, request_headers, response_headers)``, which
  ``LambdaResponse.invoke`` calls and whose ``response_headers`` it answers with;
* a backend's ``_lambdas`` and its ``put_function`` (what ``create_function`` does to store
  a function) and ``BaseBackend._url_module`` (where a backend's URLs are read:
  moto's Lambda URLs, every one answered by ``LambdaResponse.dispatch``);
* ``LambdaResponse.invoke`` asking ``_get_param("qualifier")`` for Invoke's
  ``Qualifier`` (which reads the event's own ``qualifier`` key, not the query);
* ``sts_backends[...].assume_role`` (the function's role credentials, as
  Lambda gives them) and the CloudWatch Logs backend a function holds.

``tests/awslambda/test_moto_names.py`` pins each, failing with the name and the
moto version.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from moto.awslambda import urls as lambda_urls
from moto.awslambda.exceptions import LambdaClientError
from moto.awslambda.models import LambdaBackend, LambdaFunction, lambda_backends
from moto.awslambda.responses import LambdaResponse
from moto.core.exceptions import JsonRESTError
from moto.sts.models import sts_backends
from moto.utilities.utils import get_partition

__all__ = [
    "BACKEND_ATTRIBUTE",
    "FUNCTION_ATTRIBUTES",
    "JsonRESTError",
    "LambdaBackend",
    "LambdaClientError",
    "LambdaFunction",
    "LambdaResponse",
    "assume_role",
    "lambda_backends",
    "lambda_url_module",
    "put_function",
    "write_log_events",
]

# The one moto attribute the runner's install changes: lambda_backends.backend.
BACKEND_ATTRIBUTE = "backend"

# LambdaFunction's attributes the runner reads (none is part of moto's documented API).
FUNCTION_ATTRIBUTES = (
    "account_id",
    "region",
    "function_name",
    "function_arn",
    "version",
    "run_time",
    "handler",
    "role",
    "environment_vars",
    "memory_size",
    "timeout",
    "package_type",
    "code_bytes",
    "code_sha_256",
    "logs_group_name",
    "logs_backend",
)


def lambda_url_module() -> ModuleType:
    """moto's ``moto.awslambda.urls``: the URLs a Lambda backend subclass must keep serving."""
    return lambda_urls


def put_function(backend: LambdaBackend, function: LambdaFunction) -> None:
    """Store ``function`` as moto's ``create_function`` does (role checks included)."""
    backend._lambdas.put_function(function)


def assume_role(account_id: str, region: str, role_arn: str, session_name: str) -> dict[str, str]:
    """Temporary credentials of ``role_arn`` from moto's STS, as Lambda gives a function its role's.

    moto maps the access key to the role's account, so the function's calls land there.
    """
    sts = sts_backends[account_id][get_partition(region)]
    assumed = sts.assume_role(
        region_name=region,
        role_session_name=session_name,
        role_arn=role_arn,
        policy="",
        duration=43200,
        external_id="",
    )
    return {
        "AWS_ACCESS_KEY_ID": assumed.access_key_id,
        "AWS_SECRET_ACCESS_KEY": assumed.secret_access_key,
        "AWS_SESSION_TOKEN": assumed.session_token,
    }


def write_log_events(
    logs_backend: Any, group: str, stream: str, events: list[tuple[int, str]]
) -> None:
    """Append ``(ms, message)`` events to ``group``/``stream`` in moto's CloudWatch Logs."""
    logs_backend.ensure_log_group(group)
    logs_backend.ensure_log_stream(group, stream)
    logs_backend.put_log_events(
        group, stream, [{"timestamp": when, "message": text} for when, text in events]
    )
