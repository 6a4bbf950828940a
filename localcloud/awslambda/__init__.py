"""Lambda's Invoke runs the function's real code: the local Lambda runner.

moto keeps Lambda functions, but runs their code only in Docker. ``register()``
(idempotent, safe to call from any service's ``register()``) connects the
runner to moto's Lambda backend: from then on, Invoke on the local server or
under ``mock_aws`` runs a Python or Node.js function's code in a subprocess of
the function's runtime, with its handler, environment variables, timeout, memory size and
role credentials, and its AWS SDK pointed at the local endpoint. The server
calls it when it starts; in-process, call it before ``mock_aws()`` starts::

    from localcloud import awslambda
    awslambda.register()
    with mock_aws():
        ...  # lambda.invoke(...) runs the function

``local_endpoint()`` is the URL functions invoked in-process call (a server the
runner starts in a thread on first use). ``uninstall()`` undoes ``register()``.
The parts: ``install`` (the one point where moto is changed), ``backend``
(moto's subclasses), ``runner`` (execution environments, warm between
invocations), ``worker`` (one environment), ``protocol`` (their wire),
``interpreters``, ``code``, ``environment``, ``endpoint``, ``logs``, ``payloads``
and the bootstraps in ``runtimes/``.
"""

from __future__ import annotations

__all__ = ["local_endpoint", "register", "uninstall"]


def register() -> None:
    """Run Lambda functions' code on Invoke, for the server and ``mock_aws`` (idempotent).

    Imports moto's Lambda backend: called when a service registers, not on import.
    """
    from .install import install

    install()


def uninstall() -> None:
    """Give moto's own Lambda backend back and end every execution environment."""
    from .install import uninstall as remove

    remove()


def local_endpoint() -> str:
    """The endpoint functions invoked in this process call (started on first use)."""
    from .endpoint import local_endpoint as url

    return url()
