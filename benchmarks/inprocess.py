"""In-process figures: handler overhead, and one page of a list at scale.

- Handler overhead: a handler's whole invocation through the entrypoint,
  in-process against the in-process service, against the same raw boto3 calls,
  interleaved.
- List at scale: the time and peak memory of one page, with a small and a large
  number of triggers in the domain, for the list handler and for the service's
  ListEventTriggers (first page, and a page from the middle).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

from benchmarks.common import CONDITIONS, DOMAIN, KEY, MODEL, OBJECT_TYPE, set_up, spread, timed


def handler_overhead(repeat: int) -> dict[str, Any]:
    import boto3

    from aws_customerprofiles_eventtrigger.handlers import resource
    from localcloud.customer_profiles import mock_customer_profiles
    from localcloud.registry_handler import handler_request

    results: dict[str, Any] = {}
    with mock_customer_profiles():
        client = boto3.client("customer-profiles", region_name="us-east-1")
        set_up(client)
        create = handler_request("CREATE", MODEL)
        assert resource(create, None)["status"] == "SUCCESS"
        update_model = {**MODEL, "Description": "Benchmark trigger, updated"}
        raw_update = {k: v for k, v in update_model.items() if k != "Tags"}
        # Each case: the events the handlers get (made before the clock starts, as
        # CloudFormation's arrive ready), and the same work as raw boto3 calls.
        Events = Callable[[], list[dict[str, Any]]]
        cases: dict[str, tuple[Events, Callable[[], Any]]] = {
            "read": (
                lambda: [handler_request("READ", KEY)],
                lambda: client.get_event_trigger(**KEY),
            ),
            "update (no tag change)": (
                lambda: [handler_request("UPDATE", update_model, previous_properties=MODEL)],
                lambda: client.update_event_trigger(**raw_update),
            ),
            "list (one page)": (
                lambda: [handler_request("LIST", {"DomainName": DOMAIN})],
                lambda: client.list_event_triggers(DomainName=DOMAIN),
            ),
        }
        raw_create = {**{k: v for k, v in MODEL.items() if k != "Tags"}, "EventTriggerName": "pair"}
        pair_model = {**{k: v for k, v in MODEL.items() if k != "Tags"}, "EventTriggerName": "pair"}
        pair_key = {"DomainName": DOMAIN, "EventTriggerName": "pair"}
        cases["create + delete"] = (
            lambda: [handler_request("CREATE", pair_model), handler_request("DELETE", pair_key)],
            lambda: (
                client.create_event_trigger(**raw_create),
                client.delete_event_trigger(**pair_key),
            ),
        )
        for name, (events, raw) in cases.items():
            batches = [events() for _ in range(repeat + 5)]

            def through_handler() -> None:
                for event in batches.pop():
                    assert resource(event, None)["status"] == "SUCCESS"

            for _ in range(5):  # warm both paths
                through_handler()
                raw()
            handler_samples, raw_samples = [], []
            for _ in range(repeat):  # interleaved, so drift hits both alike
                handler_samples += timed(through_handler, 1)
                raw_samples += timed(raw, 1)
            handler_stats, raw_stats = spread(handler_samples), spread(raw_samples)
            results[name] = {
                "handler": handler_stats,
                "raw_boto3": raw_stats,
                "ratio": handler_stats["median"] / raw_stats["median"],
            }
    return results


def populate(count: int) -> None:
    """Fills the domain through the service's own rules, without the API's per-call cost."""
    from moto.core import DEFAULT_ACCOUNT_ID

    from localcloud.customer_profiles.backend import customerprofiles_backends

    service = customerprofiles_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].service
    for index in range(count):
        service.create_event_trigger(DOMAIN, f"trigger-{index:07d}", OBJECT_TYPE, CONDITIONS)


def list_at_scale(sizes: list[int], repeat: int) -> dict[str, Any]:
    import boto3

    from aws_customerprofiles_eventtrigger.handlers import resource
    from localcloud.customer_profiles import mock_customer_profiles
    from localcloud.registry_handler import handler_request

    results: dict[str, Any] = {}
    for size in sizes:
        with mock_customer_profiles():
            client = boto3.client("customer-profiles", region_name="us-east-1")
            set_up(client)
            populate(size)
            # The first page holds 100 triggers at every size; at the largest size a
            # page from the middle (through the opaque token) is measured too.
            token = None
            if size == sizes[-1]:
                half = client.list_event_triggers(DomainName=DOMAIN, MaxResults=100)
                for _ in range(min(size // 200, 500) - 1):
                    half = client.list_event_triggers(
                        DomainName=DOMAIN, MaxResults=100, NextToken=half["NextToken"]
                    )
            paths: dict[str, Callable[[], Any]] = {
                "list handler": lambda: resource(
                    handler_request("LIST", {"DomainName": DOMAIN}), None
                ),
                "service ListEventTriggers": lambda: client.list_event_triggers(DomainName=DOMAIN),
            }
            if size == sizes[-1]:
                token = half["NextToken"]
                paths["list handler, middle page"] = lambda: resource(
                    handler_request("LIST", {"DomainName": DOMAIN}, next_token=token), None
                )
                paths["service ListEventTriggers, middle page"] = lambda: (
                    client.list_event_triggers(DomainName=DOMAIN, NextToken=token)
                )
            for name, page in paths.items():
                for _ in range(3):
                    page()
                samples = timed(page, repeat)
                tracemalloc.start()
                page()
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                results.setdefault(name, {})[str(size)] = {
                    "seconds": spread(samples),
                    "peak_bytes": peak,
                }
    for name in ("list handler", "service ListEventTriggers"):
        per_size = results[name]
        small, large = per_size[str(sizes[0])], per_size[str(sizes[-1])]
        per_size["time_ratio"] = large["seconds"]["median"] / small["seconds"]["median"]
        per_size["memory_ratio"] = large["peak_bytes"] / small["peak_bytes"]
        middle = results.pop(f"{name}, middle page")[str(sizes[-1])]
        per_size["middle_page_at_largest"] = middle
        per_size["middle_time_ratio"] = middle["seconds"]["median"] / small["seconds"]["median"]
    return results
