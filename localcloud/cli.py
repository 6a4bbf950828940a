"""``customerprofiles-localcloud``: the offline toolkit's one command.

    customerprofiles-localcloud serve --port 4566
    customerprofiles-localcloud cloudcontrol get-resource --identifier 'retail|large-order'
    customerprofiles-localcloud faults inject GetDomain ThrottlingException --count 2
    customerprofiles-localcloud faults list | clear
    customerprofiles-localcloud calls [--reset]
    customerprofiles-localcloud reset
    customerprofiles-localcloud --endpoint-url URL deploy --template-file T ...
    customerprofiles-localcloud deliveries | segments | clock | triggers evaluate
        (event triggers at run time: ``localcloud.triggers_cli``)

``serve`` runs ``localcloud.server``; ``cloudcontrol`` is ``localcloud.cloudcontrol.cli``
(options as ``aws cloudcontrol``) and ``deploy`` is ``localcloud.cloudformation.deploy``
(with the CloudFormation support): both get the global ``--endpoint-url`` and
``--region``, and their own options after the command win. The others call the
running server's ``/_localcloud/`` routes. A new command is a parser in
``parser()`` and a function in ``COMMANDS``. Bad input and unreachable servers end with one line
on stderr, never a traceback: exit status 2 for bad usage, 1 for a failure
(``cloudcontrol`` keeps the AWS CLI's 254 and 255).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud import triggers_cli
from localcloud.cli_support import (
    DEFAULT_ENDPOINT,
    DEFAULT_PORT,
    PROG,
    Failure,
    UsageError,
    default_endpoint,
    default_region,
    print_json,
    server_control,
)

SUPPORT_PACKAGE = "localcloud.cloudformation"
DEPLOY_MODULE = f"{SUPPORT_PACKAGE}.deploy"


class OneLineParser(argparse.ArgumentParser):
    """Reports bad usage in one line (the usage itself is what ``--help`` is for)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("port must be between 1 and 65535")
    return port


def _count(text: str) -> int | None:
    if text in ("always", "forever"):
        return None
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a count: {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError("count must be 1 or more, or 'always'")
    return count


def parser() -> argparse.ArgumentParser:
    top = OneLineParser(
        prog=PROG,
        description=(
            f"Offline Amazon Connect Customer Profiles and Cloud Control for {TYPE_NAME}, on moto."
        ),
        epilog=(
            f"Defaults: endpoint {DEFAULT_ENDPOINT}, unless botocore is configured with one for "
            "the service a command calls ($AWS_ENDPOINT_URL_<SERVICE>, then $AWS_ENDPOINT_URL), "
            "region "
            f"{default_region()} ($AWS_REGION, $AWS_DEFAULT_REGION), type {TYPE_NAME}. "
            f"'{PROG} COMMAND --help' describes a command."
        ),
    )
    top.add_argument(
        "--endpoint-url",
        default=None,
        help=f"the server's URL (default: the one botocore is configured with, else "
        f"{DEFAULT_ENDPOINT})",
    )
    top.add_argument("--region", default=None, help=f"(default: {default_region()})")
    commands = top.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=OneLineParser
    )

    serve = commands.add_parser(
        "serve",
        help="serve Customer Profiles, Cloud Control and moto's services on 127.0.0.1",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=os.environ.get("PORT") or DEFAULT_PORT,
        help="port on 127.0.0.1 ($PORT)",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request")

    # Their arguments, --help included, go to the command they delegate to (see split()).
    commands.add_parser(
        "cloudcontrol",
        add_help=False,
        help=f"Cloud Control API calls, as 'aws cloudcontrol' (type {TYPE_NAME})",
    )
    commands.add_parser(
        "deploy",
        add_help=False,
        help="deploy a CloudFormation template to the server at --endpoint-url, "
        "$AWS_ENDPOINT_URL_CLOUDFORMATION or $AWS_ENDPOINT_URL, else in-process "
        "(with the CloudFormation support)",
    )

    commands.add_parser("reset", help="forget all state, faults and call counts on the server")

    faults = commands.add_parser("faults", help="list, inject or clear faults on the server")
    actions = faults.add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=OneLineParser
    )
    actions.add_parser("list", help="the faults waiting to fire")
    actions.add_parser("clear", help="remove every fault")
    inject = actions.add_parser(
        "inject",
        help="make calls to an operation fail or wait",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    inject.add_argument("operation", help="a Customer Profiles operation, e.g. GetDomain, or '*'")
    inject.add_argument(
        "fault",
        help="ThrottlingException, InternalServerException, AccessDeniedException, "
        "ConnectionError or Delay",
    )
    inject.add_argument("--count", type=_count, default=1, help="calls it applies to, or 'always'")
    inject.add_argument("--seconds", type=float, default=0.0, help="how long a Delay holds a call")
    inject.add_argument("--message", help="the error message (default: the service's own)")

    calls = commands.add_parser("calls", help="calls per operation that reached the service")
    calls.add_argument("--reset", action="store_true", help="print them, then start again at 0")
    triggers_cli.add_parsers(commands, OneLineParser)
    return top


def _serve(args: argparse.Namespace) -> int:
    from localcloud.server import main as serve

    return int(serve(["--port", str(args.port), *(["--verbose"] if args.verbose else [])]))


def _global_options(args: argparse.Namespace) -> list[str]:
    """The global options given, for a delegated command (its own, after them, win)."""
    forwarded = []
    if args.endpoint_url:
        forwarded += ["--endpoint-url", args.endpoint_url]
    if args.region:
        forwarded += ["--region", args.region]
    return forwarded


def _cloudcontrol(args: argparse.Namespace) -> int:
    from botocore.exceptions import BotoCoreError, ParamValidationError

    from localcloud.cloudcontrol.cli import main as cloudcontrol

    forwarded = _global_options(args)
    # argparse prints usage and error to stderr; the error alone is reported, in one line.
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            status = int(cloudcontrol([*forwarded, *args.arguments]))
    except SystemExit as done:  # argparse: --help (0) or bad usage (2)
        status = done.code if isinstance(done.code, int) else 2
    except ParamValidationError as error:
        raise UsageError(" ".join(str(error).split())) from None
    except BotoCoreError as error:
        raise Failure(" ".join(str(error).split())) from None
    errors = [line for line in captured.getvalue().splitlines() if ": error: " in line]
    if status == 2 and errors:
        detail = errors[-1].split(": error: ", 1)[1]
        raise UsageError(f"cloudcontrol: {detail} (see '{PROG} cloudcontrol --help')")
    sys.stderr.write(captured.getvalue())
    return status


def _deploy(args: argparse.Namespace) -> int:
    if importlib.util.find_spec(SUPPORT_PACKAGE) is None or (
        importlib.util.find_spec(DEPLOY_MODULE) is None
    ):
        raise Failure("deploy is not available: this toolkit has no CloudFormation support")
    from importlib import import_module

    deploy: Callable[[list[str]], int] = import_module(DEPLOY_MODULE).main
    return int(deploy([*_global_options(args), *args.arguments]))


def _reset(args: argparse.Namespace) -> int:
    server_control(args.endpoint_url).reset()
    print("reset: state, faults and call counts are empty")
    return 0


def _faults(args: argparse.Namespace) -> int:
    control = server_control(args.endpoint_url)
    if args.action == "inject":
        print_json(
            control.inject(
                args.operation,
                args.fault,
                count=args.count,
                seconds=args.seconds,
                message=args.message,
            )
        )
    elif args.action == "clear":
        control.clear()
        print_json([])
    else:
        print_json(control.pending())
    return 0


def _calls(args: argparse.Namespace) -> int:
    control = server_control(args.endpoint_url)
    print_json(control.calls())
    if args.reset:
        control.reset_calls()
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "serve": _serve,
    "cloudcontrol": _cloudcontrol,
    "deploy": _deploy,
    "reset": _reset,
    "faults": _faults,
    "calls": _calls,
    **triggers_cli.COMMANDS,
}
# Commands that call the server's control routes.
SERVER_COMMANDS = ("reset", "faults", "calls", *triggers_cli.SERVER_COMMANDS)


def _server_error(error: Exception, endpoint: str) -> str:
    """One line for a failed call to the control routes."""
    import urllib.error

    if isinstance(error, urllib.error.HTTPError):
        try:
            message = json.loads(error.read()).get("Message", "")
        except (ValueError, AttributeError, OSError):
            message = ""
        return f"the server at {endpoint} answered {error.code}: {message or error.reason}"
    if isinstance(error, urllib.error.URLError):
        return f"cannot reach a server at {endpoint}: {error.reason}"
    return f"cannot reach a server at {endpoint}: {error}"


DELEGATED = ("cloudcontrol", "deploy")
GLOBAL_OPTIONS_WITH_VALUES = ("--endpoint-url", "--region")


def split(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``argv`` up to a delegating command, and what follows it, untouched."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in GLOBAL_OPTIONS_WITH_VALUES:
            index += 2
        elif token.startswith("-"):
            index += 1
        elif token in DELEGATED:
            return list(argv[: index + 1]), list(argv[index + 1 :])
        else:
            break
    return list(argv), []


def run(argv: Sequence[str] | None = None) -> int:
    own, delegated = split(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(own)
    args.arguments = delegated
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except Failure as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        if args.command not in SERVER_COMMANDS or isinstance(error, BrokenPipeError):
            raise
        endpoint = args.endpoint_url or default_endpoint()
        if isinstance(error, ValueError):  # urllib's "unknown url type" and the like
            print(f"{PROG}: error: {endpoint!r} is not a server URL: {error}", file=sys.stderr)
            return 2
        print(f"{PROG}: {_server_error(error, endpoint)}", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: ``run``, with a closed pipe (``... | head -1``) ending it quietly."""
    try:
        status = run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at devnull so that cannot fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        print(f"{PROG}: output closed before it was all written (broken pipe)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
