"""Every API call a handler makes is declared in that handler's permissions."""

from __future__ import annotations

from cloudformation_cli_python_lib.interface import OperationStatus

from aws_customerprofiles_eventtrigger import handlers
from tests.support import api_calls
from tests.support.api_calls import undeclared_calls
from tests.support.payloads import make_request
from tests.support.samples import api_trigger, model_properties
from tests.support.stubs import Stubbed


def test_every_path_of_every_handler_calls_only_what_it_declares() -> None:
    stub = Stubbed()
    key = {"DomainName": "retail", "EventTriggerName": "high-value-order"}
    with stub.stubber:
        # create, including the AlreadyExists probe
        stub.fail("create_event_trigger", "BadRequestException")
        stub.expect("get_event_trigger", key, api_trigger())
        handlers.create_handler(stub.session, make_request(model_properties()), {})
        # update with tags removed and added
        stub.expect("update_event_trigger", None, api_trigger(Tags={"old": "1"}))
        stub.expect("untag_resource", None)
        stub.expect("tag_resource", None)
        event = handlers.update_handler(stub.session, make_request(model_properties()), {})
        assert event.status == OperationStatus.SUCCESS
        stub.expect("get_event_trigger", key, api_trigger())
        handlers.read_handler(stub.session, make_request(dict(key)), {})
        stub.expect("delete_event_trigger", key, {"Message": "deleted"})
        handlers.delete_handler(stub.session, make_request(dict(key)), {})
        stub.expect("list_event_triggers", {"DomainName": "retail"}, {"Items": []})
        handlers.list_handler(stub.session, make_request({"DomainName": "retail"}), {})
        stub.stubber.assert_no_pending_responses()
    assert set(api_calls.SEEN) >= {"create", "read", "update", "delete", "list"}
    assert undeclared_calls() == {}
