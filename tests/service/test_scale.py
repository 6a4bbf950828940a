"""A page of ListEventTriggers costs the same in a domain of 100 or of 100,000 triggers.

Cost is counted, not timed (timings belong to ``make bench``): trigger names are
stored as ``CountedName``, a ``str`` that counts every comparison and every
hash made of it, so a page shows how many stored names it compared (the bisect
to the token: logarithmic) and how many triggers it fetched (the page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from localcloud.core.tokens import encode as encode_token
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.customer_profiles.backend import customerprofiles_backends
from localcloud.customer_profiles.service import CustomerProfilesService
from tests.support.constants import ACCOUNT, NO_RETRIES, REGION
from tests.support.samples import CONDITIONS
from tests.support.services import session

BIG = 100_000
SMALL = 100
PAGE = 100  # the API's default page size
TOUCHED: Counter[str] = Counter()  # "compared" and "fetched", for CountedName


def _compared(name: str) -> Callable[[str, Any], Any]:
    """``str``'s comparison ``name``, counting each use (NotImplemented passes through)."""
    method = getattr(str, name)

    def compare(self: str, other: Any) -> Any:
        TOUCHED["compared"] += 1
        return method(self, other)

    return compare


class CountedName(str):
    """A trigger name that counts the comparisons and hashes made of it."""

    def __hash__(self) -> int:
        TOUCHED["fetched"] += 1
        return str.__hash__(self)

    __eq__ = _compared("__eq__")
    __lt__ = _compared("__lt__")
    __le__ = _compared("__le__")
    __gt__ = _compared("__gt__")
    __ge__ = _compared("__ge__")


def log_bound(size: int) -> int:
    """Comparisons a bisect into ``size`` sorted keys may make: twice the bits of ``size``."""
    return 2 * size.bit_length()


def counted(call: Any) -> tuple[Any, dict[str, int]]:
    TOUCHED.clear()
    result = call()
    return result, {"compared": TOUCHED["compared"], "fetched": TOUCHED["fetched"]}


def fill(service: CustomerProfilesService, domain: str, count: int) -> None:
    """Straight into the rules: a hundred thousand API calls would only test patience."""
    service.create_domain(domain, {"DefaultExpirationDays": 1}, None)
    service.put_profile_object_type(domain, "Orders", {"Description": "o"}, None)
    for index in range(count):
        service.create_event_trigger(domain, CountedName(f"t{index:06d}"), "Orders", CONDITIONS)


@pytest.fixture(scope="module")
def filled() -> Iterator[Any]:
    with mock_customer_profiles():
        client = session().client("customer-profiles", region_name=REGION, config=NO_RETRIES)
        client.list_domains()  # creates the backend for this account and region
        service = customerprofiles_backends[ACCOUNT][REGION].service
        fill(service, "big", BIG)
        fill(service, "small", SMALL)
        yield client, service


def test_a_page_does_not_grow_with_the_domain(filled: Any) -> None:
    client, _ = filled
    middle = encode_token("event-triggers/big", f"t{BIG // 2:06d}")
    last = encode_token("event-triggers/big", f"t{BIG - 101:06d}")
    small_page, small = counted(lambda: client.list_event_triggers(DomainName="small"))
    assert len(small_page["Items"]) == PAGE
    assert small["fetched"] == PAGE
    for token in (None, middle, last):
        kwargs = {"NextToken": token} if token else {}
        page, big = counted(lambda kw=kwargs: client.list_event_triggers(DomainName="big", **kw))
        assert len(page["Items"]) == PAGE
        # The same triggers fetched as a page of the small domain, and no more names
        # compared than that page did plus a bisect into the big one.
        assert big["fetched"] == small["fetched"], (big, small)
        assert big["compared"] <= small["compared"] + log_bound(BIG), (big, small)
    page = client.list_event_triggers(DomainName="big", NextToken=middle, MaxResults=2)
    assert [item["EventTriggerName"] for item in page["Items"]] == ["t050001", "t050002"]


@pytest.mark.parametrize(("domain", "size"), [("small", SMALL), ("big", BIG)])
def test_the_rules_page_in_logarithmic_steps(filled: Any, domain: str, size: int) -> None:
    _, service = filled
    token = encode_token(f"event-triggers/{domain}", f"t{size // 2:06d}")
    (items, _), spent = counted(lambda: service.list_event_triggers(domain, token, PAGE))
    assert spent["fetched"] == len(items) == min(PAGE, size - size // 2 - 1)
    assert 0 < spent["compared"] <= log_bound(size), spent  # a bisect, not a scan
    (items, _), spent = counted(lambda: service.list_event_triggers(domain, None, PAGE))
    assert spent == {"compared": 0, "fetched": PAGE}  # the first page needs no search


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
