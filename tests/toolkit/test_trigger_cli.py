"""The event trigger commands: ingest, deliveries, segments, intents, clock and triggers evaluate,
against the plugin's server and (evaluate) from a template with none; bad input in one line."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest

from localcloud import cli
from localcloud.core.regions import service_model
from localcloud.trigger_fixtures import ProfileIntents, SegmentMembership, TriggerDeliveries
from localcloud.triggers_cli import NOT_FIRED

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "examples" / "triggers.yaml"
OBJECTS = ROOT / "examples" / "objects"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def shop(server: str, capsys: pytest.CaptureFixture[str]) -> str:
    status, _, err = run(
        capsys, "deploy", "--template-file", str(TEMPLATE), "--endpoint-url", server
    )
    assert status == 0, err
    return server


def test_ingest_prints_what_fired_and_deliveries_filters(
    shop: str, capsys: pytest.CaptureFixture[str]
) -> None:
    big, small = str(OBJECTS / "big-order.json"), str(OBJECTS / "small-order.json")
    status, out, _ = run(
        capsys,
        "--endpoint-url",
        shop,
        "ingest",
        "--domain",
        "shop",
        "--object-type",
        "Orders",
        big,
        small,
    )
    assert status == 0
    first, second = json.loads(out)
    assert first["Fired"] == ["big-order"] and second["Fired"] == []
    assert first["ProfileId"] == second["ProfileId"]
    status, out, _ = run(capsys, "--endpoint-url", shop, "deliveries", "--trigger", "big-order")
    (delivery,) = json.loads(out)
    assert delivery["ProfileOutboundRequest"]["profileId"] == first["ProfileId"]
    assert delivery["CampaignId"] == "big-order-calls"
    run(capsys, "--endpoint-url", shop, "deliveries", "--clear")
    assert json.loads(run(capsys, "--endpoint-url", shop, "deliveries")[1]) == []


def test_evaluate_on_the_server_explains_and_exits_by_the_verdict(
    shop: str, capsys: pytest.CaptureFixture[str]
) -> None:
    big = str(OBJECTS / "big-order.json")
    evaluate = ["--endpoint-url", shop, "triggers", "evaluate", "--object", big]
    status, out, _ = run(capsys, *evaluate, "--trigger", "shop|big-order")
    assert status == 0 and out.rstrip().endswith("FIRED")
    assert 'field TotalPrice (_source.TotalPrice) = 720.5 GREATER_THAN ["500"]: true' in out
    assert json.loads(run(capsys, "--endpoint-url", shop, "deliveries")[1]) == []  # stored nothing
    status, out, _ = run(capsys, *evaluate, "--trigger", "shop|vip-order")
    assert status == NOT_FIRED and "NOT FIRED: held back by segment" in out
    run(capsys, "--endpoint-url", shop, "clock", "--latency-ms", "60001")
    status, out, _ = run(capsys, *evaluate, "--trigger", "shop|big-order", "--json")
    assert status == NOT_FIRED
    assert json.loads(out)["reason"].startswith("held back by expiration")


def test_evaluate_and_ingest_agree_on_a_trigger_no_integration_names(
    shop: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a trigger an integration names fires: evaluate says NOT FIRED and why, ingest
    fires nothing, and both warn."""
    client = boto3.client("customer-profiles", endpoint_url=shop, region_name="us-east-1")
    big_order = client.get_event_trigger(DomainName="shop", EventTriggerName="big-order")
    client.create_event_trigger(
        DomainName="shop",
        EventTriggerName="lonely",
        ObjectTypeName="Orders",
        EventTriggerConditions=big_order["EventTriggerConditions"],
    )
    big = str(OBJECTS / "big-order.json")
    evaluate = ["--endpoint-url", shop, "triggers", "evaluate", "--object", big]
    status, out, err = run(capsys, *evaluate, "--trigger", "shop|lonely")
    assert status == NOT_FIRED
    assert "conditions (any of them): matched" in out
    assert out.rstrip().endswith(
        "NOT FIRED: held back by integration: no integration names it in EventTriggerNames, "
        "so ingesting fires nothing"
    )
    assert "warning: trigger shop|lonely is named by no integration's EventTriggerNames" in err
    status, out, _ = run(capsys, *evaluate, "--trigger", "shop|big-order", "--json")
    assert status == 0 and json.loads(out)["active"] is True
    ingest = ["--endpoint-url", shop, "ingest", "--domain", "shop", "--object-type", "Orders"]
    status, out, err = run(capsys, *ingest, big)
    assert status == 0 and json.loads(out)[0]["Fired"] == ["big-order"]
    assert err.count("warning:") == 1 and "trigger shop|lonely is named by no" in err


def test_segments_set_and_list(shop: str, capsys: pytest.CaptureFixture[str]) -> None:
    small = str(OBJECTS / "small-order.json")
    ingest = ["--endpoint-url", shop, "ingest", "--domain", "shop", "--object-type", "Orders"]
    profile = json.loads(run(capsys, *ingest, small)[1])[0]["ProfileId"]
    status, out, _ = run(capsys, "--endpoint-url", shop, "segments", "set", "shop", "vip", profile)
    assert status == 0 and json.loads(out) == {"vip": [profile]}
    assert json.loads(run(capsys, *ingest, small)[1])[0]["Fired"] == ["vip-order"]
    assert json.loads(run(capsys, "--endpoint-url", shop, "segments", "list", "shop")[1]) == {
        "vip": [profile]
    }


def test_clock_freezes_moves_and_goes_back(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--endpoint-url", server, "clock"]
    frozen = json.loads(run(capsys, *base, "--now", "2026-11-01T09:00:00+00:00")[1])
    assert frozen["frozen"] and frozen["now"] == "2026-11-01T09:00:00+00:00"
    moved = json.loads(run(capsys, *base, "--advance-ms", "1500")[1])
    assert moved["now"] == "2026-11-01T09:00:01.500000+00:00"
    assert not json.loads(run(capsys, *base, "--real")[1])["frozen"]


def test_evaluate_from_a_template_needs_no_server(capsys: pytest.CaptureFixture[str]) -> None:
    small = str(OBJECTS / "small-order.json")
    evaluate = ["triggers", "evaluate", "--template-file", str(TEMPLATE), "--object", small]
    assert run(capsys, *evaluate, "--trigger", "big-order")[0] == NOT_FIRED
    status, out, _ = run(
        capsys,
        *evaluate,
        "--trigger",
        "big-order",
        "--parameter-overrides",
        "BigOrderThreshold=100",
    )
    assert status == 0 and 'GREATER_THAN ["100"]: true' in out
    status, out, _ = run(
        capsys, *evaluate, "--trigger", "vip-order", "--profile-id", "p", "--in-segment"
    )
    assert status == 0 and "profile p is in segment vip" in out


# triggers evaluate of refund.json with the example template.
FROM_TEMPLATE = [
    "triggers",
    "evaluate",
    "--object",
    str(OBJECTS / "refund.json"),
    "--template-file",
    str(TEMPLATE),
]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["triggers", "evaluate", "--object", "/nonexistent.json", "--trigger", "a|b"],
            "cannot read",
        ),
        (["triggers", "evaluate", "--object", str(TEMPLATE), "--trigger", "a|b"], "is not JSON"),
        (
            ["triggers", "evaluate", "--object", str(OBJECTS / "refund.json"), "--trigger", "ab"],
            "'DOMAIN|NAME'",
        ),
        (FROM_TEMPLATE, "several triggers"),
        ([*FROM_TEMPLATE, "--trigger", "nope"], "no trigger nope"),
        (
            [*FROM_TEMPLATE, "--trigger", "big-order", "--parameter-overrides", "Nope=1"],
            "no parameter Nope",
        ),
    ],
)
def test_bad_input_is_one_line_with_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    status, _, err = run(capsys, *argv)
    assert status == 2 and words in err and len(err.strip().splitlines()) == 1, err


def test_a_missing_domain_or_trigger_is_one_line_with_status_1(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    refund = str(OBJECTS / "refund.json")
    status, _, err = run(
        capsys,
        "--endpoint-url",
        server,
        "triggers",
        "evaluate",
        "--object",
        refund,
        "--trigger",
        "absent|t",
    )
    assert status == 1 and "Domain 'absent' does not exist" in err
    status, _, err = run(
        capsys,
        "--endpoint-url",
        server,
        "ingest",
        "--domain",
        "absent",
        "--object-type",
        "O",
        refund,
    )
    assert status == 1 and "ResourceNotFoundException" in err and len(err.splitlines()) == 1


def test_the_fixtures_read_the_plugins_server_too(
    shop: str, trigger_deliveries: TriggerDeliveries, segment_membership: SegmentMembership
) -> None:
    client = boto3.client("customer-profiles", endpoint_url=shop, region_name="us-east-1")
    body = (OBJECTS / "small-order.json").read_text()
    client.put_profile_object(DomainName="shop", ObjectTypeName="Orders", Object=body)
    profile = client.search_profiles(DomainName="shop", KeyName="Email", Values=["ann@example.com"])
    segment_membership.set("shop", "vip", [profile["Items"][0]["ProfileId"]])
    client.put_profile_object(DomainName="shop", ObjectTypeName="Orders", Object=body)
    assert trigger_deliveries.fired("shop") == ["vip-order"]
    trigger_deliveries.clear("shop")
    assert trigger_deliveries.all("shop") == []


CAPPED = """
Resources:
  Slow:
    Type: AWS::CustomerProfiles::EventTrigger
    Properties:
      DomainName: shop
      EventTriggerName: slow
      ObjectTypeName: Orders
      EventTriggerConditions:
        - LogicalOperator: ANY
          EventTriggerDimensions:
            - ObjectAttributes:
                - {Source: _source.TotalPrice, ComparisonOperator: GREATER_THAN, Values: ["0"]}
      EventTriggerLimits: {EventExpiration: 3600000}
  Campaign:
    Type: AWS::CustomerProfiles::Integration
    Properties:
      DomainName: shop
      Uri: !Sub
        "arn:${AWS::Partition}:connect-campaigns:${AWS::Region}:${AWS::AccountId}:campaign/c"
      ObjectTypeName: Orders
      EventTriggerNames: [slow]
"""


def test_a_campaign_in_the_template_caps_the_expiration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "capped.yaml"
    template.write_text(CAPPED)
    evaluate = ["triggers", "evaluate", "--template-file", str(template)]
    evaluate += ["--object", str(OBJECTS / "big-order.json")]
    assert run(capsys, *evaluate, "--latency-ms", "900000")[0] == 0
    status, out, _ = run(capsys, *evaluate, "--latency-ms", "900001")
    assert status == NOT_FIRED and "EventExpiration 900000 ms" in out
    template.write_text(CAPPED.replace("connect-campaigns", "events"))
    assert run(capsys, *evaluate, "--latency-ms", "900001")[0] == 0


def test_intents_set_and_list(
    shop: str, capsys: pytest.CaptureFixture[str], profile_intents: ProfileIntents
) -> None:
    small = str(OBJECTS / "small-order.json")
    ingest = ["--endpoint-url", shop, "ingest", "--domain", "shop", "--object-type", "Orders"]
    profile = json.loads(run(capsys, *ingest, small)[1])[0]["ProfileId"]
    intents = ["--endpoint-url", shop, "intents"]
    status, _, err = run(capsys, *intents, "set", "shop", profile, "PRICE_SENSITIVITY")
    assert status == 2 and "TYPE=VALUE" in err and len(err.strip().splitlines()) == 1
    status, out, err = run(capsys, *intents, "set", "shop", profile, "PRICE_SENSITIVITY=HIGH")
    if "IntentType" not in service_model("customer-profiles").shape_names:
        assert status == 1 and "botocore 1.44.18" in err and len(err.strip().splitlines()) == 1
        return
    assert status == 0 and json.loads(out) == {profile: {"PRICE_SENSITIVITY": "HIGH"}}
    assert json.loads(run(capsys, *intents, "list", "shop")[1]) == {
        profile: {"PRICE_SENSITIVITY": "HIGH"}
    }
    assert profile_intents.all("shop") == {profile: {"PRICE_SENSITIVITY": "HIGH"}}
    profile_intents.set("shop", profile, {})
    assert json.loads(run(capsys, *intents, "list", "shop")[1]) == {}
