"""The reserved ``aws:`` tag prefix, in any case; tags between a template's list and a map.

The toolkit's test (``localcloud.core.tags``) and the provider's
(``aws_customerprofiles_eventtrigger.tags``, Lambda code that cannot import the
toolkit) must give the same answers: AWS refuses ``AWS:`` and ``Aws:`` as it
refuses ``aws:``.
"""

from __future__ import annotations

import re

import pytest
from botocore.session import get_session

from aws_customerprofiles_eventtrigger import tags as provider_tags
from localcloud.core.tags import is_reserved, tag_list, tag_map

KEYS = {
    "aws:owner": True,
    "AWS:owner": True,
    "Aws:Owner": True,
    "aWS:": True,
    "aws:": True,
    "aws": False,
    "awsx:owner": False,
    "aws-owner": False,
    "team:aws:owner": False,
    " aws:owner": False,
    "": False,
}


@pytest.mark.parametrize(("key", "reserved"), KEYS.items())
def test_the_prefix_is_reserved_in_any_case(key: str, reserved: bool) -> None:
    assert is_reserved(key) is reserved
    assert provider_tags.is_reserved(key) is reserved


def test_the_models_pattern_refuses_only_the_lower_case_prefix() -> None:
    # What the model spells out; AWS refuses the other cases as well (is_reserved).
    model = get_session().get_service_model("customer-profiles")
    pattern = re.compile(model.shape_for("TagKey").metadata["pattern"])
    assert pattern.fullmatch("aws:owner") is None
    assert pattern.fullmatch("AWS:owner") is not None
    refused = [key for key in KEYS if key and pattern.fullmatch(key) is None]
    assert [key for key in refused if key.startswith("aws:")] == ["aws:owner", "aws:"]


def test_tag_list_and_map_are_each_others_inverse() -> None:
    tags = {"team": "crm", "aws:cloudformation:stack-name": "s", "empty": ""}
    assert tag_list(tags) == [
        {"Key": "aws:cloudformation:stack-name", "Value": "s"},
        {"Key": "empty", "Value": ""},
        {"Key": "team", "Value": "crm"},
    ]
    assert tag_map(tag_list(tags)) == tags
    assert tag_map(None) == {} and tag_list({}) == []
