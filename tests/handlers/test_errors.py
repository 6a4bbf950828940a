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


def client_error(
    code: str, message: str = "it failed", operation: str = "GetEventTrigger"
) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message}}, operation)


ANY = errors.ANY


def test_the_table_is_exactly_the_documented_one() -> None:
    assert errors.ERROR_TABLE == {
        (ANY, "BadRequestException"): HandlerErrorCode.InvalidRequest,
        (ANY, "ResourceNotFoundException"): HandlerErrorCode.NotFound,
        (ANY, "AccessDeniedException"): HandlerErrorCode.AccessDenied,
        (ANY, "ThrottlingException"): HandlerErrorCode.Throttling,
        (ANY, "InternalServerException"): HandlerErrorCode.ServiceInternalError,
        ("DeleteEventTrigger", "BadRequestException"): HandlerErrorCode.ResourceConflict,
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
            client_error("BadRequestException", operation="DeleteEventTrigger"),
            HandlerErrorCode.ResourceConflict,
        ),
        (
            client_error("BadRequestException", operation="UpdateEventTrigger"),
            HandlerErrorCode.InvalidRequest,
        ),
        (
            client_error("ResourceNotFoundException", operation="CreateEventTrigger"),
            HandlerErrorCode.NotFound,
        ),
        (
            client_error("ResourceNotFoundException", operation="ListEventTriggers"),
            HandlerErrorCode.NotFound,
        ),
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


def test_every_table_entry_is_exercised_by_the_parametrized_test() -> None:
    """The parametrized cases above mirror the table: one case per entry, at least."""
    cases = test_boundary_maps_each_failure.pytestmark[0].args[1]  # type: ignore[attr-defined]
    covered = {
        (error.operation_name, errors.error_code(error))
        for error, _ in cases
        if isinstance(error, ClientError)
    }
    for operation, code in errors.ERROR_TABLE:
        assert any(
            seen_code == code and operation in (errors.ANY, seen_operation)
            for seen_operation, seen_code in covered
        ), (operation, code)


def test_not_found_of_the_trigger_is_in_cloudformations_words() -> None:
    error = errors.to_handler_error(
        client_error("ResourceNotFoundException", "Event trigger x not found"), SUBJECT
    )
    assert str(error) == (
        f"Resource of type 'AWS::CustomerProfiles::EventTrigger' with identifier '{SUBJECT}'"
        " was not found."
    )


@pytest.mark.parametrize(
    ("operation", "subject"), [("CreateEventTrigger", SUBJECT), ("ListEventTriggers", "domain d")]
)
def test_not_found_of_a_missing_domain_names_the_domain(operation: str, subject: str) -> None:
    error = client_error("ResourceNotFoundException", "Domain 'nodomain' does not exist", operation)
    event = errors.to_handler_error(error, subject).to_progress_event()
    assert event.errorCode == HandlerErrorCode.NotFound
    assert event.message == f"{operation} failed for {subject}: Domain 'nodomain' does not exist"


def test_a_delete_refused_for_an_integration_is_a_conflict_naming_it() -> None:
    message = "Event trigger is used by integration arn:aws:flow:us-east-1:1:flow/orders"
    error = client_error("BadRequestException", message, "DeleteEventTrigger")
    event = errors.to_handler_error(error, SUBJECT).to_progress_event()
    assert event.errorCode == HandlerErrorCode.ResourceConflict
    assert message in event.message
    assert SUBJECT in event.message
