"""The printed report: the goal rows first, then every figure in detail."""

from __future__ import annotations

from typing import Any

from benchmarks.common import ms
from benchmarks.fixtures import PLUGIN_FIXTURES, REFERENCE

MB = 1_000_000


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def goal_rows(results: dict[str, Any]) -> list[dict[str, str]]:
    """Each goal: today's figure (when the goal was set), the measured one, and the goal."""
    rows = []
    waits = results["cloudcontrol"]["waits"]
    count = waits["all"]["n"]
    rows.append(
        {
            "figure": f"botocore waiter after a Cloud Control create/update/delete, p100 over "
            f"{count} requests",
            "today": "5,040 ms in 44% of cases",
            "measured": f"{waits['p100'] * 1000:,.0f} ms (median {ms(waits['all']['median'])}; "
            f"{waits['over_one_second']} over 1 s); calls answered "
            + ", ".join(f"{k} {v}" for k, v in sorted(waits["answered"].items())),
            "ratio": f"{waits['p100'] / 0.1:.2f}x of the goal",
            "goal": "<= 100 ms in every case",
            "met": _met(waits["p100"] <= 0.1),
        }
    )
    first = results["cold_start"]["first_read"]
    rows.append(
        {
            "figure": "first READ after import, fresh process, vs the lib's floor",
            "today": "1.21x",
            "measured": f"first READ {ms(first['resource type']['first']['median'])} vs "
            f"{ms(first['lib floor']['first']['median'])}; import "
            f"{ms(first['resource type']['import']['median'])} vs "
            f"{ms(first['lib floor']['import']['median'])}",
            "ratio": f"{first['first_read_ratio']:.2f}x "
            f"(import + first {first['import_plus_first_ratio']:.2f}x)",
            "goal": "<= 1.00x",
            "met": _met(first["first_read_ratio"] <= 1.0),
        }
    )
    cold = results["package_cold_start"]
    if "not_measured" in cold:
        measured, ratio, met = f"not measured: {cold['not_measured']}", "-", "-"
    else:
        with_pyc, without_pyc = cold["bytecode"], cold["sources"]
        measured = (
            f"{ms(with_pyc['total'])} with .pyc (import {ms(with_pyc['import'])}) vs "
            f"{ms(without_pyc['total'])} without (import {ms(without_pyc['import'])}), "
            f"median of {cold['runs']} runs each"
        )
        ratio, met = f"{cold['ratio']:.2f}x", _met(cold["ratio"] <= 0.55)
    rows.append(
        {
            "figure": "import + first READ from the unpacked Lambda package, python3.12, "
            "bytecode caching off",
            "today": "sources only",
            "measured": measured,
            "ratio": ratio,
            "goal": "<= 0.55x of the same package without .pyc",
            "met": met,
        }
    )
    custom = results["custom_resource_cold_start"]
    if "not_measured" in custom:
        measured, ratio, met = f"not measured: {custom['not_measured']}", "-", "-"
    else:
        measured = (
            f"{ms(custom['custom_resource']['total'])} vs {ms(custom['registry']['total'])}, "
            f"median of {custom['runs']} runs each"
        )
        ratio, met = f"{custom['ratio']:.2f}x", _met(custom["ratio"] <= 1.05)
    rows.append(
        {
            "figure": "custom resource: import + first Create from the Lambda package as "
            "shipped, python3.12, vs the registry handler's import + first CREATE",
            "today": "no custom resource",
            "measured": measured,
            "ratio": ratio,
            "goal": "<= 1.05x",
            "met": met,
        }
    )
    package = results["package"]
    unpacked = package["lambda_unpacked_bytes"]
    rows.append(
        {
            "figure": "Lambda code unpacked (every action and log delivery from it: "
            "make package-smoke)",
            "today": "28.9 MB",
            "measured": f"{unpacked / MB:.1f} MB ({package['lambda_zip_bytes'] / MB:.1f} MB "
            f"zipped, {package['lambda_files']} files)",
            "ratio": f"{unpacked / MB / 28.9:.2f}x of today",
            "goal": "<= 8 MB",
            "met": _met(unpacked <= 8 * MB and not package["problems"]),
        }
    )
    rows += lambda_goal_rows(results["lambda_invoke"])
    fixtures = results["fixtures"]
    reference = fixtures["cases"][REFERENCE]["setup"]["median"]
    rows.append(
        {
            "figure": "pytest plugin fixtures' set-up per test vs moto's mock_aws fixture "
            f"(median of {fixtures['rounds']} x {fixtures['tests_per_process'] - 1} tests)",
            "today": "0.3-0.55 s vs 0.08 s",
            "measured": "; ".join(
                f"{name} {ms(fixtures['cases'][name]['setup']['median'])}"
                for name in PLUGIN_FIXTURES
            )
            + f"; moto {ms(reference)}",
            "ratio": " / ".join(
                f"{fixtures['cases'][name]['setup_ratio']:.2f}x" for name in PLUGIN_FIXTURES
            ),
            "goal": "<= 1.00x each",
            "met": _met(fixtures["worst_setup_ratio"] <= 1.0),
        }
    )
    return rows


def lambda_goal_rows(invokes: dict[str, Any]) -> list[dict[str, str]]:
    """A cold Invoke through the local runner against its interpreter's bare start."""
    return [
        {
            "figure": f"Lambda Invoke through the local runner, cold, {runtime}, vs the "
            f"interpreter's bare start (median of {invokes['runs']})",
            "today": "not run (moto needs Docker)",
            "measured": f"cold {ms(figures['cold']['median'])} vs bare "
            f"{ms(figures['bare']['median'])}; warm {ms(figures['warm']['median'])}",
            "ratio": f"{figures['cold_to_bare']:.2f}x",
            "goal": f"<= {invokes['goal']:.2f}x",
            "met": _met(figures["cold_to_bare"] <= invokes["goal"]),
        }
        for runtime, figures in invokes["runtimes"].items()
    ]


def lambda_table(invokes: dict[str, Any]) -> list[str]:
    """Each runtime's Invoke: first, cold and warm, and the bare start, with spreads."""
    return _table(
        [
            "Lambda Invoke (server in its own process)",
            "interpreter",
            "first",
            "cold (min-max)",
            "warm (min-max)",
            "bare start (min-max)",
            "cold / bare",
        ],
        [
            [
                runtime,
                f["interpreter"],
                ms(f["first"]),
                f"{ms(f['cold']['median'])} ({ms(f['cold']['min'])}-{ms(f['cold']['max'])})",
                f"{ms(f['warm']['median'])} ({ms(f['warm']['min'])}-{ms(f['warm']['max'])})",
                f"{ms(f['bare']['median'])} ({ms(f['bare']['min'])}-{ms(f['bare']['max'])})",
                f"{f['cold_to_bare']:.2f}x",
            ]
            for runtime, f in invokes["runtimes"].items()
        ],
    )


def _fixture_table(fixtures: dict[str, Any]) -> list[str]:
    """Each case's phases per test (median), and the plugin's ratios to moto's fixture."""
    rows = []
    for name, case in fixtures["cases"].items():
        ratios = (
            f"{case['setup_ratio']:.2f}x / {case['total_ratio']:.2f}x"
            if "setup_ratio" in case
            else "reference"
            if name == REFERENCE
            else "-"
        )
        rows.append(
            [
                name,
                ms(case["setup"]["median"]),
                ms(case["call"]["median"]),
                ms(case["teardown"]["median"]),
                ms(case["total"]["median"]),
                ms(case["first_setup"]),
                ratios,
            ]
        )
    return _table(
        [
            f"Fixture, per test ({fixtures['rounds']} pytest processes x "
            f"{fixtures['tests_per_process']} tests)",
            "set-up",
            "call",
            "teardown",
            "total",
            "first test's set-up",
            "set-up / total vs moto's fixture",
        ],
        rows,
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def table(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [
        f"Machine: {machine['cpu']}, {machine['cores']} cores, Python {machine['python']}"
        f" ({results['mode']} mode, {results['date']})",
        "",
    ]
    lines += _table(
        ["figure", "today", "measured", "ratio", "goal", "met"],
        [list(row.values()) for row in results["goals"]],
    )
    cold = results["cold_start"]
    lines += [
        "",
        *_table(
            ["Cold start (median of fresh processes)", "time", "spread"],
            [
                [f"import {name}", ms(s["median"]), f"{ms(s['min'])}-{ms(s['max'])}"]
                for name, s in cold["imports"].items()
            ]
            + [
                [f"{provider}: {part}", ms(s["median"]), f"{ms(s['min'])}-{ms(s['max'])}"]
                for provider in ("resource type", "lib floor")
                for part, s in cold["first_read"][provider].items()
            ],
        ),
    ]
    lines += [
        "",
        *_table(
            ["Handler overhead (in-process)", "handler", "raw boto3", "ratio"],
            [
                [
                    name,
                    ms(c["handler"]["median"]),
                    ms(c["raw_boto3"]["median"]),
                    f"{c['ratio']:.2f}x",
                ]
                for name, c in results["handler_overhead"].items()
            ],
        ),
    ]
    sizes = results["list_sizes"]
    scale_rows = []
    for name, per_size in results["list_at_scale"].items():
        small, large = per_size[str(sizes[0])], per_size[str(sizes[-1])]
        middle = per_size["middle_page_at_largest"]
        scale_rows.append(
            [
                name,
                f"{ms(small['seconds']['median'])}, {small['peak_bytes'] / 1024:.0f} KiB",
                f"first page {ms(large['seconds']['median'])}, "
                f"{large['peak_bytes'] / 1024:.0f} KiB; middle page "
                f"{ms(middle['seconds']['median'])}, {middle['peak_bytes'] / 1024:.0f} KiB",
                f"{per_size['time_ratio']:.2f}x (middle {per_size['middle_time_ratio']:.2f}x)",
                f"{per_size['memory_ratio']:.2f}x",
            ]
        )
    lines += [
        "",
        *_table(
            [
                "List, one page",
                f"{sizes[0]:,} triggers",
                f"{sizes[-1]:,} triggers",
                "time ratio",
                "memory ratio",
            ],
            scale_rows,
        ),
    ]
    lines += ["", *trigger_tables(results)]
    waits = results["cloudcontrol"]["waits"]["per_operation"]
    lines += [
        "",
        *_table(
            ["Waiter after (server in its own process)", "median", "p90", "p100"],
            [[name, ms(s["median"]), ms(s["p90"]), ms(s["max"])] for name, s in waits.items()],
        ),
    ]
    latency = results["cloudcontrol"]["latency"]
    lines += [
        "",
        *_table(
            ["Latency from a boto3 client (sequential)", "median", "p90", "p100"],
            [
                [
                    label,
                    ms(latency[name]["median"]),
                    ms(latency[name]["p90"]),
                    ms(latency[name]["max"]),
                ]
                for name, label in (
                    ("get_resource", "Cloud Control GetResource"),
                    ("get_event_trigger", "Customer Profiles GetEventTrigger"),
                )
            ],
        ),
        f"GetResource / GetEventTrigger: {latency['ratio']:.2f}x (median)",
    ]
    lines += ["", *_fixture_table(results["fixtures"])]
    lines += ["", *lambda_table(results["lambda_invoke"])]
    package = results["package"]
    spent = ", ".join(
        f"{name} {seconds:.0f} s" for name, seconds in results["seconds_per_section"].items()
    )
    lines += [
        "",
        f"Time spent: {spent}",
        "",
        "The package (tools/package_size.py):",
        *(f"  {line}" for line in [*package["report"], *package["problems"]]),
    ]
    cold = results["package_cold_start"]
    if "not_measured" not in cold:
        lines += ["", f"Package cold start under {cold['python']}, {cold['runs']} runs each:"]
        lines += _table(
            ["variant", "unpacked", "import", "first READ", "total (min-max)"],
            [
                [
                    name,
                    f"{cold[name]['unpacked_bytes'] / MB:.1f} MB",
                    ms(cold[name]["import"]),
                    ms(cold[name]["first_read"]),
                    f"{ms(cold[name]['total'])} ({ms(cold[name]['total_min'])}-"
                    f"{ms(cold[name]['total_max'])})",
                ]
                for name in ("bytecode", "sources")
            ],
        )
    lines += ["", *custom_resource_lines(results["custom_resource_cold_start"])]
    return "\n".join(lines)


def custom_resource_lines(custom: dict[str, Any]) -> list[str]:
    """The custom resource's cold start beside the registry handler's, as a table."""
    if "not_measured" in custom:
        return [f"Custom resource cold start: not measured: {custom['not_measured']}"]
    lines = [
        f"Custom resource cold start under {custom['python']}, from the Lambda code as "
        f"shipped, {custom['runs']} interleaved runs each:"
    ]
    lines += _table(
        ["handler", "import", "first create", "total (min-max)"],
        [
            [
                name,
                ms(custom[name]["import"]),
                ms(custom[name]["first_create"]),
                f"{ms(custom[name]['total'])} ({ms(custom[name]['total_min'])}-"
                f"{ms(custom[name]['total_max'])})",
            ]
            for name in ("registry", "custom_resource")
        ],
    )
    lines.append(
        f"Ratio custom resource / registry handler: {custom['ratio']:.2f}x (goal <= 1.05x)"
    )
    return lines


def trigger_tables(results: dict[str, Any]) -> list[str]:
    """PutProfileObject against active triggers; the evaluator against attributes."""
    firing = results["trigger_firing"]
    evaluation = results["trigger_evaluation"]
    counts = sorted(firing, key=int)
    few, many = firing[counts[0]]["seconds"]["median"], firing[counts[-1]]["seconds"]["median"]
    per_trigger = (many - few) / (int(counts[-1]) - int(counts[0]))
    sizes = sorted(evaluation, key=int)
    small, large = (
        evaluation[sizes[0]]["seconds"]["median"],
        evaluation[sizes[-1]]["seconds"]["median"],
    )
    per_attribute = (large - small) / (int(sizes[-1]) - int(sizes[0]))
    growth = (
        f"How it grows: each active trigger that fires adds {per_trigger * 1e3:.3f} ms of CPU "
        f"to a PutProfileObject ({counts[0]} to {counts[-1]} triggers); evaluating one trigger "
        f"costs {small * 1e6:.1f} us with {sizes[0]} attribute and {per_attribute * 1e6:.1f} us "
        f"per attribute more (linear: {sizes[0]} to {sizes[-1]} attributes)."
    )
    return [
        *_table(
            [
                "PutProfileObject (in-process, CPU)",
                "median",
                "spread",
                "ratio to 0",
                "wall",
                "deliveries",
            ],
            [
                [
                    f"{count} active triggers",
                    ms(f["seconds"]["median"]),
                    f"{ms(f['seconds']['min'])}-{ms(f['seconds']['max'])}",
                    f"{f['ratio_to_0']:.2f}x",
                    ms(f["wall_seconds"]["median"]),
                    str(f["deliveries"]),
                ]
                for count, f in firing.items()
            ],
        ),
        "",
        *_table(
            ["Evaluating one trigger (CPU)", "median", "per attribute", "ratio to 1"],
            [
                [
                    f"{count} attributes",
                    ms(e["seconds"]["median"]),
                    f"{e['per_attribute_seconds'] * 1e6:.1f} us",
                    f"{e['ratio_to_1']:.2f}x",
                ]
                for count, e in evaluation.items()
            ],
        ),
        "",
        growth,
    ]
