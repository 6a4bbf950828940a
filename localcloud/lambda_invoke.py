"""A local Lambda Invoke endpoint for the resource type's functions.

``cfn test`` (the CloudFormation CLI's contract suite) invokes the handler
over the Lambda Invoke REST API: ``POST /2015-03-31/functions/{name}/invocations``
with a HandlerRequest payload, by default on http://127.0.0.1:3001 and function
``TypeFunction``. SAM would start a container for that; this serves the same
API by calling the entrypoints in-process, as ``template.yml`` names them:
``TypeFunction`` is the ``resource`` entrypoint, ``TestEntrypoint`` the
``test_entrypoint``.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from localcloud.registry_handler import Entrypoint, default_entrypoint

LOG = logging.getLogger(__name__)

HOST = "127.0.0.1"
DEFAULT_PORT = 3001
# Lambda's synchronous Invoke payload limit: 6 MB, enforced as 6,291,456 bytes.
MAX_BODY_BYTES = 6 * 1024 * 1024
_INVOKE_PATH = re.compile(r"^/2015-03-31/functions/(?P<name>[^/]+)/invocations$")


def default_functions() -> dict[str, Entrypoint]:
    from aws_customerprofiles_eventtrigger.handlers import test_entrypoint

    return {"TypeFunction": default_entrypoint(), "TestEntrypoint": test_entrypoint}


def _error(status: int, error_type: str, message: str) -> Response:
    body = json.dumps({"Type": "User", "Message": message})
    return Response(
        body, status=status, mimetype="application/json", headers={"x-amzn-ErrorType": error_type}
    )


class LambdaInvokeApp:
    """The WSGI application: one route, Invoke, for the functions it is given."""

    def __init__(self, functions: dict[str, Entrypoint] | None = None) -> None:
        self.functions = functions or default_functions()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        response = self.handle(Request(environ))
        return response(environ, start_response)

    def handle(self, request: Request) -> Response:
        match = _INVOKE_PATH.match(request.path)
        if request.method != "POST" or match is None:
            return _error(404, "ResourceNotFoundException", f"No route for {request.path}")
        name = match.group("name")
        function = self.functions.get(name)
        if function is None:
            return _error(404, "ResourceNotFoundException", f"Function not found: {name}")
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return _error(413, "RequestTooLargeException", "Request payload is too large")
        body = request.get_data(cache=False)
        if len(body) > MAX_BODY_BYTES:
            return _error(413, "RequestTooLargeException", "Request payload is too large")
        try:
            event = json.loads(body or b"{}")
        except ValueError:
            return _error(400, "InvalidRequestContentException", "Payload is not valid JSON")
        if not isinstance(event, dict):
            return _error(400, "InvalidRequestContentException", "Payload must be a JSON object")
        try:
            result = function(event, None)
        except Exception:  # the function's own failure, as Lambda reports it
            LOG.exception("Function %s raised", name)
            error = json.dumps({"errorMessage": "Unhandled", "errorType": "Unhandled"})
            return Response(
                error,
                status=200,
                mimetype="application/json",
                headers={"X-Amz-Function-Error": "Unhandled"},
            )
        return Response(json.dumps(result), status=200, mimetype="application/json")


@contextmanager
def serving(
    port: int = DEFAULT_PORT, functions: dict[str, Entrypoint] | None = None
) -> Iterator[str]:
    """Serves Invoke on 127.0.0.1 in a background thread; yields the endpoint URL."""
    server = make_server(HOST, port, LambdaInvokeApp(functions), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="lambda-invoke", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
