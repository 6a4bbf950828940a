"""The Lambda entrypoint with its calls going over HTTP to a local server.

The contract suite (``make contract``) calls the service in-process, so it
never meets the server's body limit: here its largest input set (``inputs_3``,
about 1.9 MB of model) goes through create, read, update and delete over HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

import boto3
import pytest

from localcloud.server import running_server
from tests.support.constants import ROOT
from tests.support.limits import largest_trigger_model
from tests.support.payloads import invoke


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """One server for the module; the handlers' clients are pointed at it while it runs."""
    with running_server() as url:
        yield url


def _key(model: Mapping[str, object]) -> dict[str, object]:
    return {"DomainName": model["DomainName"], "EventTriggerName": model["EventTriggerName"]}


def test_the_largest_inputs_go_through_every_handler_over_http(endpoint: str) -> None:
    created = largest_trigger_model()
    updated = json.loads((ROOT / "inputs" / "inputs_3_update.json").read_text())
    client = boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")
    client.create_domain(DomainName=created["DomainName"], DefaultExpirationDays=366)
    client.put_profile_object_type(
        DomainName=created["DomainName"], ObjectTypeName=created["ObjectTypeName"], Description="x"
    )
    assert len(json.dumps(created)) > 1024 * 1024
    made = invoke("CREATE", created)
    assert made["status"] == "SUCCESS", made.get("message")
    assert made["resourceModel"]["EventTriggerConditions"] == created["EventTriggerConditions"]
    read = invoke("READ", _key(created))
    assert read["status"] == "SUCCESS"
    assert len(read["resourceModel"]["EventTriggerConditions"]) == 5
    changed = invoke("UPDATE", updated, previous_properties=created)
    assert changed["status"] == "SUCCESS", changed.get("message")
    assert changed["resourceModel"]["EventTriggerConditions"] == updated["EventTriggerConditions"]
    assert invoke("DELETE", _key(created))["status"] == "SUCCESS"
    gone = invoke("READ", _key(created))
    assert (gone["status"], gone["errorCode"]) == ("FAILED", "NotFound")


def test_delete_of_a_trigger_in_use_is_a_resource_conflict(endpoint: str) -> None:
    client = boto3.client("customer-profiles", endpoint_url=endpoint, region_name="us-east-1")
    client.create_domain(DomainName="in-use", DefaultExpirationDays=30)
    client.put_profile_object_type(DomainName="in-use", ObjectTypeName="Orders", Description="x")
    model = {
        "DomainName": "in-use",
        "EventTriggerName": "named",
        "ObjectTypeName": "Orders",
        "EventTriggerConditions": [
            {
                "EventTriggerDimensions": [
                    {
                        "ObjectAttributes": [
                            {"FieldName": "amount", "ComparisonOperator": "EQUAL", "Values": ["1"]}
                        ]
                    }
                ],
                "LogicalOperator": "ANY",
            }
        ],
    }
    assert invoke("CREATE", model)["status"] == "SUCCESS"
    uri = "arn:aws:kinesis:us-east-1:123456789012:stream/in-use"
    client.put_integration(
        DomainName="in-use", Uri=uri, ObjectTypeName="Orders", EventTriggerNames=["named"]
    )
    refused = invoke("DELETE", _key(model))
    assert (refused["status"], refused["errorCode"]) == ("FAILED", "ResourceConflict")
    assert uri in refused["message"]
    client.delete_integration(DomainName="in-use", Uri=uri)
    assert invoke("DELETE", _key(model))["status"] == "SUCCESS"
