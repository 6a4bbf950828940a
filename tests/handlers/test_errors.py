"""The error table, mirrored: every service error and failure mode and what it becomes."""

from __future__ import annotations

import logging

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ParamValidationError,
    ReadTimeoutError,
)
from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.interface import HandlerErrorCode

from aws_customerprofiles_eventtrigger import errors

SUBJECT = "retail|high-value-order"


def client_error(code: str, message: str = "it failed") -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message}}, "GetEventTrigger")


def test_the_table_is_exactly_the_documented_one() -> None:
    assert errors.ERROR_TABLE == {
        "BadRequestException": HandlerErrorCode.InvalidRequest,
        "ResourceNotFoundException": HandlerErrorCode.NotFound,
        "AccessDeniedException": HandlerErrorCode.AccessDenied,
        "ThrottlingException": HandlerErrorCode.Throttling,
        "InternalServerException": HandlerErrorCode.ServiceInternalError,
    }


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (client_error("BadRequestException"), HandlerErrorCode.InvalidRequest),
        (client_error("ResourceNotFoundException"), HandlerErrorCode.NotFound),
        (client_error("AccessDeniedException"), HandlerErrorCode.AccessDenied),
        (client_error("ThrottlingException"), HandlerErrorCode.Throttling),
        (client_error("InternalServerException"), HandlerErrorCode.ServiceInternalError),
        (client_error("SomethingNewException"), HandlerErrorCode.GeneralServiceException),
        (
            ParamValidationError(report="Invalid type for parameter Description, value: 5"),
            HandlerErrorCode.InvalidRequest,
        ),
        (
            EndpointConnectionError(endpoint_url="http://127.0.0.1:1"),
            HandlerErrorCode.NetworkFailure,
        ),
        (ConnectTimeoutError(endpoint_url="http://127.0.0.1:1"), HandlerErrorCode.NetworkFailure),
        (ReadTimeoutError(endpoint_url="http://127.0.0.1:1"), HandlerErrorCode.NetworkFailure),
        (RuntimeError("boom"), HandlerErrorCode.InternalFailure),
    ],
)
def test_boundary_maps_each_failure(error: Exception, expected: HandlerErrorCode) -> None:
    with pytest.raises(Exception) as raised, errors.boundary(SUBJECT):
        raise error
    event = raised.value.to_progress_event()  # type: ignore[attr-defined]
    assert event.errorCode == expected
    assert SUBJECT in event.message


def test_messages_name_the_operation_and_the_service_message() -> None:
    event = errors.to_handler_error(client_error("ThrottlingException", "Rate exceeded"), SUBJECT)
    assert str(event) == f"GetEventTrigger failed for {SUBJECT}: Rate exceeded"


def test_param_validation_names_parameters_not_values() -> None:
    report = "Invalid type for parameter Description, value: top-secret, type: <class 'int'>"
    message = str(errors.to_handler_error(ParamValidationError(report=report), SUBJECT))
    assert "Description" in message
    assert "top-secret" not in message


def test_only_the_unexpected_is_logged_once_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger=errors.__name__)
    with pytest.raises(exceptions._HandlerError), errors.boundary(SUBJECT):
        raise client_error("ThrottlingException")
    assert caplog.records == []
    with pytest.raises(exceptions._HandlerError), errors.boundary(SUBJECT):
        raise RuntimeError("boom")
    [record] = caplog.records
    assert record.exc_info is not None
