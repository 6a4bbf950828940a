"""moto's own resource types on the engine: what moto's engine does for them, the engine
does too (each test here failed before the engine followed moto).

* delete: the instance's ``delete`` first, then ``delete_from_cloudformation_json``;
  a type with neither is deleted as far as moto can (DELETE_COMPLETE);
* a tag-only update of a type without an update method succeeds (EC2 tags set);
* a replacement whose old resource cannot be deleted completes, saying so;
* a custom-named resource that needs replacing fails, as on AWS;
* YAML booleans in AllowedValues match the strings "true" and "false";
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from localcloud.cloudformation.engine.records import ResourceRecord
from localcloud.cloudformation.engine.steps import (
    ResourceDiff,
    deletable,
    delete_instance,
    tags_only,
    updatable,
)
from localcloud.core import resource_schema
from localcloud.moto_adapter.cloudformation import model_map
from tests.support.probes import PROBE, REGION
from tests.support.stacks import stack_events, stack_status, template_body

AMI = "ami-12c6146b"  # one of moto's example AMIs
INSTANCE = {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": AMI}}


def _running(ec2: Any) -> list[str]:
    reservations = ec2.describe_instances()["Reservations"]
    return [
        i["InstanceId"]
        for r in reservations
        for i in r["Instances"]
        if i["State"]["Name"] not in ("terminated", "shutting-down")
    ]


def test_stack_delete_terminates_its_ec2_instance(cfn: Any, target: Any) -> None:
    ec2 = target.client("ec2")
    stack_id = cfn.create_stack(StackName="s", TemplateBody=template_body({"Web": INSTANCE}))[
        "StackId"
    ]
    assert len(_running(ec2)) == 1
    cfn.delete_stack(StackName="s")
    assert stack_status(cfn, stack_id) == "DELETE_COMPLETE"
    assert _running(ec2) == []


def test_stack_delete_removes_its_event_bus(cfn: Any, target: Any) -> None:
    events = target.client("events")
    bus = {"Type": "AWS::Events::EventBus", "Properties": {"Name": "orders-bus"}}
    stack_id = cfn.create_stack(StackName="s", TemplateBody=template_body({"Bus": bus}))["StackId"]
    assert "orders-bus" in [b["Name"] for b in events.list_event_buses()["EventBuses"]]
    cfn.delete_stack(StackName="s")
    assert stack_status(cfn, stack_id) == "DELETE_COMPLETE"
    assert "orders-bus" not in [b["Name"] for b in events.list_event_buses()["EventBuses"]]


def test_types_moto_cannot_delete_end_delete_complete(cfn: Any, target: Any) -> None:
    """SecurityGroupIngress and Route have no delete in moto: moto's engine reports them
    deleted, and so does this one, rather than DELETE_FAILED."""
    vpc = target.client("ec2").create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    resources = {
        "Group": {
            "Type": "AWS::EC2::SecurityGroup",
            "Properties": {"GroupDescription": "web", "VpcId": vpc},
        },
        "Ingress": {
            "Type": "AWS::EC2::SecurityGroupIngress",
            "Properties": {
                "GroupId": {"Ref": "Group"},
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "CidrIp": "0.0.0.0/0",
            },
        },
        "Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": vpc}},
        "Gateway": {"Type": "AWS::EC2::InternetGateway"},
        "Route": {
            "Type": "AWS::EC2::Route",
            "Properties": {
                "RouteTableId": {"Ref": "Table"},
                "DestinationCidrBlock": "0.0.0.0/0",
                "GatewayId": {"Ref": "Gateway"},
            },
        },
    }
    stack_id = cfn.create_stack(StackName="s", TemplateBody=template_body(resources))["StackId"]
    assert stack_status(cfn, "s") == "CREATE_COMPLETE"
    cfn.delete_stack(StackName="s")
    assert stack_status(cfn, stack_id) == "DELETE_COMPLETE"
    deleted = {e[0] for e in stack_events(cfn, stack_id) if e[1] == "DELETE_COMPLETE"}
    assert {"Ingress", "Route", "Group", "Table"} <= deleted
    assert not [e for e in stack_events(cfn, stack_id) if e[1] == "DELETE_FAILED"]


def test_a_stack_tag_change_updates_a_type_without_an_update_method(cfn: Any, target: Any) -> None:
    ec2 = target.client("ec2")
    body = template_body({"Web": INSTANCE})
    cfn.create_stack(StackName="s", TemplateBody=body, Tags=[{"Key": "team", "Value": "a"}])
    cfn.update_stack(StackName="s", TemplateBody=body, Tags=[{"Key": "team", "Value": "b"}])
    assert stack_status(cfn, "s") == "UPDATE_COMPLETE"
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["Tags"] == [{"Key": "team", "Value": "b"}]
    (instance_id,) = _running(ec2)
    tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [instance_id]}])["Tags"]
    assert {"Key": "team", "Value": "b"} in [{"Key": t["Key"], "Value": t["Value"]} for t in tags]


def test_a_template_tag_change_updates_a_type_without_an_update_method(
    cfn: Any, target: Any
) -> None:
    ec2 = target.client("ec2")
    web: dict[str, Any] = {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": AMI}}
    web["Properties"]["Tags"] = [{"Key": "tier", "Value": "web"}]
    cfn.create_stack(StackName="s", TemplateBody=template_body({"Web": web}))
    web["Properties"]["Tags"] = [{"Key": "tier", "Value": "front"}]
    cfn.update_stack(StackName="s", TemplateBody=template_body({"Web": web}))
    assert stack_status(cfn, "s") == "UPDATE_COMPLETE"
    (instance_id,) = _running(ec2)
    tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [instance_id]}])["Tags"]
    assert {(t["Key"], t["Value"]) for t in tags if t["Key"] == "tier"} == {("tier", "front")}


def test_a_replacement_whose_old_resource_cannot_go_completes_and_says_so(
    cfn: Any, probe: Any
) -> None:
    """AWS: the old resource leaves the stack; UPDATE_COMPLETE's reason says it was not deleted."""
    old = {"Name": "old", "FailOn": ["delete"], "FailMessage": "still in use"}
    cfn.create_stack(
        StackName="s", TemplateBody=template_body({"A": {"Type": PROBE, "Properties": old}})
    )
    new = {"Type": PROBE, "Properties": {"Name": "new"}}  # Name is create-only: a replacement
    cfn.update_stack(StackName="s", TemplateBody=template_body({"A": new}))
    assert stack_status(cfn, "s") == "UPDATE_COMPLETE"
    events = stack_events(cfn, "s")
    assert ("A", "DELETE_FAILED", "still in use") in events
    assert events[-1] == (
        "s",
        "UPDATE_COMPLETE",
        "The following resource(s) failed to delete: [A]. ",
    )
    resources = cfn.list_stack_resources(StackName="s")["StackResourceSummaries"]
    assert [(r["PhysicalResourceId"], r["ResourceStatus"]) for r in resources] == [
        ("new", "UPDATE_COMPLETE")
    ]


def test_a_custom_named_resource_that_needs_replacing_fails_the_update(
    cfn: Any, target: Any
) -> None:
    """AWS: "You can't perform an update that causes a custom-named resource to be replaced"."""
    launch: dict[str, Any] = {
        "Type": "AWS::AutoScaling::LaunchConfiguration",
        "Properties": {"ImageId": AMI, "InstanceType": "t2.micro", "LaunchConfigurationName": "lc"},
    }
    cfn.create_stack(StackName="lc", TemplateBody=template_body({"L": launch}))
    launch["Properties"]["InstanceType"] = "m5.large"  # create-only: a replacement
    cfn.update_stack(StackName="lc", TemplateBody=template_body({"L": launch}))
    assert stack_status(cfn, "lc") == "UPDATE_ROLLBACK_COMPLETE"
    failed = [e for e in stack_events(cfn, "lc") if e[1] == "UPDATE_FAILED"]
    assert failed[0] == (
        "L",
        "UPDATE_FAILED",
        "CloudFormation cannot update a stack when a custom-named resource requires "
        "replacing. Rename lc and update the stack again.",
    )
    autoscaling = target.client("autoscaling")
    (config,) = autoscaling.describe_launch_configurations()["LaunchConfigurations"]
    assert (config["LaunchConfigurationName"], config["InstanceType"]) == ("lc", "t2.micro")
    # With a new name, the replacement goes ahead and the old one is deleted.
    launch["Properties"]["LaunchConfigurationName"] = "lc-2"
    cfn.update_stack(StackName="lc", TemplateBody=template_body({"L": launch}))
    assert stack_status(cfn, "lc") == "UPDATE_COMPLETE"
    configs = autoscaling.describe_launch_configurations()["LaunchConfigurations"]
    assert [(c["LaunchConfigurationName"], c["InstanceType"]) for c in configs] == [
        ("lc-2", "m5.large")
    ]


@pytest.mark.parametrize("given", ["true", "false"])
def test_yaml_booleans_in_allowed_values_accept_their_strings(cfn: Any, given: str) -> None:
    template = """
Parameters:
  Enabled:
    Type: String
    AllowedValues: [true, false]
Conditions:
  On: !Equals [!Ref Enabled, true]
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Condition: On
  Other:
    Type: AWS::SNS::Topic
"""
    parameters = [{"ParameterKey": "Enabled", "ParameterValue": given}]
    cfn.create_stack(StackName="s", TemplateBody=template, Parameters=parameters)
    assert stack_status(cfn, "s") == "CREATE_COMPLETE"
    made = {
        r["LogicalResourceId"]
        for r in cfn.list_stack_resources(StackName="s")["StackResourceSummaries"]
    }
    assert made == ({"Topic", "Other"} if given == "true" else {"Other"})


def test_a_custom_resource_whose_function_does_not_exist_fails_the_stack(cfn: Any) -> None:
    resources = {
        "Info": {
            "Type": "Custom::Info",
            "Properties": {"ServiceToken": f"arn:aws:lambda:{REGION}:123456789012:function:gone"},
        }
    }
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    assert stack_status(cfn, "s") == "ROLLBACK_COMPLETE"
    failed = [e for e in stack_events(cfn, "s") if e[1] == "CREATE_FAILED"]
    assert [e[0] for e in failed] == ["Info"]


def test_an_import_of_an_export_that_does_not_exist_is_refused_at_once(cfn: Any) -> None:
    """AWS answers CreateStack itself with "No export named X found." (nothing is made)."""
    topic = {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::ImportValue": "gone"}}}
    with pytest.raises(ClientError) as excinfo:
        cfn.create_stack(StackName="s", TemplateBody=template_body({"T": topic}))
    assert excinfo.value.response["Error"]["Message"] == "No export named gone found."
    assert cfn.describe_stacks()["Stacks"] == []


def _moto_models() -> dict[str, Any]:
    return {t: m for t, m in model_map().items() if str(m.__module__).startswith("moto.")}


def test_every_moto_type_without_an_update_takes_a_tag_only_change() -> None:
    """moto 5.2.5 has 56 such types; a change of only their tag property is a tag-only
    update (it completes), never "cannot be updated in place"."""
    models = _moto_models()
    without = sorted(t for t, m in models.items() if not updatable(m))
    assert without, "moto lists no type without an update method"
    for resource_type in without:
        tag = resource_schema.tag_property(resource_type, models[resource_type])
        if tag is None:
            continue
        change = ResourceDiff(changed=[tag], stack_tags_changed=False, replace=[])
        assert tags_only(change, resource_type, models[resource_type]), resource_type


def test_every_moto_type_without_a_delete_is_deleted_as_moto_deletes_it() -> None:
    """moto 5.2.5 has 44 such types (SecurityGroupIngress, Route...): their delete is done
    (moto has nothing to call), not DELETE_FAILED."""
    models = _moto_models()
    without = sorted(t for t, m in models.items() if not deletable(m))
    assert "AWS::EC2::SecurityGroupIngress" in without and "AWS::EC2::Route" in without
    for resource_type in without:
        record = ResourceRecord("R", resource_type, instance=object.__new__(models[resource_type]))
        delete_instance(record, "123456789012", REGION)  # raises nothing
