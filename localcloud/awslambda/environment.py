"""A function's environment variables, as Lambda sets them, and where its SDK points.

An execution environment never inherits the runner's environment (no
credentials or settings of the machine leak into a function). It gets:

* the variables Lambda reserves (``RESERVED``), which a function's own
  ``Environment.Variables`` cannot change: ``_HANDLER``, ``AWS_REGION``,
  ``AWS_DEFAULT_REGION``, ``AWS_LAMBDA_FUNCTION_NAME`` and the rest of
  ``AWS_LAMBDA_*``, ``LAMBDA_TASK_ROOT``, ``LAMBDA_RUNTIME_DIR``,
  ``AWS_EXECUTION_ENV`` and the role's credentials (``AWS_ACCESS_KEY_ID``,
  ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``);
* then the function's own variables;
* then what Lambda sets but lets a function change: ``PATH``, ``LANG``, ``TZ``,
  ``PYTHONPATH`` (Python) or ``NODE_PATH`` (Node.js), and, as LocalStack does,
  ``AWS_ENDPOINT_URL``: the local endpoint, so the function's AWS SDK calls the
  local services. ``AWS_CONFIG_FILE`` and ``AWS_SHARED_CREDENTIALS_FILE`` point
  at an empty file: the machine's own AWS profiles stay out of the function.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["RESERVED", "Execution", "function_environment"]

RESERVED = frozenset(
    {
        "_HANDLER",
        "_X_AMZN_TRACE_ID",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API",
        "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR",
    }
)


@dataclass(frozen=True)
class Execution:
    """Where and as what one execution environment runs."""

    runtime: str
    family: str  # "python" or "nodejs"
    handler: str
    function_name: str
    version: str
    memory_mb: int
    region: str
    log_group: str
    log_stream: str
    task_root: Path
    runtime_dir: Path  # the bootstrap's directory
    interpreter_dir: Path  # the interpreter's bin directory, first on PATH
    sdk_path: str  # the Python runtime's boto3 (PYTHONPATH); "" for Node.js
    endpoint_url: str


def function_environment(
    run: Execution, own: Mapping[str, str], credentials: Mapping[str, str]
) -> dict[str, str]:
    """The environment variables of one execution environment."""
    defaults = {
        "PATH": os.pathsep.join([str(run.interpreter_dir), "/usr/local/bin", "/usr/bin", "/bin"]),
        "LANG": "en_US.UTF-8",
        "TZ": ":UTC",
        "AWS_ENDPOINT_URL": run.endpoint_url,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }
    if run.family == "python":
        defaults["PYTHONPATH"] = run.sdk_path
    else:
        defaults["NODE_PATH"] = str(run.task_root)
    reserved = {
        "_HANDLER": run.handler,
        "AWS_REGION": run.region,
        "AWS_DEFAULT_REGION": run.region,
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{run.runtime}",
        "AWS_LAMBDA_FUNCTION_NAME": run.function_name,
        "AWS_LAMBDA_FUNCTION_VERSION": run.version,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(run.memory_mb),
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME": run.log_group,
        "AWS_LAMBDA_LOG_STREAM_NAME": run.log_stream,
        "LAMBDA_TASK_ROOT": str(run.task_root),
        "LAMBDA_RUNTIME_DIR": str(run.runtime_dir),
        **{name: credentials[name] for name in credentials if name in RESERVED},
    }
    defaults = {name: value for name, value in defaults.items() if value}
    return {**defaults, **{str(k): str(v) for k, v in own.items()}, **reserved}
