"""Every example template deployed, updated and deleted with the AWS CLI against the server,
and the guide's commands run as written.

As the guide shows it: ``aws cloudformation deploy --endpoint-url ...`` with
fake credentials, then ``delete-stack`` and its waiter. Each step checks the
trigger and its tags in the local Customer Profiles service.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.stacks import EXAMPLES, Stacks, aws_cli, cli_env

pytestmark = pytest.mark.server

# example -> (domain, trigger, create parameters, update parameters, what the update changes)
CASES: dict[str, tuple[str, str, list[str], list[str], dict[str, Any]]] = {
    "minimal.yaml": (
        "shop",
        "large-order",
        ["DomainName=shop"],
        ["ObjectTypeName=Returns"],  # DomainName keeps its value
        {"ObjectTypeName": "Returns", "Tags": {"env": "dev"}},
    ),
    "full.yaml": (
        "shop",
        "vip-paid-order",
        ["DomainName=shop"],
        ["ObjectTypeName=Returns"],
        {"ObjectTypeName": "Returns", "Tags": {"env": "dev", "team": "crm", "cost-center": "4711"}},
    ),
    "with-domain-and-integration.yaml": (
        "retail-profiles",
        "large-order",
        [],
        ["EventTriggerName=larger-order"],  # create-only: the trigger is replaced
        {"EventTriggerName": "larger-order", "Tags": {"env": "dev", "team": "crm"}},
    ),
}


@pytest.fixture
def stacks(target_server_url: str) -> Stacks:
    return Stacks("server", target_server_url)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_aws_cli_deploys_updates_and_deletes_an_example(
    stacks: Stacks, name: str, tmp_path: Path
) -> None:
    domain, trigger, create_params, update_params, updated = CASES[name]
    if domain == "shop":  # made outside the stack, as the guide does
        stacks.domain_with_orders(domain)
        stacks.cp.put_profile_object_type(
            DomainName=domain, ObjectTypeName="Returns", Description="Returns"
        )
    aws = aws_cli(tmp_path)
    stack = Path(name).stem
    deploy = [
        "cloudformation",
        "deploy",
        "--endpoint-url",
        str(stacks.endpoint_url),
        "--stack-name",
        stack,
        "--template-file",
        str(EXAMPLES / name),
        "--tags",
        "env=dev",
    ]
    overrides = ["--parameter-overrides"]

    made = aws(*deploy, *(overrides + create_params if create_params else []))
    assert made.returncode == 0, made.stderr
    assert f"Successfully created/updated stack - {stack}" in made.stdout
    assert stacks.stack(stack)["StackStatus"] == "CREATE_COMPLETE"
    held = stacks.trigger(domain, trigger)
    assert held is not None and held["Tags"]["env"] == "dev"

    changed = aws(*deploy, *overrides, *update_params)
    assert changed.returncode == 0, changed.stderr
    assert stacks.stack(stack)["StackStatus"] == "UPDATE_COMPLETE"
    now = stacks.trigger(domain, updated.get("EventTriggerName", trigger))
    assert now is not None
    assert now["ObjectTypeName"] == updated.get("ObjectTypeName", "Orders")
    assert now["Tags"] == updated["Tags"]
    if "EventTriggerName" in updated:
        assert stacks.triggers(domain) == [updated["EventTriggerName"]]

    again = aws(*deploy, "--no-fail-on-empty-changeset")
    assert again.returncode == 0, again.stderr
    assert f"No changes to deploy. Stack {stack} is up to date" in again.stdout

    endpoint = ["--endpoint-url", str(stacks.endpoint_url), "--stack-name", stack]
    gone = aws("cloudformation", "delete-stack", *endpoint)
    assert gone.returncode == 0, gone.stderr
    waited = aws("cloudformation", "wait", "stack-delete-complete", *endpoint)
    assert waited.returncode == 0, waited.stderr
    assert stacks.triggers(domain) == []


GUIDE = EXAMPLES.parent / "guides" / "templates.md"


def guide_commands() -> str:
    """The shell blocks of the guide's "Deploying offline", in order."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("## Deploying offline") : text.index("## What the offline engine")]
    return "\n".join(re.findall(r"```sh\n(.*?)```", section, re.DOTALL))


def test_the_guides_commands_run_as_written(target_server_url: str, tmp_path: Path) -> None:
    commands = guide_commands()
    assert "aws cloudformation deploy" in commands and "make deploy" in commands
    # The test's own server stands in for `make serve`, on the test's port.
    script = "\n".join(
        line for line in commands.splitlines() if not line.startswith("make serve")
    ).replace("http://127.0.0.1:4566", target_server_url)
    # As the guide's reader runs them: with .venv activated (its commands on PATH).
    env = cli_env(tmp_path)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    ran = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=EXAMPLES.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-2000:]
    assert "Successfully created/updated stack - retail" in ran.stdout
    assert "No changes to deploy. Stack full is up to date" in ran.stdout
    assert "Stack minimal: CREATE_COMPLETE" in ran.stdout  # make deploy, against the server
