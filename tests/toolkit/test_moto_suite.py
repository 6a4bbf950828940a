"""The moto tests `make moto-cloudformation-tests` deselects are the ones guides/fidelity.md
lists, each with the AWS documentation that says why (tools/moto_suite/deselected.toml)."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from tests.support.constants import ROOT

DESELECTED = ROOT / "tools" / "moto_suite" / "deselected.toml"


def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = tomllib.loads(DESELECTED.read_text())["test"]
    return entries


def test_every_entry_names_a_test_a_reason_and_the_aws_documentation() -> None:
    ids = [entry["id"] for entry in _entries()]
    assert len(ids) == len(set(ids)), "a test is listed twice"
    for entry in _entries():
        assert entry["id"].startswith("tests/") and "::test_" in entry["id"], entry
        assert entry["reason"] and entry["quote"], entry
        assert entry["source"].startswith("https://docs.aws.amazon.com/") or entry[
            "source"
        ].startswith("https://repost.aws/"), entry


@pytest.mark.parametrize("entry", _entries(), ids=lambda entry: str(entry["id"]))
def test_the_fidelity_guide_lists_the_entry_with_its_source(entry: dict[str, Any]) -> None:
    guide = (ROOT / "guides" / "fidelity.md").read_text()
    section = guide.split("## moto's own CloudFormation tests", 1)[1].split("\n## ", 1)[0]
    assert f"`{entry['id']}`" in section, f"guides/fidelity.md does not list {entry['id']}"
    assert entry["source"] in section and entry["quote"] in section, entry["id"]
