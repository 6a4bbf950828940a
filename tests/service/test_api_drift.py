"""The drift of botocore's models from the pinned one: reported, and failing only when the
services do not handle a change (``localcloud.api_drift``).

``make test-newest`` runs these on the newest botocore the ranges allow: the
report shows in the warnings summary, and a change the rules cannot act on
fails here, not in a user's bug.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import warnings
from importlib.metadata import version
from typing import Any

import pytest

from localcloud import api_drift
from localcloud.customer_profiles.firing import outbound_request
from localcloud.customer_profiles.interpreted import INTERPRETED
from tests.support.constants import ROOT

PINNED = re.search(r"^botocore==(\S+)$", (ROOT / "requirements.txt").read_text(), re.MULTILINE)


class ApiDrift(UserWarning):
    """The installed botocore's models differ from the pinned one."""


@pytest.fixture(scope="module")
def installed() -> dict[str, Any]:
    return api_drift.digest()


def test_the_digest_is_the_pinned_botocores(installed: dict[str, Any]) -> None:
    pinned = api_drift.load()
    assert PINNED is not None
    assert pinned["botocore"] == PINNED.group(1), "run make api-digest on the pinned venv"
    if version("botocore") != PINNED.group(1):
        pytest.skip(f"botocore {version('botocore')} is installed, not the pinned one")
    assert pinned == installed, "the digest is stale: run make api-digest"


def test_the_installed_models_drift_is_handled(installed: dict[str, Any]) -> None:
    found = api_drift.report(api_drift.load(), installed)
    if found.handled or found.unhandled:
        warnings.warn(ApiDrift(found.text()), stacklevel=1)
    assert not found.unhandled, found.text()


def drifted(installed: dict[str, Any], service: str, shape: str, **change: Any) -> Any:
    """A copy of ``installed`` whose ``shape`` has ``change`` merged in."""
    newer = copy.deepcopy(installed)
    target = newer[service]["shapes"][shape]
    for key, value in change.items():
        target[key] = {**target[key], **value} if isinstance(value, dict) else value
    return api_drift.report(installed, newer)


def test_an_operator_the_rules_do_not_know_fails(installed: dict[str, Any]) -> None:
    shape = installed["customer-profiles"]["shapes"]["ComparisonOperator"]
    found = drifted(
        installed, "customer-profiles", "ComparisonOperator", enum=[*shape["enum"], "SOUNDS_LIKE"]
    )
    assert found.unhandled == [
        "customer-profiles ComparisonOperator: SOUNDS_LIKE is new and the rules do not act on "
        "it (teach them, then list it in customer_profiles.interpreted)"
    ]


def test_a_new_member_of_a_delivery_fails(installed: dict[str, Any]) -> None:
    found = drifted(
        installed,
        "connectcampaignsv2",
        "EventTriggerContext",
        members={"priority": {"shape": "SourceEvent"}},
    )
    assert [line.split(":")[1].strip() for line in found.unhandled] == [
        "priority is new and the rules do not act on it (teach them, then list it in "
        "customer_profiles.interpreted)"
    ]


def test_a_new_request_member_is_refused_by_name_and_passes(installed: dict[str, Any]) -> None:
    found = drifted(
        installed,
        "customer-profiles",
        "CreateEventTriggerRequest",
        members={"Priority": {"shape": "name"}},
    )
    assert not found.unhandled
    assert (
        "customer-profiles CreateEventTrigger new request members ['Priority']: refused by "
        "name (not in protocol.EMULATED)" in found.handled
    )


def test_a_cloud_control_member_no_method_takes_fails(installed: dict[str, Any]) -> None:
    request = installed["cloudcontrol"]["operations"]["GetResource"]["input"]
    found = drifted(installed, "cloudcontrol", request, members={"Region": {"shape": "TypeName"}})
    assert found.unhandled == [
        "cloudcontrol GetResource: member Region is not a parameter of CloudControl.get_resource"
    ]


def test_no_change_is_no_report(installed: dict[str, Any]) -> None:
    found = api_drift.report(installed, installed)
    assert (found.handled, found.unhandled) == ([], [])
    assert found.text().endswith("no change in the shapes the local services touch")


def test_what_the_rules_know_covers_the_installed_model(installed: dict[str, Any]) -> None:
    """Every interpreted shape the model has: the rules know each of its members or values."""
    present = 0
    for (service, name), known in INTERPRETED.items():
        shape = installed[service]["shapes"].get(name)
        if shape is None:
            continue
        present += 1
        values = set(shape.get("members", {})) | set(shape.get("enum", []))
        assert values <= known, (service, name, values - known)
    assert present >= 11  # the intent filter's shapes came with botocore 1.44.18


def test_a_delivery_writes_the_members_the_rules_list() -> None:
    request = outbound_request("p", "{}", datetime.datetime.now(datetime.UTC), None, {"x": "y"})
    known = INTERPRETED[("connectcampaignsv2", "ProfileOutboundRequest")]
    assert set(request) == known
    context = INTERPRETED[("connectcampaignsv2", "EventTriggerContext")]
    assert set(request["eventTriggerContext"]) == context


def test_the_command_reports_and_exits_by_the_verdict(
    capsys: pytest.CaptureFixture[str], tmp_path: Any, installed: dict[str, Any]
) -> None:
    assert api_drift.main([]) == 0
    assert capsys.readouterr().out.startswith(f"botocore {version('botocore')} against the pinned")
    newer = copy.deepcopy(installed)
    newer["botocore"] = "0.0.0"
    operators = newer["customer-profiles"]["shapes"]["ComparisonOperator"]
    operators["enum"] = operators["enum"][:-1]  # the installed model has one more than this
    digest = tmp_path / "digest.json"
    digest.write_text(json.dumps(newer))
    assert api_drift.main(["--digest", str(digest)]) == 0
    out = capsys.readouterr().out
    assert "ComparisonOperator: changed; the rules know every value" in out
