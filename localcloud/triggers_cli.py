"""The event trigger commands of ``customerprofiles-localcloud`` (``cli`` registers them).

    customerprofiles-localcloud ingest --domain D --object-type T FILE [FILE ...]
    customerprofiles-localcloud deliveries [--domain D] [--trigger T] [--clear]
    customerprofiles-localcloud segments set DOMAIN SEGMENT [PROFILE_ID ...]
    customerprofiles-localcloud segments list DOMAIN
    customerprofiles-localcloud intents set DOMAIN PROFILE_ID [TYPE=VALUE ...]
    customerprofiles-localcloud intents list DOMAIN
    customerprofiles-localcloud clock [--now ISO] [--advance-ms N] [--latency-ms N] [--real]
    customerprofiles-localcloud triggers evaluate --trigger 'DOMAIN|NAME' --object FILE
    customerprofiles-localcloud triggers evaluate --template-file T [--trigger NAME] --object FILE

All but ``triggers evaluate --template-file`` call the running server's
``/_localcloud/`` routes (``localcloud.server.trigger_routes``); that one
deploys the template in this process (``localcloud.trigger_template``). ``triggers
evaluate`` prints the evaluation trace and exits 0 when the trigger fires, 3
when it does not (1 and 2 keep their meaning: failure, bad usage). A trigger no
integration names in its ``EventTriggerNames`` never fires: ``triggers
evaluate`` says NOT FIRED for that reason, and both it and ``ingest`` warn on
stderr about each such trigger of the object type.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from localcloud.cli_support import (
    PROG,
    Failure,
    UsageError,
    default_endpoint,
    default_region,
    key_value_pairs,
    print_json,
    server_control,
)

NOT_FIRED = 3
SERVER_COMMANDS = ("ingest", "deliveries", "segments", "intents", "clock", "triggers")


def add_parsers(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """The commands, on ``cli``'s subparsers."""
    ingest = commands.add_parser(
        "ingest", help="PutProfileObject each JSON file; print its profile and what fired"
    )
    ingest.add_argument("--domain", required=True)
    ingest.add_argument("--object-type", required=True, help="the ObjectTypeName")
    ingest.add_argument("objects", nargs="+", type=Path, metavar="FILE", help="one object each")

    deliveries = commands.add_parser(
        "deliveries", help="the triggers that fired: their outbound campaign requests"
    )
    deliveries.add_argument("--domain", help="only this domain's")
    deliveries.add_argument("--trigger", help="only this trigger's (EventTriggerName)")
    deliveries.add_argument("--clear", action="store_true", help="print them, then forget them")

    segments = commands.add_parser("segments", help="set who is in a segment (SegmentFilter)")
    actions = segments.add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=parser_class
    )
    put = actions.add_parser("set", help="the profiles in a segment, replacing its members")
    put.add_argument("domain")
    put.add_argument("segment", help="the segment definition's name, as SegmentFilter names it")
    put.add_argument("profile_ids", nargs="*", metavar="PROFILE_ID")
    listed = actions.add_parser("list", help="every segment's members")
    listed.add_argument("domain")

    _add_intents_parser(commands, parser_class)

    clock = commands.add_parser("clock", help="show, freeze, move or delay the service's clock")
    clock.add_argument("--now", help="freeze it at this ISO 8601 time")
    clock.add_argument("--advance-ms", type=float, help="move it on by this many milliseconds")
    clock.add_argument(
        "--latency-ms", type=float, help="process ingested objects this long after receipt"
    )
    clock.add_argument("--real", action="store_true", help="back to real time, no latency")

    triggers = commands.add_parser("triggers", help="explain whether an object fires a trigger")
    verbs = triggers.add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=parser_class
    )
    evaluate = verbs.add_parser(
        "evaluate",
        help="the trace: per attribute the value found, operator and result; then the limits",
    )
    evaluate.add_argument("--object", required=True, type=Path, help="the object, a JSON file")
    evaluate.add_argument(
        "--trigger", help="'DOMAIN|NAME' on the server, or with --template-file its name"
    )
    evaluate.add_argument("--template-file", type=Path, help="read the trigger from a template")
    evaluate.add_argument(
        "--parameter-overrides", nargs="*", default=[], metavar="KEY=VALUE", help="with a template"
    )
    evaluate.add_argument("--profile-id", help="the profile the object is for")
    evaluate.add_argument(
        "--in-segment", action="store_true", help="with a template: the profile is in the segment"
    )
    evaluate.add_argument("--latency-ms", type=float, default=0.0, help="with a template")
    evaluate.add_argument("--json", action="store_true", help="the trace as JSON")


def _add_intents_parser(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    intents = commands.add_parser(
        "intents", help="set a profile's intents (Predictive Intent, for IntentFilterDefinition)"
    )
    actions = intents.add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=parser_class
    )
    put = actions.add_parser("set", help="the profile's intents, replacing what it had")
    put.add_argument("domain")
    put.add_argument("profile_id", metavar="PROFILE_ID")
    put.add_argument(
        "intents",
        nargs="*",
        metavar="TYPE=VALUE",
        help="e.g. PRICE_SENSITIVITY=HIGH 'LAST_SEARCH_INTENT=running shoes'; none clears them",
    )
    listed = actions.add_parser("list", help="every profile's intents")
    listed.add_argument("domain")


def _deliveries(args: argparse.Namespace) -> int:
    control = server_control(args.endpoint_url)
    print_json(control.deliveries(args.domain, args.trigger))
    if args.clear:
        control.clear_deliveries(args.domain, args.trigger)
    return 0


def _segments(args: argparse.Namespace) -> int:
    control = server_control(args.endpoint_url)
    if args.action == "set":
        print_json(
            control.set_segment(args.domain, args.segment, list(args.profile_ids), args.region)
        )
    else:
        print_json(control.segments(args.domain))
    return 0


def _intents(args: argparse.Namespace) -> int:
    control = server_control(args.endpoint_url)
    if args.action == "list":
        print_json(control.intents(args.domain))
        return 0
    intents = {}
    for pair in args.intents:
        kind, sep, value = pair.partition("=")
        if not sep or not kind or not value:
            raise UsageError(f"intents are TYPE=VALUE, not {pair!r}")
        intents[kind] = value
    print_json(control.set_intents(args.domain, args.profile_id, intents, args.region))
    return 0


def _clock(args: argparse.Namespace) -> int:
    control = server_control(args.endpoint_url)
    if args.real:
        control.reset_clock()
    changes: dict[str, Any] = {}
    if args.now is not None:
        changes["now"] = args.now
    if args.advance_ms is not None:
        changes["advanceMs"] = args.advance_ms
    if args.latency_ms is not None:
        changes["latencyMs"] = args.latency_ms
    print_json(control.clock(**changes))
    return 0


def _client(args: argparse.Namespace) -> Any:
    import boto3
    from botocore.config import Config

    from localcloud.core.offline import FAKE_CREDENTIALS

    return boto3.session.Session().client(
        "customer-profiles",
        endpoint_url=args.endpoint_url or default_endpoint(),
        region_name=args.region or default_region(),
        aws_access_key_id=FAKE_CREDENTIALS["accessKeyId"],
        aws_secret_access_key=FAKE_CREDENTIALS["secretAccessKey"],
        aws_session_token=FAKE_CREDENTIALS["sessionToken"],
        config=Config(retries={"mode": "standard", "max_attempts": 1}),
    )


def _warn_inactive(triggers: list[str]) -> None:
    for trigger in triggers:
        print(
            f"{PROG}: warning: trigger {trigger} is named by no integration's "
            "EventTriggerNames, so it never fires (PutIntegration with EventTriggerNames "
            "makes it active)",
            file=sys.stderr,
        )


def _inactive(client: Any, domain: str, object_type: str) -> list[str]:
    """The triggers of ``object_type`` that no integration of ``domain`` names."""
    triggers = [
        item["EventTriggerName"]
        for page in client.get_paginator("list_event_triggers").paginate(DomainName=domain)
        for item in page.get("Items", [])
        if item.get("ObjectTypeName") == object_type
    ]
    named: set[str] = set()
    token: str | None = None
    while True:
        more = {"NextToken": token} if token else {}
        page = client.list_integrations(DomainName=domain, **more)
        for integration in page.get("Items", []):
            named.update(integration.get("EventTriggerNames") or [])
        token = page.get("NextToken")
        if not token:
            break
    return sorted(name for name in triggers if name not in named)


def _ingest(args: argparse.Namespace) -> int:
    from botocore.exceptions import BotoCoreError, ClientError

    texts = [(path, _read_object(path)) for path in args.objects]
    client, control = _client(args), server_control(args.endpoint_url)
    region = args.region or default_region()
    try:
        inactive = _inactive(client, args.domain, args.object_type)
        _warn_inactive([f"{args.domain}|{name}" for name in inactive])
    except ClientError as error:
        detail = error.response["Error"]
        raise Failure(f"{detail['Code']}: {detail['Message']}") from None
    except BotoCoreError as error:
        raise Failure(" ".join(str(error).split())) from None
    results = []
    for path, text in texts:
        before = len(control.deliveries(args.domain))
        try:
            answer = client.put_profile_object(
                DomainName=args.domain, ObjectTypeName=args.object_type, Object=text
            )
        except ClientError as error:
            detail = error.response["Error"]
            raise Failure(f"{path}: {detail['Code']}: {detail['Message']}") from None
        except BotoCoreError as error:
            raise Failure(" ".join(str(error).split())) from None
        fired = control.deliveries(args.domain)[before:]
        results.append(
            {
                "Object": str(path),
                "ProfileObjectUniqueKey": answer["ProfileObjectUniqueKey"],
                "ProfileId": control.profile_of(
                    args.domain, args.object_type, answer["ProfileObjectUniqueKey"], region
                ),
                "Fired": [item["EventTriggerName"] for item in fired],
            }
        )
    print_json(results)
    return 0


def _read_object(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
        found = json.loads(text)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    except ValueError as error:
        raise UsageError(f"{path} is not JSON: {error}") from None
    if not isinstance(found, dict):
        raise UsageError(f"{path} must hold one JSON object")
    return text


def _from_template(args: argparse.Namespace, text: str) -> dict[str, Any]:
    from localcloud.trigger_template import TemplateError, evaluate

    overrides = key_value_pairs(args.parameter_overrides, "--parameter-overrides")
    try:
        return evaluate(
            args.template_file,
            text,
            trigger=args.trigger,
            overrides=overrides,
            region=args.region or default_region(),
            profile_id=args.profile_id,
            in_segment=args.in_segment,
            latency_ms=args.latency_ms,
        )
    except TemplateError as error:
        raise UsageError(str(error)) from None


def _triggers(args: argparse.Namespace) -> int:
    text = _read_object(args.object)
    if args.template_file is not None:
        if args.in_segment and not args.profile_id:
            raise UsageError("--in-segment needs --profile-id")
        if not args.latency_ms >= 0:
            raise UsageError("--latency-ms must be 0 or more")
        answer = _from_template(args, text)
    else:
        domain, sep, name = (args.trigger or "").partition("|")
        if not sep or not domain or not name:
            raise UsageError("--trigger takes 'DOMAIN|NAME' (or give --template-file)")
        answer = server_control(args.endpoint_url).evaluate(
            domain, name, json.loads(text), args.profile_id
        )
    trace = answer["trace"]
    if trace.get("active") is False:
        _warn_inactive([args.trigger or trace["trigger"]])
    if args.json:
        print_json(trace)
    else:
        print(answer["text"])
    return 0 if answer["fired"] else NOT_FIRED


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "ingest": _ingest,
    "deliveries": _deliveries,
    "segments": _segments,
    "intents": _intents,
    "clock": _clock,
    "triggers": _triggers,
}
