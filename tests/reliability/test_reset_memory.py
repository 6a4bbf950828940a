"""A reset gives back what CloudFormation use took: sizes measured with tracemalloc.

A stack of 100 event triggers is created, deleted and the server reset, twenty
times over, in this process so tracemalloc sees every allocation of the
server. What is still allocated after the twentieth cycle must be within
2 MiB of what was after the first. Before resets forgot moto's tracked model
instances (every Stack, Event and resource model it ever made), each cycle kept
about 1.1 MiB.

Coverage (``make test`` measures it) is paused while the server runs: it
keeps a tracer for every thread started while it measures, one per request the
server serves, holding the frames that thread last ran, which tracemalloc would
count as the server's (about 8 MiB over the twenty cycles, against 0.1 MiB
without it).
"""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest

from localcloud.moto_adapter.core import reset_backends
from localcloud.samples import attribute, condition
from localcloud.server import ServerControl, running_server
from tests.support import report
from tests.support.moto_models import tracked_instances

pytestmark = pytest.mark.server

TRIGGERS = 100
CYCLES = 20
MIB = 1024 * 1024


def _template(triggers: int) -> str:
    conditions = [condition(attribute("EQUAL", "x", source="_source.Id"))]
    resources: dict[str, Any] = {
        "Domain": {
            "Type": "AWS::CustomerProfiles::Domain",
            "Properties": {"DomainName": "memory", "DefaultExpirationDays": 10},
        },
        "Orders": {
            "Type": "AWS::CustomerProfiles::ObjectType",
            "Properties": {
                "DomainName": {"Ref": "Domain"},
                "ObjectTypeName": "Orders",
                "Description": "Orders",
                "AllowProfileCreation": True,
                "Fields": [
                    {
                        "Name": "Id",
                        "ObjectTypeField": {
                            "Source": "_source.Id",
                            "Target": "_order.Id",
                            "ContentType": "STRING",
                        },
                    }
                ],
                "Keys": [
                    {
                        "Name": "Id",
                        "ObjectTypeKeyList": [
                            {"FieldNames": ["Id"], "StandardIdentifiers": ["UNIQUE", "PROFILE"]}
                        ],
                    }
                ],
            },
        },
    }
    for number in range(triggers):
        resources[f"Trigger{number}"] = {
            "Type": "AWS::CustomerProfiles::EventTrigger",
            "DependsOn": "Orders",
            "Properties": {
                "DomainName": {"Ref": "Domain"},
                "EventTriggerName": f"trigger-{number}",
                "ObjectTypeName": "Orders",
                "EventTriggerConditions": conditions,
            },
        }
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources})


def _cloudformation(url: str) -> Any:
    return boto3.client(
        "cloudformation",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _cycle(url: str) -> Callable[[], None]:
    """Create the stack, delete it, reset the server: one cycle."""
    client = _cloudformation(url)
    body = _template(TRIGGERS)
    fast = {"Delay": 1, "MaxAttempts": 600}

    def cycle() -> None:
        client.create_stack(StackName="memory", TemplateBody=body)
        client.get_waiter("stack_create_complete").wait(StackName="memory", WaiterConfig=fast)
        client.delete_stack(StackName="memory")
        client.get_waiter("stack_delete_complete").wait(StackName="memory", WaiterConfig=fast)
        ServerControl(url).reset()

    return cycle


def _allocated() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


@contextmanager
def _coverage_paused() -> Iterator[None]:
    """No coverage tracer in the threads started inside (see the module's docstring)."""
    try:
        from coverage import Coverage
    except ImportError:  # the tests run without coverage installed too
        yield
        return
    measuring = Coverage.current()
    if measuring is None:
        yield
        return
    measuring.stop()
    try:
        yield
    finally:
        measuring.start()


def test_twenty_stack_cycles_and_resets_keep_within_2_mib_of_the_first() -> None:
    with _coverage_paused(), running_server() as url:
        cycle = _cycle(url)
        cycle()  # caches, models and lazily made backends settle first
        tracemalloc.start()
        try:
            cycle()
            first = _allocated()
            for _ in range(CYCLES - 1):
                cycle()
            grown = _allocated() - first
        finally:
            tracemalloc.stop()
    report.FIGURES.memory.append(
        f"reset memory: {CYCLES} cycles of a {TRIGGERS}-trigger stack created, deleted and "
        f"reset: {grown / MIB:+.2f} MiB after the last against the first (limit 2 MiB)"
    )
    assert grown < 2 * MIB, f"{grown / MIB:.2f} MiB kept over {CYCLES - 1} cycles"


def test_a_reset_leaves_no_model_instance_tracked() -> None:
    """moto's classes and the engine's subclasses keep every instance they make until a
    reset forgets them; the reset route forgets them all."""
    with running_server() as url:
        _cycle_with(url, triggers=3)
        assert tracked_instances() == {}
    reset_backends()


def _cycle_with(url: str, triggers: int) -> None:
    client = _cloudformation(url)
    client.create_stack(StackName="tracked", TemplateBody=_template(triggers))
    client.get_waiter("stack_create_complete").wait(StackName="tracked")
    assert tracked_instances(), "a stack made no tracked model instance"
    ServerControl(url).reset()
