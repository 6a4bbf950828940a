"""The example's Lambda function: a summary of each Customer Profiles API call made on the
event trigger the stack deploys, logged and returned.

EventBridge calls it with the API calls CloudTrail records for Customer Profiles
(``source: aws.profile``, ``detail-type: AWS API Call via CloudTrail``); the rule in
template.yaml passes on CreateEventTrigger, UpdateEventTrigger and DeleteEventTrigger.
The stack sets ``DOMAIN_NAME`` and ``EVENT_TRIGGER_NAME``: a call on any other trigger
is reported as not watched.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def summarize(event: dict[str, Any], domain: str, trigger: str) -> dict[str, Any]:
    """What the CloudTrail record in ``event`` says was done, to which trigger, by whom."""
    detail = event.get("detail") or {}
    parameters = detail.get("requestParameters") or {}
    called_domain = parameters.get("DomainName")
    called_trigger = parameters.get("EventTriggerName")
    return {
        "action": detail.get("eventName"),
        "domain": called_domain,
        "trigger": called_trigger,
        "watched": (called_domain, called_trigger) == (domain, trigger),
        "succeeded": "errorCode" not in detail,
        "error": detail.get("errorCode"),
        "caller": (detail.get("userIdentity") or {}).get("arn"),
        "time": detail.get("eventTime") or event.get("time"),
        "region": event.get("region"),
    }


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    summary = summarize(event, os.environ["DOMAIN_NAME"], os.environ["EVENT_TRIGGER_NAME"])
    logger.info("event trigger API call: %s", json.dumps(summary, sort_keys=True))
    return summary
