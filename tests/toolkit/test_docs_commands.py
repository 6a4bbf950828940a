"""Every command and Python snippet the README and the guides show runs as written.

The convention (guides/toolkit.md, "Commands in these docs"):

* every fenced block opened with ```sh or ```python in README.md and
  guides/*.md is run; other fences (```console, ```json, ``` ...) are not;
* a ```sh block right after a line ``<!-- not run: REASON -->`` is not run
  (commands that need an AWS account, say); a ```python block is always run;
* the blocks of one file run in order in one bash session, from the
  repository's root, with .venv activated and offline credentials;
* a ```python block is saved as a file and run as its reader would run it: a
  block that defines test functions (``def test_...``) is a test module, run
  by ``python -m pytest`` (the plugin's fixtures are there: the project is
  installed); any other block is a script, run by ``python``. It runs where it
  stands among the file's commands, so a snippet that calls
  ``http://127.0.0.1:4566`` reaches the server the file's own commands started,
  with the state they left;
* a line that starts the server (``make serve``, ``customerprofiles-localcloud
  serve``, ``python -m localcloud.server``) runs in the background, and the next
  line waits until the server answers; it is stopped after the file.

Each file runs in a network namespace of its own (``unshare -n``), so the
documented port 4566 is free and the commands reach nothing outside the
machine. ``SLOW`` lists the commands left out, with the reason.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.processes import OFFLINE_AWS, environment

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "guides").glob("*.md"))]
OPT_OUT = re.compile(r"^\s*<!--\s*not run:\s*(?P<reason>.+?)\s*-->\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<info>[^`]*)$")
SERVER = re.compile(
    r"^(make serve\b|customerprofiles-localcloud serve\b|(\S*/)?python3? -m localcloud\.server\b)"
)
# Commands not run here, with the reason. Matched against the start of a command.
SLOW = {
    "make test": "runs this test and every other check; CI runs it",
    "make package": "cfn submit --dry-run installs from the package registry, which the "
    "isolated network namespace does not reach; make test runs it",
    "make clean": "removes .venv, which these commands run in",
}
# Commands that read the package `make package` builds: before a file that runs one, the
# package is built (or found up to date) outside the namespace, as its reader had built it.
READS_PACKAGE = ("make custom-resource-code",)
PACKAGE = "aws-customerprofiles-eventtrigger.zip"


@dataclass
class Command:
    """One command of a ```sh block, or a whole ```python block: where it is, and its text."""

    doc: Path
    line: int
    text: str
    kind: str = "sh"

    @property
    def is_test_module(self) -> bool:
        """A Python snippet that defines test functions: pytest runs it."""
        tree = ast.parse(self.text)
        return any(
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test")
            for node in tree.body
        )


DONE = "__all_commands_ran__"


PYTHON_FENCES = ("python", "py")


def blocks(doc: Path) -> list[list[Command]]:
    """The runnable blocks of ``doc``: a ```sh block's commands, a ```python block whole."""
    found: list[list[Command]] = []
    lines = doc.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, info = opening["indent"], opening["info"].strip()
        skipped = index > 0 and OPT_OUT.match(lines[index - 1]) is not None
        body_start = index + 1
        index = body_start
        while index < len(lines) and not re.match(rf"^{re.escape(indent)}```\s*$", lines[index]):
            index += 1
        body = [line.removeprefix(indent) for line in lines[body_start:index]]
        index += 1
        language = info.split()[0] if info.split() else ""
        if language == "sh" and not skipped:
            found.append(commands(doc, body_start + 1, body))
        elif language in PYTHON_FENCES:
            found.append([Command(doc, body_start + 1, "\n".join(body) + "\n", "python")])
    return found


def commands(doc: Path, first_line: int, body: list[str]) -> list[Command]:
    """Split a block into commands: a trailing backslash or an open quote continues one."""
    result: list[Command] = []
    pending: list[str] = []
    start = first_line
    for offset, line in enumerate(body):
        if not pending:
            start = first_line + offset
            if not line.strip() or line.lstrip().startswith("#"):
                continue
        pending.append(line)
        text = "\n".join(pending)
        if line.endswith("\\") or not _complete(text):
            continue
        result.append(Command(doc, start, text))
        pending = []
    if pending:
        result.append(Command(doc, start, "\n".join(pending)))
    return result


def _complete(text: str) -> bool:
    try:
        shlex.split(text, comments=True)
    except ValueError:  # an open quote: the command goes on
        return False
    return True


def slow_reason(command: Command) -> str | None:
    for start, reason in SLOW.items():
        if command.text == start or command.text.startswith((start + " ", start + "\t")):
            return reason
    return None


def server_port(text: str) -> int:
    found = re.search(r"(?:PORT=|--port[ =])(\d+)", text)
    return int(found.group(1)) if found else 4566


def opted_out_python(doc: Path) -> list[int]:
    """Lines of ```python fences that carry a ``not run`` comment (never allowed)."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    return [
        index + 1
        for index, line in enumerate(lines)
        if (opening := FENCE.match(line)) is not None
        and opening["info"].strip().split()[:1] in ([name] for name in PYTHON_FENCES)
        and index > 0
        and OPT_OUT.match(lines[index - 1]) is not None
    ]


def syntax_error(command: Command) -> str | None:
    """bash's (or Python's) complaint about the command's syntax, if any."""
    if command.kind == "python":
        try:
            ast.parse(command.text)
        except SyntaxError as error:
            return f"line {error.lineno}: {error.msg}"
        return None
    checked = subprocess.run(
        ["bash", "-n", "-c", command.text], capture_output=True, text=True, check=False
    )
    return checked.stderr.strip() or None if checked.returncode else None


def script(doc: Path, failures: Path) -> str:
    """One bash script for the file: each command, recorded when it fails.

    Commands bash cannot parse are left out (a syntax error would end the whole
    script); the test reports them. The last line marks that the script got there.
    """
    out = [
        "ip link set lo up 2>/dev/null || true",
        "trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null' EXIT",
    ]
    for block in blocks(doc):
        for command in block:
            if slow_reason(command) is not None or syntax_error(command) is not None:
                continue
            where = f"{shown(doc)}:{command.line}"
            if command.kind == "python":
                out.append(f"# {where}")
                out.append(python_command(command, failures.parent))
                out.append(
                    f"status=$?; if [ $status -ne 0 ]; then echo {shlex.quote(where)} $status "
                    f">>{shlex.quote(str(failures))}; fi"
                )
                continue
            if SERVER.match(command.text):
                port = server_port(command.text)
                log = shlex.quote(f"{failures}.server")
                out.append(f"{{ {command.text}\n}} >{log} 2>&1 &")
                health = f"customerprofiles-localcloud --endpoint-url http://127.0.0.1:{port} calls"
                out.append(
                    f"for attempt in $(seq 1 300); do {health} >/dev/null 2>&1 && break; "
                    "sleep 0.2; done"
                )
                continue
            out.append(f"# {where}")
            out.append(command.text)
            out.append(
                f"status=$?; if [ $status -ne 0 ]; then echo {shlex.quote(where)} $status "
                f">>{shlex.quote(str(failures))}; fi"
            )
    out.append(f"echo {DONE} >>{shlex.quote(str(failures))}")
    return "\n".join(out) + "\n"


def shown(doc: Path) -> Path:
    """The file as a report names it: from the repository's root when it is in it."""
    return doc.relative_to(ROOT) if doc.is_relative_to(ROOT) else doc


def python_command(command: Command, directory: Path) -> str:
    """Saves the snippet in ``directory``; the command that runs it as its reader would."""
    stem = re.sub(r"\W", "_", f"{command.doc.stem}_{command.line}")
    if command.is_test_module:
        path = directory / f"test_{stem}.py"
        path.write_text(command.text)
        return f"python -m pytest -q -p no:cacheprovider {shlex.quote(str(path))}"
    path = directory / f"{stem}.py"
    path.write_text(command.text)
    return f"python {shlex.quote(str(path))}"


def readme_environment() -> dict[str, str]:
    """The README's setup: .venv activated; offline credentials; nothing from the caller's AWS."""
    venv = Path(sys.prefix)
    return environment(
        ("PYTHONHOME", "AWS_"),
        VIRTUAL_ENV=str(venv),
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        **OFFLINE_AWS,
    )


def test_the_extractor_follows_the_convention(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "Text\n"
        "```sh\n"
        "make run    # a comment\n"
        "# a comment line\n"
        "aws cloudcontrol get-resource \\\n"
        "  --identifier 'a|b'\n"
        'echo \'{"a":\n'
        "  1}'\n"
        "```\n"
        "<!-- not run: needs an AWS account -->\n"
        "```sh\n"
        "cfn submit\n"
        "```\n"
        "```console\n"
        "$ not a command\n"
        "```\n"
        "1. A list:\n"
        "   ```sh\n"
        "   make serve PORT=4567\n"
        "   ```\n"
        "```python\n"
        "def test_it():\n"
        "    assert True\n"
        "```\n"
        "```python\n"
        "print('a script')\n"
        "```\n"
        "```json\n"
        "{}\n"
        "```\n"
    )
    found = [[(c.line, c.text) for c in block] for block in blocks(doc)]
    assert found == [
        [
            (3, "make run    # a comment"),
            (5, "aws cloudcontrol get-resource \\\n  --identifier 'a|b'"),
            (7, "echo '{\"a\":\n  1}'"),
        ],
        [(19, "make serve PORT=4567")],
        [(22, "def test_it():\n    assert True\n")],
        [(26, "print('a script')\n")],
    ]
    found_blocks = blocks(doc)
    assert found_blocks[2][0].is_test_module
    assert not found_blocks[3][0].is_test_module
    assert python_command(found_blocks[2][0], tmp_path).startswith("python -m pytest ")
    assert python_command(found_blocks[3][0], tmp_path) == f"python {tmp_path / 'doc_26.py'}"
    assert (tmp_path / "doc_26.py").read_text() == "print('a script')\n"
    assert syntax_error(Command(doc, 1, "json.dumps({...)", "python")) is not None
    assert server_port(found[1][0][1]) == 4567
    assert SERVER.match(".venv/bin/python -m localcloud.server --port 4566")
    assert slow_reason(Command(doc, 1, "make test")) is not None
    assert slow_reason(Command(doc, 1, "make testing")) is None


def test_a_failing_snippet_is_reported_and_the_rest_still_runs(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "```python\n"
        "raise SystemExit(3)\n"
        "```\n"
        "```python\n"
        "def test_it():\n"
        "    assert 1 == 2\n"
        "```\n"
        "```python\n"
        "from pathlib import Path\n"
        f"Path({str(tmp_path / 'ran')!r}).write_text('yes')\n"
        "```\n"
    )
    failures = tmp_path / "failures"
    failures.touch()
    run = tmp_path / "commands.sh"
    run.write_text(script(doc, failures))
    subprocess.run(["bash", str(run)], env=readme_environment(), capture_output=True, check=False)
    assert failures.read_text().splitlines() == [f"{doc}:2 3", f"{doc}:5 1", DONE]
    assert (tmp_path / "ran").read_text() == "yes"


@pytest.mark.server
@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_the_documented_commands_run(doc: Path, tmp_path: Path) -> None:
    if not blocks(doc):
        pytest.skip(f"{doc.name} shows no ```sh or ```python block")
    failures = tmp_path / "failures"
    failures.touch()
    run = tmp_path / "commands.sh"
    run.write_text(script(doc, failures))
    isolated = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    assert isolated.returncode == 0, "unshare -n (a network namespace) is needed here"
    if any(c.text.startswith(READS_PACKAGE) for block in blocks(doc) for c in block):
        built = subprocess.run(
            ["make", "--no-print-directory", PACKAGE],
            cwd=ROOT,
            env=readme_environment(),
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        assert built.returncode == 0, f"make {PACKAGE} failed:\n{built.stdout}{built.stderr}"
    process = subprocess.Popen(
        ["unshare", "-n", "bash", "--noprofile", "--norc", str(run)],
        cwd=ROOT,
        env=readme_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=900)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    recorded = failures.read_text().splitlines()
    failed = [entry for entry in recorded if entry != DONE]
    lines = doc.read_text(encoding="utf-8").splitlines()
    report = [
        f"{command.doc.relative_to(ROOT)}:{command.line} ({command.kind} syntax: {error}): "
        f"{command.text.splitlines()[0]}"
        for block in blocks(doc)
        for command in block
        if (error := syntax_error(command)) is not None
    ]
    report += [
        f"{doc.relative_to(ROOT)}:{line}: a ```python block is never left out: make it run"
        for line in opted_out_python(doc)
    ]
    if DONE not in recorded:
        report.append("the commands stopped before the end of the file (see the output)")
    report += [
        f"{entry.split()[0]} (exit {entry.split()[1]}): "
        f"{lines[int(entry.split()[0].rsplit(':', 1)[1]) - 1].strip()}"
        for entry in failed
    ]
    assert not report, "commands that failed:\n" + "\n".join(report) + "\n\n" + output[-6000:]


# -- what lets a reader run the guides one after another on one server ---------------------

RESET = "customerprofiles-localcloud reset"
_RESETS = re.compile(r"customerprofiles-localcloud( --endpoint-url \S+)? reset(\s+#.*)?$")
# A line that only sets variables (E=..., export A=... B=...) talks to no server.
_ASSIGNS_ONLY = re.compile(r"^(export\s+)?([A-Za-z_][A-Za-z0-9_]*=\S*\s*(\\\n\s*)?)+$")
_ASSIGNED = re.compile(r"(?:^|[\s;(&|])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=")
_LOOPED = re.compile(r"\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b")
_USED = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def _fence_above(lines: list[str], line: int) -> int:
    """The index of the fence that opens the block holding (1-based) ``line``."""
    index = line - 2
    while not FENCE.match(lines[index]):
        index -= 1
    return index


def _assigned(text: str) -> set[str]:
    return {*_ASSIGNED.findall(text), *_LOOPED.findall(text)}


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_a_guide_that_starts_the_server_resets_it_first(doc: Path) -> None:
    """Guides run one after another on one server: each starts from an empty one."""
    ran = [command for block in blocks(doc) for command in block if command.kind == "sh"]
    starts = [index for index, command in enumerate(ran) if SERVER.match(command.text)]
    if not starts:
        pytest.skip(f"{doc.name} starts no server")
    talking = [command for command in ran[starts[0] + 1 :] if not _ASSIGNS_ONLY.match(command.text)]
    assert talking and _RESETS.match(talking[0].text), (
        f"{shown(doc)}:{ran[starts[0]].line}: the first command after the server starts "
        f"must be '{RESET}' (with --endpoint-url if the guide names one)"
    )


def _prose(lines: list[str]) -> list[str]:
    """The lines with every fenced block's lines blanked: the text a reader reads."""
    found, inside = [], False
    for line in lines:
        fence = FENCE.match(line)
        found.append("" if inside or fence else line)
        if fence:
            inside = not inside
    return found


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_a_block_that_uses_an_earlier_blocks_variable_says_so(doc: Path) -> None:
    """A reader may open a guide at any section: a block that needs a variable set in an
    earlier block names it in its section's text above it."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    prose = _prose(lines)
    earlier: set[str] = set()
    problems = []
    for block in blocks(doc):
        shells = [command for command in block if command.kind == "sh"]
        if not shells:
            continue
        opening = _fence_above(lines, shells[0].line)
        heading = max(
            (index for index in range(opening) if prose[index].startswith("#")), default=0
        )
        above = "\n".join(prose[heading:opening])
        here = set().union(*(_assigned(command.text) for command in shells))
        for command in shells:
            for name in sorted(set(_USED.findall(command.text)) & earlier - here):
                if f"${name}" not in above and f"`{name}`" not in above:
                    where = f"{shown(doc)}:{command.line}"
                    problems.append(f"{where}: ${name} is set in an earlier block")
        earlier |= here
    assert problems == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_a_block_that_sets_aws_region_sets_aws_default_region_too(doc: Path) -> None:
    """The AWS CLI v1 and botocore read AWS_DEFAULT_REGION; the CDK and other SDKs AWS_REGION."""
    for block in blocks(doc):
        text = "\n".join(command.text for command in block if command.kind == "sh")
        names = _assigned(text)
        if "AWS_REGION" in names:
            assert "AWS_DEFAULT_REGION" in names, f"{shown(doc)}:{block[0].line}"


QUICKSTART = "### The local service, as a server"
FIRED = (
    "import json, sys; fired = [d['EventTriggerName'] for d in json.load(sys.stdin)]; "
    "sys.exit(fired != ['large-order'])"
)


@pytest.mark.server
def test_the_readme_quickstart_ends_in_a_firing(tmp_path: Path) -> None:
    """The README's server block, run as written (in a network namespace of its own, on the
    port it documents), leaves one delivery of its trigger."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(QUICKSTART) :]
    opening = section.index("```sh\n")
    block = section[opening : section.index("\n```\n", opening) + 5]
    doc = tmp_path / "quickstart.md"
    check = f'customerprofiles-localcloud deliveries --domain retail | python -c "{FIRED}"'
    doc.write_text(block.replace("\n```\n", f"\n{check}\n```\n"))
    failures = tmp_path / "failures"
    failures.touch()
    run = tmp_path / "commands.sh"
    run.write_text(script(doc, failures))
    done = subprocess.run(
        ["unshare", "-n", "bash", "--noprofile", "--norc", str(run)],
        cwd=ROOT,
        env=readme_environment(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert failures.read_text().splitlines() == [DONE], done.stdout[-4000:] + done.stderr[-2000:]
