"""UpdateDomain: a partial update, validated from botocore's model like every operation."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.services import Env

pytestmark = pytest.mark.real_aws

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/dead-letters"


def test_only_what_is_sent_changes(cp: Env) -> None:
    name = cp.domain(DeadLetterQueueUrl=QUEUE, Tags={"team": "crm"})
    before = cp.client.get_domain(DomainName=name)
    updated = cp.client.update_domain(DomainName=name, DefaultExpirationDays=400)
    assert updated["DomainName"] == name
    assert updated["DefaultExpirationDays"] == 400
    assert updated["DeadLetterQueueUrl"] == QUEUE  # guess: update-domain-partial
    assert updated["CreatedAt"] == before["CreatedAt"]
    assert updated["LastUpdatedAt"] >= before["LastUpdatedAt"]
    assert updated["Tags"] == {"team": "crm"}
    got = cp.client.get_domain(DomainName=name)
    assert got["DefaultExpirationDays"] == 400 and got["DeadLetterQueueUrl"] == QUEUE


def test_an_empty_queue_url_clears_it(cp: Env) -> None:
    name = cp.domain(DeadLetterQueueUrl=QUEUE)
    updated = cp.client.update_domain(DomainName=name, DeadLetterQueueUrl="")
    assert "DeadLetterQueueUrl" not in updated
    assert "DeadLetterQueueUrl" not in cp.client.get_domain(DomainName=name)


def test_matching_is_replaced_and_tags_sent_replace_the_tags(cp: Env) -> None:
    name = cp.domain(Tags={"team": "crm"})
    updated = cp.client.update_domain(
        DomainName=name, Matching={"Enabled": True}, Tags={"env": "prod"}
    )
    assert updated["Matching"]["Enabled"] is True
    assert updated["Tags"] == {"env": "prod"}  # guess: put-tags-replace


def test_a_missing_domain_is_not_found(cp: Env, error_of: Any) -> None:
    missing = cp.name("absent")
    with pytest.raises(ClientError) as excinfo:
        cp.client.update_domain(DomainName=missing, DefaultExpirationDays=10)
    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    if cp.target != "aws":
        assert missing in message


def test_invalid_input_is_refused_before_anything_changes(cp: Env, error_of: Any) -> None:
    name = cp.domain()
    with pytest.raises(ClientError) as excinfo:
        cp.client.update_domain(DomainName=name, DefaultExpirationDays=0)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert "DefaultExpirationDays" in message
    assert cp.client.get_domain(DomainName=name)["DefaultExpirationDays"] == 30
