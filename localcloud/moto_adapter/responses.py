"""The one wire strategy of every local service: moto's router, parser and serializer.

``ModelResponse`` is the ``BaseResponse`` a local service's responses module
subclasses with one method per operation returning ``ActionResult``. botocore's
model drives all of it through moto's own machinery: moto's router matches a
request to an operation (method and path for rest-json, ``X-Amz-Target`` for
JSON), the service checks the raw request first (``before_parse``: moto's
parser is lenient and would turn ``"abc"`` into a list of letters), moto's
parser builds the parameters and moto's serializer writes answers and errors.

A service's rules raise ``localcloud.core.exceptions.ServiceError`` (a code, a
status and a message); it is written here as moto writes the model's error
shape of that code, with the error's status, so codes the model lacks (AWS's
common errors) keep theirs. Requests no operation matches, operations the
service does not emulate and bugs are answered in the same form, never with a
traceback; a connection error raised on purpose (an injected fault) passes.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any, ClassVar

from botocore.exceptions import EndpointConnectionError

from localcloud.core import regions, wire_errors
from localcloud.core.exceptions import ServiceError

from .core import TYPE_RESPONSE, ActionResult, BaseResponse, Request, ServiceException, route

__all__ = ["ModelResponse", "WireError"]

log = logging.getLogger(__name__)


class WireError(ServiceException):
    """A service error as moto serializes it: the model's error shape named ``code``.

    Defined here, never moto's own base class: moto would look a service model
    up from the exception's ``moto.<package>`` module.
    """


class ModelResponse(BaseResponse):
    """A local service's moto response class, driven by its botocore model.

    Subclasses set ``SERVICE_NAME`` (botocore's model name), ``PROTOCOL`` (the
    model's wire protocol), ``OPERATIONS`` (what the service emulates; the model's
    others answer 501) and ``INTERNAL_ERROR`` (the code a bug is answered with),
    and may override the hooks ``unrouted``, ``misrouted``, ``before_parse`` and
    ``unknown``.
    """

    SERVICE_NAME: ClassVar[str]
    PROTOCOL: ClassVar[str]
    OPERATIONS: ClassVar[tuple[str, ...]]
    INTERNAL_ERROR: ClassVar[str] = "InternalFailure"

    use_raw_body = True  # moto would decode it as UTF-8 and fail; validation reports that

    def __init__(self) -> None:
        super().__init__(service_name=self.SERVICE_NAME)
        self.automated_parameter_parsing = True
        self.response_headers: dict[str, str] = {}
        self._action: str | None = None

    # -- hooks ---------------------------------------------------------------

    def unrouted(self, request: Request) -> str:
        """The operation of a request moto's router matches to none; "" for none."""
        return ""

    def misrouted(self, operation: str, request: Request) -> bool:
        """Whether moto's router took ``request`` for an operation it is not (``unrouted``
        routes it then)."""
        return False

    def before_parse(self, operation: str, request: Request) -> None:
        """Check the raw request before moto parses it; raise a ``ServiceError`` to refuse."""

    def unknown(self, request: Request) -> ServiceError:
        """The error for a request that names no operation."""
        return ServiceError(
            f"No operation at {request.method} {request.path}",
            code="UnknownOperationException",
            status=404,
        )

    # -- moto's hooks --------------------------------------------------------

    def _get_action(self) -> str:
        if self._action is None:
            request = getattr(self, "normalized_request", None)
            if request is None:  # failed before setup_class got this far
                return ""
            operation = route(self, request)
            if not operation or self.misrouted(operation, request):
                operation = self.unrouted(request)
            self._action = operation
        return self._action

    def determine_response_protocol(self, service_model: Any) -> str:
        return self.PROTOCOL

    def parse_parameters(self, request: Request) -> None:
        operation = self._get_action()
        if operation not in self.OPERATIONS:
            return  # not emulated: _dispatch answers 501 whatever the request holds
        self.before_parse(operation, request)
        super().parse_parameters(request)

    def error(self, error: ServiceError | ServiceException) -> TYPE_RESPONSE:
        """``error`` on the wire: moto writes the model's error shape of its code; a code the
        model lacks (AWS's common errors, the emulator's 404 and 501) is written in the same
        protocol's envelope. A ``ServiceError`` keeps its own status."""
        code = getattr(error, "code", "")
        if isinstance(error, ServiceError) and code not in _modelled_codes(self.SERVICE_NAME):
            text, pairs = wire_errors.error_body(self.PROTOCOL, error.status, code, error.message)
            return error.status, dict(pairs), text.decode()
        wire = error if isinstance(error, ServiceException) else WireError(code, error.message)
        status, headers, body = self.serialized(ActionResult(wire))
        headers, body = self._enrich_response(headers, body)
        headers.pop("status", None)  # moto 5.2.6 leaves it there for its own responses
        return (error.status if isinstance(error, ServiceError) else int(status)), headers, body

    def _dispatch(
        self, request: Request, full_url: str | None = None, headers: Any = None
    ) -> TYPE_RESPONSE:
        try:
            self.setup_class(request, full_url, headers)
            operation = self._get_action()
            if not operation:
                return self.error(self.unknown(request))
            if operation not in self.OPERATIONS:
                message = f"{operation} is not emulated"
                return self.error(ServiceError(message, code="NotImplementedException", status=501))
            return self.call_action()
        except ServiceError as error:
            return self.error(error)
        except ServiceException as error:  # moto's own, e.g. from its parser
            return self.error(error)
        except (EndpointConnectionError, ConnectionError):
            raise
        except Exception:
            log.exception(
                "%s emulator failed on %s %s", self.SERVICE_NAME, request.method, request.path
            )
            failed = ServiceError("The emulator failed; see its log", code=self.INTERNAL_ERROR)
            return self.error(failed)


@cache
def _modelled_codes(service_name: str) -> frozenset[str]:
    """The error codes botocore's model of ``service_name`` has a shape for."""
    shapes = regions.service_model(service_name).error_shapes
    return frozenset(getattr(shape, "error_code", None) or shape.name for shape in shapes)
