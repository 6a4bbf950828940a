"""Profile data: PutProfileObject resolves or makes the profile from the type's Fields and
Keys; ListProfileObjects, DeleteProfileObject, SearchProfiles and BatchGetProfile read it."""

from __future__ import annotations

import json

from tests.support.services import Env
from tests.support.triggers import ORDERS, ingest, order, orders_domain, profile_id


def test_an_object_makes_a_profile_its_profile_key_finds_again(cp: Env) -> None:
    domain = orders_domain(cp)
    first = ingest(cp, domain, order("o-1", email="Ann@Example.com", Name="Ann", Tier="gold"))
    second = ingest(cp, domain, order("o-2", email="ann@example.com"))
    assert first != second
    found = cp.client.search_profiles(
        DomainName=domain, KeyName="Email", Values=["ann@example.com"]
    )
    (profile,) = found["Items"]
    assert profile["EmailAddress"] == "ann@example.com"  # EMAIL_ADDRESS matches any case
    assert profile["FirstName"] == "Ann" and profile["Attributes"] == {"tier": "gold"}
    listed = cp.client.list_profile_objects(
        DomainName=domain, ObjectTypeName=ORDERS, ProfileId=profile["ProfileId"]
    )["Items"]
    assert {item["ProfileObjectUniqueKey"] for item in listed} == {first, second}
    assert {json.loads(item["Object"])["OrderId"] for item in listed} == {"o-1", "o-2"}


def test_the_unique_key_replaces_an_object_and_filters_the_listing(cp: Env) -> None:
    domain = orders_domain(cp)
    key = ingest(cp, domain, order("o-1", price=10))
    assert ingest(cp, domain, order("o-1", price=20)) == key
    profile = profile_id(cp, domain)
    listed = cp.client.list_profile_objects(
        DomainName=domain,
        ObjectTypeName=ORDERS,
        ProfileId=profile,
        ObjectFilter={"KeyName": "OrderId", "Values": ["o-1"]},
    )["Items"]
    assert [json.loads(item["Object"])["TotalPrice"] for item in listed] == [20]


def test_delete_profile_object_removes_only_that_object(cp: Env) -> None:
    domain = orders_domain(cp)
    key = ingest(cp, domain, order("o-1"))
    kept = ingest(cp, domain, order("o-2"))
    profile = profile_id(cp, domain)
    cp.client.delete_profile_object(
        DomainName=domain, ObjectTypeName=ORDERS, ProfileId=profile, ProfileObjectUniqueKey=key
    )
    listed = cp.client.list_profile_objects(
        DomainName=domain, ObjectTypeName=ORDERS, ProfileId=profile
    )["Items"]
    assert [item["ProfileObjectUniqueKey"] for item in listed] == [kept]
    code, message = cp.refused(
        "delete_profile_object",
        DomainName=domain,
        ObjectTypeName=ORDERS,
        ProfileId=profile,
        ProfileObjectUniqueKey=key,
    )
    assert code == "ResourceNotFoundException" and key in message


def test_search_with_more_keys_and_batch_get(cp: Env) -> None:
    domain = orders_domain(cp)
    ingest(cp, domain, order("o-1", email="ann@example.com"))
    ingest(cp, domain, order("o-2", email="bob@example.com"))
    both = cp.client.search_profiles(
        DomainName=domain,
        KeyName="Email",
        Values=["ann@example.com"],
        AdditionalSearchKeys=[{"KeyName": "OrderId", "Values": ["o-2"]}],
        LogicalOperator="OR",
    )["Items"]
    assert sorted(item["EmailAddress"] for item in both) == ["ann@example.com", "bob@example.com"]
    none = cp.client.search_profiles(
        DomainName=domain,
        KeyName="Email",
        Values=["ann@example.com"],
        AdditionalSearchKeys=[{"KeyName": "OrderId", "Values": ["o-2"]}],
    )["Items"]
    assert none == []
    ann = profile_id(cp, domain)
    answer = cp.client.batch_get_profile(DomainName=domain, ProfileIds=[ann, "f" * 32])
    assert [item["ProfileId"] for item in answer["Profiles"]] == [ann]
    assert [item["ProfileId"] for item in answer["Errors"]] == ["f" * 32]


def test_bad_objects_are_refused_and_change_nothing(cp: Env) -> None:
    domain = orders_domain(cp)
    for text, words in (("not json", "not valid JSON"), ("[1, 2]", "JSON object")):
        code, message = cp.refused(
            "put_profile_object", DomainName=domain, ObjectTypeName=ORDERS, Object=text
        )
        assert code == "BadRequestException" and words in message
    code, _ = cp.refused("put_profile_object", DomainName=domain, ObjectTypeName=ORDERS, Object="")
    assert code == "BadRequestException"  # the model's minimum length
    code, message = cp.refused(
        "put_profile_object", DomainName=domain, ObjectTypeName="Absent", Object="{}"
    )
    assert code == "BadRequestException" and "Absent" in message
    code, _ = cp.refused(
        "put_profile_object", DomainName=cp.name("absent"), ObjectTypeName=ORDERS, Object="{}"
    )
    assert code == "ResourceNotFoundException"
    found = cp.client.search_profiles(DomainName=domain, KeyName="Email", Values=["x"])
    assert found["Items"] == []


def test_an_unknown_profile_is_not_found(cp: Env) -> None:
    domain = orders_domain(cp)
    code, _ = cp.refused(
        "list_profile_objects", DomainName=domain, ObjectTypeName=ORDERS, ProfileId="a" * 32
    )
    assert code == "ResourceNotFoundException"


def test_get_domain_counts_profiles_and_objects(cp: Env) -> None:
    domain = orders_domain(cp)
    first, second = order("o-1"), order("o-2", email="bob@example.com")
    ingest(cp, domain, first)
    ingest(cp, domain, second)
    stats = cp.client.get_domain(DomainName=domain)["Stats"]
    assert stats["ProfileCount"] == 2 and stats["ObjectCount"] == 2
    assert stats["TotalSize"] == len(first) + len(second)
    cp.client.delete_profile_object_type(DomainName=domain, ObjectTypeName=ORDERS)
    assert cp.client.get_domain(DomainName=domain)["Stats"]["ObjectCount"] == 0
