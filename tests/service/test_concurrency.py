"""Concurrent creates of one name: exactly one winner, the others told it exists."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from botocore.exceptions import ClientError

from localcloud.customer_profiles.exceptions import BadRequestException
from localcloud.customer_profiles.service import CustomerProfilesService
from tests.support.races import caught, race
from tests.support.samples import CONDITIONS
from tests.support.services import Env

RACERS = 8


def test_rules_give_one_winner() -> None:
    service = CustomerProfilesService("123456789012", "us-east-1")
    service.create_domain("d", {"DefaultExpirationDays": 1}, None)
    service.put_profile_object_type("d", "Orders", {"Description": "o"}, None)
    results = race(
        [caught(lambda: service.create_event_trigger("d", "same", "Orders", CONDITIONS))] * RACERS
    )
    losers = [r for r in results if isinstance(r, BadRequestException)]
    assert len(losers) == RACERS - 1
    assert all("already exists" in loser.message for loser in losers)


@pytest.mark.real_aws
def test_api_gives_one_winner(cp: Env) -> None:
    domain = cp.domain()
    cp.object_type(domain)
    clients = [cp.new_client(cp.client.meta.config) for _ in range(RACERS)]
    turn = iter(range(RACERS))
    lock = threading.Lock()

    def create() -> Any:
        with lock:
            client = clients[next(turn)]
        return client.create_event_trigger(
            DomainName=domain,
            EventTriggerName="same",
            ObjectTypeName="Orders",
            EventTriggerConditions=CONDITIONS,
        )

    results = race([caught(create)] * RACERS)
    errors = [r for r in results if isinstance(r, ClientError)]
    assert len(errors) == RACERS - 1, results
    assert {e.response["Error"]["Code"] for e in errors} == {"BadRequestException"}
    assert len(cp.client.list_event_triggers(DomainName=domain)["Items"]) == 1
