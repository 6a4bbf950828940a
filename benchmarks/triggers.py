"""Event triggers at run time, in-process: what firing costs.

- PutProfileObject of an Orders object with 0, 10 and 50 active triggers on its
  type (each named by its own integration; every one matches, so every one
  fires and is delivered), as ratios to 0. The rounds are interleaved: each
  round puts one object in each domain, so drift hits all counts alike. Each
  object is a new customer's, so no trigger's Periods ever hold one back.
- The evaluator alone (``evaluation.evaluate``) on one trigger with 1, 10, 100
  and 500 ObjectAttributes (500 is the model's most: 5 conditions x 10
  dimensions x 10 attributes), as ratios to 1: how the cost grows.

Both are CPU time of this thread (``time.thread_time``), where everything runs:
on a loaded machine wall time also counts the other processes' turns, which
make longer samples look slower than they are. PutProfileObject's wall time is
kept beside it.
"""

from __future__ import annotations

import datetime
import json
import time
from typing import Any

from benchmarks.common import spread

TRIGGER_COUNTS = [0, 10, 50]
ATTRIBUTE_COUNTS = [1, 10, 100, 500]
FIELDS = {
    "OrderId": {"Source": "_source.OrderId", "Target": "_order.OrderId"},
    "TotalPrice": {"Source": "_source.TotalPrice", "Target": "_order.TotalPrice"},
    "Email": {"Source": "_source.Email", "Target": "_profile.EmailAddress"},
}
KEYS = {
    "OrderId": [{"FieldNames": ["OrderId"], "StandardIdentifiers": ["UNIQUE"]}],
    "Email": [{"FieldNames": ["Email"], "StandardIdentifiers": ["PROFILE"]}],
}


def _attribute(index: int) -> dict[str, Any]:
    return {
        "FieldName": "TotalPrice",
        "ComparisonOperator": "GREATER_THAN",
        "Values": [str(index % 7)],
    }


def _conditions(attributes: int) -> list[dict[str, Any]]:
    """``attributes`` ObjectAttributes, packed 10 to a dimension and 10 dimensions to a condition."""
    items = [_attribute(index) for index in range(attributes)]
    dimensions = [{"ObjectAttributes": items[at : at + 10]} for at in range(0, len(items), 10)]
    return [
        {"EventTriggerDimensions": dimensions[at : at + 10], "LogicalOperator": "ALL"}
        for at in range(0, len(dimensions), 10)
    ]


def _domain(client: Any, name: str, triggers: int) -> None:
    client.create_domain(DomainName=name, DefaultExpirationDays=366)
    client.put_profile_object_type(
        DomainName=name,
        ObjectTypeName="Orders",
        Description="Benchmark orders",
        AllowProfileCreation=True,
        Fields=FIELDS,
        Keys=KEYS,
    )
    for number in range(triggers):
        trigger = f"t-{number}"
        client.create_event_trigger(
            DomainName=name,
            EventTriggerName=trigger,
            ObjectTypeName="Orders",
            EventTriggerConditions=_conditions(1),
        )
        client.put_integration(
            DomainName=name,
            Uri=f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{trigger}",
            ObjectTypeName="Orders",
            EventTriggerNames=[trigger],
        )


def put_object(rounds: int) -> dict[str, Any]:
    import boto3

    from localcloud.customer_profiles import mock_customer_profiles
    from localcloud.customer_profiles.backend import services

    samples: dict[int, list[float]] = {count: [] for count in TRIGGER_COUNTS}
    walls: dict[int, list[float]] = {count: [] for count in TRIGGER_COUNTS}
    with mock_customer_profiles():
        client = boto3.client("customer-profiles", region_name="us-east-1")
        for count in TRIGGER_COUNTS:
            _domain(client, f"bench-{count}", count)
        for number in range(rounds + 2):  # two warm-up rounds, not kept
            for count in TRIGGER_COUNTS:
                body = json.dumps(
                    {"OrderId": f"o-{number}", "TotalPrice": 900, "Email": f"c{number}@example.com"}
                )
                start, wall = time.thread_time(), time.perf_counter()
                client.put_profile_object(
                    DomainName=f"bench-{count}", ObjectTypeName="Orders", Object=body
                )
                if number >= 2:
                    samples[count].append(time.thread_time() - start)
                    walls[count].append(time.perf_counter() - wall)
        delivered = {
            count: len(services()[0].deliveries(f"bench-{count}")) for count in TRIGGER_COUNTS
        }
    for count in TRIGGER_COUNTS:  # the figures are only worth anything if every trigger fired
        assert delivered[count] == count * (rounds + 2), (count, delivered[count])
    base = spread(samples[0])["median"]
    return {
        str(count): {
            "seconds": spread(samples[count]),
            "ratio_to_0": spread(samples[count])["median"] / base,
            "wall_seconds": spread(walls[count]),
            "deliveries": delivered[count],
        }
        for count in TRIGGER_COUNTS
    }


def evaluation(repeat: int, loops: int = 20) -> dict[str, Any]:
    """Each sample is ``loops`` evaluations, divided by ``loops``."""
    from localcloud.customer_profiles.evaluation import evaluate

    now = datetime.datetime.now(datetime.UTC)
    obj = {"OrderId": "o-1", "TotalPrice": 900, "Email": "ann@example.com"}
    samples: dict[int, list[float]] = {count: [] for count in ATTRIBUTE_COUNTS}
    triggers = {
        count: {
            "EventTriggerName": "t",
            "ObjectTypeName": "Orders",
            "EventTriggerConditions": _conditions(count),
        }
        for count in ATTRIBUTE_COUNTS
    }
    for _ in range(repeat):
        for count in ATTRIBUTE_COUNTS:
            start = time.thread_time()
            for _ in range(loops):
                trace = evaluate(
                    triggers[count], obj, FIELDS, profile_id="p", received=now, processed=now
                )
            samples[count].append((time.thread_time() - start) / loops)
            assert trace.fired
    base = spread(samples[1])["median"]
    return {
        str(count): {
            "seconds": spread(samples[count]),
            "ratio_to_1": spread(samples[count])["median"] / base,
            "per_attribute_seconds": spread(samples[count])["median"] / count,
        }
        for count in ATTRIBUTE_COUNTS
    }
