"""A user's test file, as another project would write it with the toolkit installed.

tests/toolkit copies it into a directory outside this repository as
``test_user.py`` and runs pytest there: only the plugin's fixtures are used.
"""

import json

import boto3
import pytest
from botocore.exceptions import ClientError

TYPE_NAME = "AWS::CustomerProfiles::EventTrigger"
TRIGGER = {
    "DomainName": "retail",
    "EventTriggerName": "large-order",
    "ObjectTypeName": "Orders",
    "EventTriggerConditions": [
        {
            "LogicalOperator": "ANY",
            "EventTriggerDimensions": [
                {
                    "ObjectAttributes": [
                        {
                            "Source": "_order.TotalPrice",
                            "ComparisonOperator": "GREATER_THAN",
                            "Values": ["500"],
                        }
                    ]
                }
            ],
        }
    ],
}


def make_domain(client):
    client.create_domain(DomainName="retail", DefaultExpirationDays=366)
    client.put_profile_object_type(
        DomainName="retail", ObjectTypeName="Orders", Description="Orders"
    )


def test_create_a_domain(customer_profiles_client):
    assert customer_profiles_client.list_domains()["Items"] == []  # fresh for each test
    make_domain(customer_profiles_client)
    assert customer_profiles_client.get_domain(DomainName="retail")["DomainName"] == "retail"


def test_an_injected_fault_fails_one_call(customer_profiles_client, customer_profiles_faults):
    make_domain(customer_profiles_client)
    customer_profiles_faults.inject("GetDomain", "AccessDeniedException")
    with pytest.raises(ClientError) as failed:
        customer_profiles_client.get_domain(DomainName="retail")
    assert failed.value.response["Error"]["Code"] == "AccessDeniedException"
    assert customer_profiles_client.get_domain(DomainName="retail")["DomainName"] == "retail"
    assert customer_profiles_faults.calls()["GetDomain"] == 2


def test_create_a_trigger_through_cloud_control(customer_profiles_client, cloudcontrol_client):
    make_domain(customer_profiles_client)
    started = cloudcontrol_client.create_resource(
        TypeName=TYPE_NAME, DesiredState=json.dumps(TRIGGER)
    )
    token = started["ProgressEvent"]["RequestToken"]
    cloudcontrol_client.get_waiter("resource_request_success").wait(
        RequestToken=token, WaiterConfig={"Delay": 1, "MaxAttempts": 60}
    )
    found = cloudcontrol_client.get_resource(TypeName=TYPE_NAME, Identifier="retail|large-order")
    assert json.loads(found["ResourceDescription"]["Properties"])["ObjectTypeName"] == "Orders"
    trigger = customer_profiles_client.get_event_trigger(
        DomainName="retail", EventTriggerName="large-order"
    )
    assert trigger["ObjectTypeName"] == "Orders"


def test_the_session_server(local_endpoint, customer_profiles_faults):
    client = boto3.client(
        "customer-profiles",
        endpoint_url=local_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    assert client.list_domains()["Items"] == []  # reset for each test
    make_domain(client)
    customer_profiles_faults.inject("GetDomain", "AccessDeniedException")
    with pytest.raises(ClientError) as failed:
        client.get_domain(DomainName="retail")
    assert failed.value.response["Error"]["Code"] == "AccessDeniedException"
