"""Least privilege: the role grants only what handlers declare, and declarations are used.

``tests/conftest.py`` already fails the run if a handler makes a call its
permissions do not declare, and ``tests/test_schema.py`` checks that the
role's actions equal the union of the declared ones. Here: nothing else in the
role widens that grant, and every declared permission is used by some path of
its handler, except the few kept because the published schema declares them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml  # type: ignore[import-untyped]

from tests.support import api_calls, report
from tests.support.constants import ROOT, SCHEMA
from tests.support.payloads import invoke
from tests.support.samples import trigger_model
from tests.support.schema import published_schema
from tests.support.services import LocalService

# Declared, never called: kept so the schema stays the published one (test_schema
# checks it equals AWS's but for create's added probe permission).
KEPT_FOR_PUBLISHED_SCHEMA = {
    "create": {"profile:TagResource"},  # tags go in CreateEventTrigger itself
    "read": {"profile:ListTagsForResource"},  # GetEventTrigger returns the tags
    "update": {"profile:GetEventTrigger", "profile:ListTagsForResource"},  # the update answers
}


def _role() -> dict[str, Any]:
    document = yaml.safe_load((ROOT / "resource-role.yaml").read_text())
    return dict(document["Resources"]["ExecutionRole"]["Properties"])


def test_nothing_else_in_the_role_widens_the_grant() -> None:
    """One inline policy of plain Allow statements with named actions; no managed
    policies, no NotAction or NotResource, no wildcards; only CloudFormation, for this
    account's resource type, may assume it."""
    role = _role()
    assert set(role) <= {"MaxSessionDuration", "AssumeRolePolicyDocument", "Path", "Policies"}
    assert len(role["Policies"]) == 1
    for statement in role["Policies"][0]["PolicyDocument"]["Statement"]:
        assert set(statement) == {"Effect", "Action", "Resource"}, statement
        assert statement["Effect"] == "Allow"
        assert all(
            "*" not in action and action.startswith("profile:") for action in statement["Action"]
        )
    trust = role["AssumeRolePolicyDocument"]["Statement"]
    assert len(trust) == 1
    assert trust[0]["Effect"] == "Allow" and trust[0]["Action"] == "sts:AssumeRole"
    assert trust[0]["Principal"] == {"Service": "resources.cloudformation.amazonaws.com"}
    assert trust[0]["Condition"]["StringEquals"]["aws:SourceAccount"] == {"Ref": "AWS::AccountId"}
    assert "AWS-CustomerProfiles-EventTrigger" in str(trust[0]["Condition"]["StringLike"])


def _paths(service: LocalService) -> list[tuple[str, Callable[[], dict[str, Any]]]]:
    """Every path of every handler that makes calls: normal, tag changes, the probe."""
    domain = service.domain
    first = trigger_model(domain, "used", Tags=[{"Key": "a", "Value": "1"}])
    second = trigger_model(domain, "used", Tags=[{"Key": "b", "Value": "2"}])
    key = {"DomainName": domain, "EventTriggerName": "used"}
    return [
        ("create", lambda: invoke("CREATE", first)),
        ("create", lambda: invoke("CREATE", first)),  # AlreadyExists: the probe
        ("read", lambda: invoke("READ", key)),
        ("update", lambda: invoke("UPDATE", second, previous_properties=first)),
        ("update", lambda: invoke("UPDATE", second, previous_properties=second)),
        ("list", lambda: invoke("LIST", {"DomainName": domain})),
        ("delete", lambda: invoke("DELETE", key)),
    ]


def test_every_declared_permission_is_used_by_some_path(service: LocalService) -> None:
    used: dict[str, set[str]] = {name: set() for name in SCHEMA["handlers"]}
    for handler, run in _paths(service):
        with api_calls.counting() as made:
            run()
        used[handler] |= {f"profile:{operation}" for operation in made}
    published = published_schema()["handlers"]
    unused = {}
    for handler, declared in SCHEMA["handlers"].items():
        assert used[handler] <= set(declared["permissions"]), handler
        if set(declared["permissions"]) - used[handler]:
            unused[handler] = set(declared["permissions"]) - used[handler]
    assert unused == KEPT_FOR_PUBLISHED_SCHEMA
    for handler, kept in unused.items():
        assert kept <= set(published[handler]["permissions"]), handler
    report.FIGURES.privilege.append(
        "permissions: every call declared (session check); declared but unused, kept because "
        "the published schema has them: "
        + "; ".join(f"{h}: {', '.join(sorted(p))}" for h, p in sorted(unused.items()))
    )
