"""Distinctive secret values, and the scan of everything a run wrote for them.

The API marks Description and EventTriggerConditions sensitive, and the
caller's credentials are secret: each value is distinctive, so a leak
anywhere is found by substring.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

import pytest

SECRET_CREDENTIALS = {
    "accessKeyId": "AKIARELIABILITYSCAN7",
    "secretAccessKey": "reliability/Secret+Access/Key0scan0do0not0log",
    "sessionToken": "reliability-session-token-never-logged-3f9a",
}
SECRET_DESCRIPTION = "secret-description-7c1e: customers about to churn"
SECRET_SOURCE = "_order.SecretSource5d2b"
SECRET_FIELD = "SecretField5d2b"
SECRET_VALUES = ("secret-value-81aa", "secret-value-92bb")
SECRETS: dict[str, str] = {
    "accessKeyId": SECRET_CREDENTIALS["accessKeyId"],
    "secretAccessKey": SECRET_CREDENTIALS["secretAccessKey"],
    "sessionToken": SECRET_CREDENTIALS["sessionToken"],
    "Description": SECRET_DESCRIPTION,
    "Conditions.Source": SECRET_SOURCE,
    "Conditions.FieldName": SECRET_FIELD,
    **{f"Conditions.Values[{i}]": value for i, value in enumerate(SECRET_VALUES)},
}

# Loggers of the emulators and servers stand in for AWS, not for the provider.
EMULATOR_LOGGERS = ("moto", "localcloud", "werkzeug", "responses")
# botocore's and urllib3's wire logs at DEBUG: scanned, and reported apart.
WIRE_LOGGERS = ("botocore", "urllib3")


def _origin(logger_name: str) -> str:
    root = logger_name.split(".", 1)[0]
    if root in EMULATOR_LOGGERS:
        return "emulator"
    if root in WIRE_LOGGERS:
        return "wire"
    return "provider"


@dataclass
class Found:
    secret: str
    where: str  # "<origin>:<logger>", stdout, stderr or message

    @property
    def origin(self) -> str:
        return self.where.split(":", 1)[0]


def secrets_in(text: str, where: str) -> list[Found]:
    return [Found(name, where) for name, value in SECRETS.items() if value in text]


@dataclass
class Capture:
    """Everything a run wrote: log records at DEBUG from every logger, stdout, stderr."""

    caplog: pytest.LogCaptureFixture
    capsys: pytest.CaptureFixture[str]
    formatter: logging.Formatter = field(default_factory=logging.Formatter)

    def start(self) -> None:
        self.caplog.set_level(logging.DEBUG)  # the root level, as Lambda's log level control sets
        self.caplog.clear()
        self.capsys.readouterr()

    def scan(self, *messages: Any) -> tuple[list[Found], int]:
        """Secrets found outside the emulators, and how many outputs were searched."""
        found: list[Found] = []
        searched = 0
        for record in self.caplog.records:
            origin = _origin(record.name)
            if origin == "emulator":
                continue
            found += secrets_in(self.formatter.format(record), f"{origin}:{record.name}")
            searched += 1
        out, err = self.capsys.readouterr()
        for where, text in (("stdout", out), ("stderr", err)):
            found += secrets_in(text, where)
            searched += 1
        for message in messages:
            found += secrets_in(json.dumps(message, default=str), "message")
            searched += 1
        return found, searched
