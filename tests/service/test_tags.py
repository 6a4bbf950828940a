"""TagResource, UntagResource, ListTagsForResource on event-trigger (and domain) ARNs."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.services import Env

pytestmark = pytest.mark.real_aws


@pytest.fixture
def arn(cp: Env) -> str:
    domain = cp.domain()
    cp.object_type(domain)
    cp.trigger(domain, Tags={"team": "crm"})
    return cp.arn(domain, "big-order")


def test_tags_live_with_the_trigger(cp: Env, arn: str) -> None:
    assert cp.client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "crm"}
    cp.client.tag_resource(resourceArn=arn, tags={"env": "prod", "team": "growth"})
    assert cp.client.list_tags_for_resource(resourceArn=arn)["tags"] == {
        "team": "growth",
        "env": "prod",
    }
    cp.client.untag_resource(resourceArn=arn, tagKeys=["team", "absent"])
    assert cp.client.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "prod"}
    domain = arn.split("/")[1]
    got = cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert got["Tags"] == {"env": "prod"}
    listed = cp.client.list_event_triggers(DomainName=domain)["Items"][0]
    assert listed["Tags"] == {"env": "prod"}


def test_deleting_the_trigger_deletes_its_tags(cp: Env, arn: str, error_of: Any) -> None:
    domain = arn.split("/")[1]
    cp.client.delete_event_trigger(DomainName=domain, EventTriggerName="big-order")
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_tags_for_resource(resourceArn=arn)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    cp.trigger(domain)
    assert cp.client.list_tags_for_resource(resourceArn=arn)["tags"] == {}


def test_domains_are_tagged_by_arn_too(cp: Env, arn: str) -> None:
    domain_arn = arn.split("/event-triggers/")[0]
    cp.client.tag_resource(resourceArn=domain_arn, tags={"owner": "me"})
    assert cp.client.list_tags_for_resource(resourceArn=domain_arn)["tags"] == {"owner": "me"}


@pytest.mark.parametrize("operation", ["tag_resource", "untag_resource", "list_tags_for_resource"])
def test_unknown_trigger_arn_is_not_found(cp: Env, arn: str, error_of: Any, operation: str) -> None:
    missing = arn.replace("big-order", "ghost")
    extras: dict[str, dict[str, Any]] = {
        "tag_resource": {"tags": {"a": "b"}},
        "untag_resource": {"tagKeys": ["a"]},
    }
    extra = extras.get(operation, {})
    with pytest.raises(ClientError) as excinfo:
        getattr(cp.client, operation)(resourceArn=missing, **extra)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_other_account_or_region_is_not_found(cp: Env, arn: str, error_of: Any) -> None:
    if cp.target == "aws":
        pytest.skip("the answer for a foreign account depends on its permissions")
    for other in (arn.replace(cp.account, "210987654321"), arn.replace(cp.region, "us-west-2")):
        with pytest.raises(ClientError) as excinfo:
            cp.client.list_tags_for_resource(resourceArn=other)
        assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_unsupported_resource_kind_is_a_bad_request(cp: Env, arn: str, error_of: Any) -> None:
    if cp.target == "aws":
        pytest.skip("emulator's documented choice")
    odd = arn.replace("event-triggers", "segment-definitions")
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_tags_for_resource(resourceArn=odd)
    assert error_of(excinfo)[0] == "BadRequestException"


@pytest.mark.parametrize(
    ("operation", "params", "field"),
    [
        ("tag_resource", {"tags": {"aws:owner": "x"}}, "tags.<key>"),
        # AWS reserves the prefix in any case; the model's pattern spells only aws:.
        ("tag_resource", {"tags": {"AWS:owner": "x"}}, "tags.<key>"),
        ("untag_resource", {"tagKeys": ["team", "Aws:owner"]}, "tagKeys[1]"),
        ("tag_resource", {"tags": {}}, "tags"),
        ("tag_resource", {"tags": {f"k{i}": "v" for i in range(51)}}, "tags"),
        ("tag_resource", {"tags": {"k": "v" * 257}}, "tags.k"),
        ("untag_resource", {"tagKeys": []}, "tagKeys"),
        ("list_tags_for_resource", {}, None),
    ],
)
def test_tag_operations_validate(
    cp: Env, arn: str, error_of: Any, operation: str, params: dict[str, Any], field: str | None
) -> None:
    target = arn if field else "arn:aws:s3:::bucket"
    with pytest.raises(ClientError) as excinfo:
        getattr(cp.client, operation)(resourceArn=target, **params)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert f"'{field or 'resourceArn'}'" in message


def test_a_resource_holds_at_most_fifty_tags(cp: Env, arn: str, error_of: Any) -> None:
    cp.client.tag_resource(resourceArn=arn, tags={f"k{i}": "v" for i in range(49)})
    with pytest.raises(ClientError) as excinfo:
        cp.client.tag_resource(resourceArn=arn, tags={"one": "1", "two": "2"})
    assert error_of(excinfo)[0] == "BadRequestException"
    assert len(cp.client.list_tags_for_resource(resourceArn=arn)["tags"]) == 50
