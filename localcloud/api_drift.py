"""What changed in botocore's models since the pinned one, and whether the local services
handle it: the next drift shows in a report, not in a user's bug.

    python -m localcloud.api_drift            # the report; exit 1 if a change is not handled
    python -m localcloud.api_drift --write    # record the installed models as the pinned digest

The digest (``api_digest.json``, next to this module) records, for the botocore
version ``requirements.txt`` pins, the shapes the local services touch,
without their documentation: every shape an emulated Customer Profiles
operation's request or answer reaches, and the operations' names and routes;
connectcampaignsv2's ``ProfileOutboundRequest`` (what a delivery is); every
Cloud Control operation and its shapes. ``report`` compares the installed models
with it and says, for each change, how the services handle it:

* an operation the model adds is emulated, or answers 501 naming it;
* a member an emulated operation's request gains is acted on
  (``protocol.EMULATED``) or refused by name; any other shape is validated from
  the model, stored and answered as given
  (``tests/service/test_nothing_dropped.py`` proves it);
* a member or enum value a shape the rules interpret gains
  (``customer_profiles.interpreted``) is NOT handled unless the rules know it:
  it would be accepted and never acted on;
* every Cloud Control operation must be a method of ``CloudControl`` taking
  each request member, or it would fail as a 500: NOT handled otherwise.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from botocore import xform_name
from botocore.loaders import Loader

from localcloud.cloudcontrol.service import CloudControl
from localcloud.customer_profiles.interpreted import CAMPAIGNS, INTERPRETED, PROFILES
from localcloud.customer_profiles.protocol import EMULATED

DIGEST = Path(__file__).with_name("api_digest.json")
CLOUDCONTROL = "cloudcontrol"
Json = dict[str, Any]


def _model(service: str) -> Json:
    loader = Loader()
    model: Json = loader.load_service_model(service, "service-2")
    return model


def _stripped(node: Any) -> Any:
    """A shape without its documentation (which changes without changing anything)."""
    if isinstance(node, Mapping):
        return {key: _stripped(value) for key, value in node.items() if key != "documentation"}
    if isinstance(node, list):
        return [_stripped(item) for item in node]
    return node


def _reach(shapes: Mapping[str, Json], roots: Iterable[str]) -> dict[str, Json]:
    """Every shape ``roots`` reach, stripped, by name."""
    found: dict[str, Json] = {}
    todo = [root for root in roots if root in shapes]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        shape = shapes[name]
        found[name] = _stripped(shape)
        refs = [member["shape"] for member in shape.get("members", {}).values()]
        refs += [shape[key]["shape"] for key in ("member", "key", "value") if key in shape]
        todo += [ref for ref in refs if ref not in found]
    return dict(sorted(found.items()))


def _operations(model: Json, names: Iterable[str]) -> tuple[Json, list[str]]:
    """Each operation's route and shapes, and the shapes they are rooted in."""
    operations: Json = {}
    roots: list[str] = []
    for name in sorted(names):
        operation = model["operations"][name]
        shapes = {key: operation[key]["shape"] for key in ("input", "output") if key in operation}
        operations[name] = {"http": operation.get("http", {}), **shapes}
        roots += shapes.values()
    return operations, roots


def digest() -> Json:
    """The installed models' shapes the local services touch."""
    profiles = _model(PROFILES)
    emulated = [name for name in EMULATED if name in profiles["operations"]]
    operations, _ = _operations(profiles, profiles["operations"])
    touched = [root for name in emulated for root in _operations(profiles, [name])[1]]
    cloudcontrol = _model(CLOUDCONTROL)
    cc_operations, cc_roots = _operations(cloudcontrol, cloudcontrol["operations"])
    campaigns = _model(CAMPAIGNS)
    return {
        "botocore": version("botocore"),
        PROFILES: {"operations": operations, "shapes": _reach(profiles["shapes"], touched)},
        CAMPAIGNS: {
            "operations": {},
            "shapes": _reach(campaigns["shapes"], ["ProfileOutboundRequest"]),
        },
        CLOUDCONTROL: {
            "operations": cc_operations,
            "shapes": _reach(cloudcontrol["shapes"], cc_roots),
        },
    }


# How each service handles a shape that is neither a request nor interpreted.
HANDLING = {
    PROFILES: "validated from the model, stored and answered as given",
    CAMPAIGNS: "a delivery writes only what the rules know of it",
    CLOUDCONTROL: "validated and answered from the model",
}


@dataclass
class Report:
    """The changes found, each with how it is handled; ``unhandled`` fails the check."""

    pinned: str
    installed: str
    handled: list[str] = field(default_factory=list)
    unhandled: list[str] = field(default_factory=list)

    def text(self) -> str:
        head = f"botocore {self.installed} against the pinned {self.pinned}"
        if not self.handled and not self.unhandled:
            return f"{head}: no change in the shapes the local services touch"
        lines = [f"{head}: {len(self.handled) + len(self.unhandled)} changes"]
        lines += [f"  NOT HANDLED {line}" for line in self.unhandled]
        lines += [f"  handled     {line}" for line in self.handled]
        return "\n".join(lines)


def _values(shape: Json) -> set[str]:
    """A structure's members, or an enum's values."""
    return set(shape.get("members", {})) | set(shape.get("enum", []))


def _interpreted(service: str, name: str, shape: Json, report: Report) -> bool:
    known = INTERPRETED.get((service, name))
    if known is None:
        return False
    for value in sorted(_values(shape) - known):
        report.unhandled.append(
            f"{service} {name}: {value} is new and the rules do not act on it "
            "(teach them, then list it in customer_profiles.interpreted)"
        )
    return True


def _request_of(operations: Json) -> dict[str, str]:
    """Request shape name -> the operation it is the input of."""
    return {
        operation["input"]: name for name, operation in operations.items() if "input" in operation
    }


def _compare_shapes(service: str, old: Json, new: Json, requests: Json, report: Report) -> None:
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if after is None:
            report.handled.append(f"{service} {name}: gone from the model")
            continue
        if _interpreted(service, name, after, report):
            what = "new" if before is None else "changed"
            report.handled.append(f"{service} {name}: {what}; the rules know every value")
            continue
        added = sorted(_values(after) - _values(before or {}))
        operation = requests.get(name)
        if operation is not None and service == PROFILES and added:
            known = EMULATED.get(operation, ())
            acted = [member for member in added if member in known]
            refused = [member for member in added if member not in known]
            what = "request" if before is None else "new request members"
            if acted:
                report.handled.append(f"{service} {operation} {what} {acted}: acted on")
            if refused:
                report.handled.append(
                    f"{service} {operation} {what} {refused}: refused by name "
                    "(not in protocol.EMULATED)"
                )
            continue
        what = "new" if before is None else "changed"
        extra = f" (+{', '.join(added)})" if added and before is not None else ""
        report.handled.append(f"{service} {name}: {what}{extra}: {HANDLING[service]}")


def _compare_operations(pinned: Json, installed: Json, report: Report) -> None:
    old, new = pinned[PROFILES]["operations"], installed[PROFILES]["operations"]
    for name in sorted(set(new) - set(old)):
        how = "emulated" if name in EMULATED else "answers 501 NotImplementedException naming it"
        report.handled.append(f"{PROFILES} operation {name}: new: {how}")
    for name in sorted(set(old) - set(new)):
        report.handled.append(f"{PROFILES} operation {name}: gone from the model")


def _cloudcontrol_parameters(method: Any) -> set[str]:
    """The keyword parameters a CloudControl method takes, ``**Unpack[TypedDict]`` included."""
    names = set()
    for parameter in inspect.signature(method).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            hint = typing.get_type_hints(method, include_extras=True).get(parameter.name)
            for extra in typing.get_args(hint):
                names |= set(typing.get_type_hints(extra))
        else:
            names.add(parameter.name)
    return names


def _check_cloudcontrol(installed: Json, report: Report) -> None:
    """Every Cloud Control operation is a method taking every member (else: a 500)."""
    model = installed[CLOUDCONTROL]
    for name in sorted(model["operations"]):
        method = getattr(CloudControl, xform_name(name), None)
        if method is None:
            report.unhandled.append(f"{CLOUDCONTROL} operation {name}: CloudControl has no method")
            continue
        request = model["operations"][name].get("input")
        members = model["shapes"][request]["members"] if request else {}
        taken = _cloudcontrol_parameters(method)
        for member in sorted(members):
            if xform_name(member) not in taken:
                report.unhandled.append(
                    f"{CLOUDCONTROL} {name}: member {member} is not a parameter of "
                    f"CloudControl.{xform_name(name)}"
                )


def report(pinned: Json, installed: Json) -> Report:
    """How the ``installed`` digest differs from the ``pinned`` one, change by change."""
    found = Report(str(pinned["botocore"]), str(installed["botocore"]))
    _compare_operations(pinned, installed, found)
    requests = _request_of(installed[PROFILES]["operations"])
    for service in (PROFILES, CAMPAIGNS, CLOUDCONTROL):
        old, new = pinned[service]["shapes"], installed[service]["shapes"]
        _compare_shapes(service, old, new, requests, found)
    _check_cloudcontrol(installed, found)
    return found


def load(path: Path = DIGEST) -> Json:
    loaded: Json = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localcloud.api_drift", description=__doc__)
    parser.add_argument("--digest", type=Path, default=DIGEST, help="the pinned digest")
    parser.add_argument(
        "--write", action="store_true", help="record the installed models as the digest"
    )
    args = parser.parse_args(argv)
    if args.write:
        args.digest.write_text(json.dumps(digest(), indent=1, sort_keys=True) + "\n")
        print(f"wrote {args.digest} (botocore {version('botocore')})")
        return 0
    found = report(load(args.digest), digest())
    print(found.text())
    return 1 if found.unhandled else 0


if __name__ == "__main__":
    sys.exit(main())
