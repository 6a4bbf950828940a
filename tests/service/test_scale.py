"""A page of ListEventTriggers costs the same in a domain of 100 or of 100,000 triggers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

from localcloud.core.tokens import encode as encode_token
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.customer_profiles.backend import customerprofiles_backends
from localcloud.customer_profiles.service import CustomerProfilesService
from tests.samples import CONDITIONS
from tests.service.conftest import ACCOUNT, NO_RETRIES, REGION

BIG = 100_000
SMALL = 100


def fill(service: CustomerProfilesService, domain: str, count: int) -> None:
    """Straight into the rules: a hundred thousand API calls would only test patience."""
    service.create_domain(domain, {"DefaultExpirationDays": 1}, None)
    service.put_profile_object_type(domain, "Orders", {"Description": "o"}, None)
    for index in range(count):
        service.create_event_trigger(domain, f"t{index:06d}", "Orders", CONDITIONS)


def best_of(runs: int, call: Callable[[], Any]) -> float:
    """The least time of several runs: the cost, without the machine's noise."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.fixture(scope="module")
def filled() -> Iterator[Any]:
    with mock_customer_profiles():
        session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
        client = session.client("customer-profiles", region_name=REGION, config=NO_RETRIES)
        client.list_domains()  # creates the backend for this account and region
        service = customerprofiles_backends[ACCOUNT][REGION].service
        fill(service, "big", BIG)
        fill(service, "small", SMALL)
        yield client, service


def test_a_page_does_not_grow_with_the_domain(filled: Any) -> None:
    client, _ = filled
    middle = encode_token("event-triggers/big", f"t{BIG // 2:06d}")
    last = encode_token("event-triggers/big", f"t{BIG - 101:06d}")
    small_page = best_of(7, lambda: client.list_event_triggers(DomainName="small"))
    for token in (None, middle, last):
        kwargs = {"NextToken": token} if token else {}

        def big_list(kwargs: dict[str, str] = kwargs) -> Any:
            return client.list_event_triggers(DomainName="big", **kwargs)

        assert len(big_list()["Items"]) == 100
        big_page = best_of(7, big_list)
        assert big_page < small_page * 3 + 0.005, (big_page, small_page)
    page = client.list_event_triggers(DomainName="big", NextToken=middle, MaxResults=2)
    assert [item["EventTriggerName"] for item in page["Items"]] == ["t050001", "t050002"]


def test_the_rules_page_in_logarithmic_time(filled: Any) -> None:
    _, service = filled
    token = encode_token("event-triggers/big", f"t{BIG // 2:06d}")
    small = best_of(20, lambda: service.list_event_triggers("small", None, 100))
    big = best_of(20, lambda: service.list_event_triggers("big", token, 100))
    assert big < small * 5 + 0.001, (big, small)


def test_walking_the_whole_domain_sees_every_trigger_once(filled: Any) -> None:
    _, service = filled
    seen = 0
    token = None
    previous = ""
    while True:
        items, token = service.list_event_triggers("big", token, 100)
        assert items[0].name > previous
        previous = items[-1].name
        seen += len(items)
        if token is None:
            break
    assert seen == BIG
