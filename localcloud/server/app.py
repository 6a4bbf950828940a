"""The WSGI application: moto's dispatcher (``HostDispatcher``) behind the body's
framing and limit (``framing``), the control routes, the requests no service may
take (``routing``) and an error envelope.

Services register before serving: each function in ``REGISTRATIONS`` is called,
in order. Adding a local service is one line there: its package's ``register``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from http import HTTPStatus

from localcloud import awslambda, cloudcontrol, cloudformation, customer_profiles, s3
from localcloud.core import wire_errors
from localcloud.moto_adapter.server import HostDispatcher, create_backend_app

from . import framing, routing
from .config import CONTROL_MAX_BODY_BYTES, CONTROL_PREFIX, MAX_BODY_BYTES
from .control import control
from .json_http import Environ, StartResponse

log = logging.getLogger(__name__)

REGISTRATIONS: list[Callable[[], None]] = [
    customer_profiles.register,
    cloudcontrol.register,
    cloudformation.register,
    awslambda.register,
    s3.register,
]


def register_services() -> None:
    """Register every service this server serves (idempotent)."""
    for register in REGISTRATIONS:
        register()


class LocalCloudApp:
    """WSGI middleware around moto's dispatcher: the body read whole (``framing``), control
    routes, requests no service may take refused (``routing``), no crash."""

    def __init__(self, inner: HostDispatcher) -> None:
        self.inner = inner

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        controlled = path.startswith(CONTROL_PREFIX) or path == CONTROL_PREFIX.rstrip("/")
        own = "rest-json" if controlled else None  # the control routes' envelope
        try:
            framing.read_body(environ, CONTROL_MAX_BODY_BYTES if controlled else MAX_BODY_BYTES)
        except framing.BadFraming as bad:
            # The rest of a refused body may still be on its way: the connection ends here.
            closing = [("Connection", "close")]
            return _answer(environ, start_response, bad.status, bad.code, bad.message, own, closing)
        if controlled:
            return control(environ, start_response, path[len(CONTROL_PREFIX) :])
        refused = routing.refusal(environ, self.inner)
        if refused is not None:
            return _answer(environ, start_response, refused.status, refused.code, refused.message)
        routing.content_type(environ)
        try:
            answer: Iterable[bytes] = self.inner(environ, start_response)
            return answer
        except ConnectionError:
            raise  # an injected dropped connection: werkzeug closes without answering
        except Exception:
            log.exception("request failed: %s %s", environ.get("REQUEST_METHOD"), path)
            failed = "InternalServerException"
            return _answer(environ, start_response, 500, failed, "Internal error")


def _answer(
    environ: Environ,
    start_response: StartResponse,
    status: int,
    code: str,
    message: str,
    protocol: str | None = None,
    extra: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    line = f"{status} {HTTPStatus(status).phrase}"
    return wire_errors.respond(environ, start_response, line, code, message, extra, protocol)


def make_app() -> LocalCloudApp:
    register_services()
    return LocalCloudApp(HostDispatcher(create_backend_app))
