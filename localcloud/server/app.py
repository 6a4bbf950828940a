"""The WSGI application: moto's dispatcher (``HostDispatcher``) behind a body limit,
an error envelope and the control routes.

Services register before serving: each function in ``REGISTRATIONS`` is called,
in order. Adding a local service is one line there: its package's ``register``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable

from localcloud import awslambda, cloudcontrol, cloudformation, customer_profiles, s3
from localcloud.core import wire_errors
from localcloud.moto_adapter.server import HostDispatcher, create_backend_app

from .config import CONTROL_PREFIX, MAX_BODY_BYTES
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
    """WSGI middleware around moto's dispatcher: control routes, body limit, no crash."""

    def __init__(self, inner: Callable[[Environ, StartResponse], Iterable[bytes]]) -> None:
        self.inner = inner

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX) or path == CONTROL_PREFIX.rstrip("/"):
            return control(environ, start_response, path[len(CONTROL_PREFIX) :])
        if self._too_large(environ):
            message = f"Request bodies are limited to {MAX_BODY_BYTES} bytes"
            return wire_errors.respond(
                environ,
                start_response,
                "413 Request Entity Too Large",
                "RequestEntityTooLargeException",
                message,
            )
        try:
            return self.inner(environ, start_response)
        except ConnectionError:
            raise  # an injected dropped connection: werkzeug closes without answering
        except Exception:
            log.exception("request failed: %s %s", environ.get("REQUEST_METHOD"), path)
            return wire_errors.respond(
                environ,
                start_response,
                "500 Internal Server Error",
                "InternalServerException",
                "Internal error",
            )

    @staticmethod
    def _too_large(environ: Environ) -> bool:
        length = environ.get("CONTENT_LENGTH") or ""
        if length.strip():
            try:
                return int(length) > MAX_BODY_BYTES
            except ValueError:
                return True
        if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            data = environ["wsgi.input"].read(MAX_BODY_BYTES + 1)
            environ["wsgi.input"] = io.BytesIO(data)
            environ["CONTENT_LENGTH"] = str(len(data))
            return len(data) > MAX_BODY_BYTES
        return False


def make_app() -> LocalCloudApp:
    register_services()
    return LocalCloudApp(HostDispatcher(create_backend_app))
