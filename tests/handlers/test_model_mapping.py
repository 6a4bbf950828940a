"""Tags merge and diff, timestamps in any zone, and ARNs in every partition."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import boto3
import pytest
from botocore.parsers import create_parser
from cloudformation_cli_python_lib import exceptions

from aws_customerprofiles_eventtrigger import identifier, tags, translate
from aws_customerprofiles_eventtrigger.models import Tag


def test_desired_tags_merge_stack_tags_with_the_model_winning() -> None:
    model = [Tag(Key="team", Value="model"), Tag(Key="only-model", Value="1")]
    stack = {"team": "stack", "only-stack": "2", "aws:cloudformation:stack-id": "x"}
    assert tags.desired(model, stack) == {"team": "model", "only-model": "1", "only-stack": "2"}


def test_desired_tags_of_nothing_is_empty() -> None:
    assert tags.desired(None, None) == {}


def test_diff_sets_changed_and_new_removes_gone_and_keeps_reserved() -> None:
    current = {"same": "1", "changed": "old", "gone": "x", "aws:cloudformation:stack-id": "s"}
    wanted = {"same": "1", "changed": "new", "added": "y"}
    change = tags.diff(current, wanted)
    assert change.to_set == {"changed": "new", "added": "y"}
    assert change.to_remove == ["gone"]
    assert change


def test_the_created_by_tag_is_never_removed_shown_or_accepted_from_a_model() -> None:
    current = {"team": "crm", tags.CREATED_BY: "owner/request"}
    assert tags.diff(current, {"team": "crm"}).to_remove == []
    assert tags.diff(current, {}).to_remove == ["team"]
    assert [tag.Key for tag in tags.to_model(current) or []] == ["team"]
    assert tags.to_model({tags.CREATED_BY: "owner/request"}) is None
    # Sent as a stack tag it is kept; in the model's Tags it is refused by name.
    assert tags.desired(None, {tags.CREATED_BY: "x"}) == {tags.CREATED_BY: "x"}
    with pytest.raises(exceptions.InvalidRequest, match=tags.CREATED_BY):
        tags.desired([Tag(Key=tags.CREATED_BY, Value="x")], None)


def test_same_creator_needs_the_tag_sent_and_held_alike() -> None:
    assert tags.same_creator({tags.CREATED_BY: "a/1"}, {tags.CREATED_BY: "a/1", "t": "v"})
    assert not tags.same_creator({tags.CREATED_BY: "a/1"}, {tags.CREATED_BY: "a/2"})
    assert not tags.same_creator({tags.CREATED_BY: "a/1"}, None)
    assert not tags.same_creator(None, {tags.CREATED_BY: "a/1"})
    assert not tags.same_creator({}, {})


def test_diff_of_equal_tags_is_empty() -> None:
    assert not tags.diff({"a": "1"}, {"a": "1"})


def test_tags_to_model_is_sorted_and_none_when_empty() -> None:
    assert tags.to_model({}) is None
    assert [tag.Key for tag in tags.to_model({"b": "2", "a": "1"}) or []] == ["a", "b"]


@pytest.fixture
def non_utc_zone() -> Iterator[None]:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def test_timestamps_from_botocore_come_out_utc_whatever_the_machine_zone(
    non_utc_zone: None,
) -> None:
    # botocore's own parser turns the service's epoch timestamps into local-zone datetimes.
    client = boto3.client("customer-profiles", region_name="us-east-1")
    output_shape = client.meta.service_model.operation_model("GetEventTrigger").output_shape
    epoch = 1_795_000_000.25
    body = json.dumps({"EventTriggerName": "n", "CreatedAt": epoch, "LastUpdatedAt": epoch})
    response = create_parser("rest-json").parse(
        {"body": body.encode(), "headers": {}, "status_code": 200}, output_shape
    )
    assert response["CreatedAt"].utcoffset() != timedelta(0)
    model = translate.to_model(response, "d")
    expected = datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds")
    assert model.CreatedAt == expected.replace("+00:00", "Z")
    assert model.CreatedAt.endswith("Z")


def test_timestamp_conversion_of_an_offset_datetime() -> None:
    value = datetime(2026, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=5)))
    assert translate.timestamp(value) == "2025-12-31T20:00:00.000Z"


@pytest.mark.parametrize(
    ("partition", "region"),
    [("aws", "us-east-1"), ("aws-cn", "cn-northwest-1"), ("aws-us-gov", "us-gov-west-1")],
)
def test_trigger_arn(partition: str, region: str) -> None:
    arn = identifier.trigger_arn(partition, region, "111122223333", "d", "n")
    assert arn == f"arn:{partition}:profile:{region}:111122223333:domains/d/event-triggers/n"


@pytest.mark.parametrize(
    ("region", "partition"),
    [("us-gov-west-1", "aws-us-gov"), ("cn-north-1", "aws-cn"), ("ap-south-2", "aws")],
)
def test_client_partition_is_right_for_every_partition(region: str, partition: str) -> None:
    assert boto3.client("customer-profiles", region_name=region).meta.partition == partition
