"""Facts every test shares: the schema, where the tests run, and the fake credentials."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from botocore.config import Config

from aws_customerprofiles_eventtrigger.clients import ENDPOINT_VARIABLE
from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.core.offline import ACCOUNT_ID, FAKE_CREDENTIALS

ROOT = Path(__file__).resolve().parents[2]
SCHEMA: dict[str, Any] = json.loads((ROOT / "aws-customerprofiles-eventtrigger.json").read_text())
REGION = "us-east-1"
ACCOUNT = ACCOUNT_ID  # moto's default account too
FAKE_ACCESS_KEY = FAKE_CREDENTIALS["accessKeyId"]
# The calls that change a trigger: none may follow a request refused as invalid.
WRITE_OPERATIONS = frozenset(
    {
        "CreateEventTrigger",
        "UpdateEventTrigger",
        "DeleteEventTrigger",
        "TagResource",
        "UntagResource",
    }
)
# Access key and secret for boto3 sessions the tests make themselves (moto accepts any).
TEST_KEYS = ("testing", "testing")
# One attempt per call, so a fault or a race's loser shows instead of being retried
# away; no client-side checks, so malformed input reaches the service as sent.
NO_RETRIES = Config(
    retries={"mode": "standard", "total_max_attempts": 1},
    read_timeout=30,
    parameter_validation=False,
)

__all__ = [
    "ACCOUNT",
    "ENDPOINT_VARIABLE",
    "FAKE_ACCESS_KEY",
    "FAKE_CREDENTIALS",
    "NO_RETRIES",
    "REGION",
    "ROOT",
    "SCHEMA",
    "TEST_KEYS",
    "TYPE_NAME",
    "WRITE_OPERATIONS",
]
