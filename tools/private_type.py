"""This provider under another type name, built in a copy of the project.

``AWS::`` names are reserved, so an account registers this provider privately
under its own name (``MyOrg::CustomerProfiles::EventTrigger``). This makes a
copy of the project under that name and builds its registry package there:

1. copies the project's files (those git tracks or would track) to
   ``dist/<myorg-customerprofiles-eventtrigger>/``; the tree is never edited;
2. renames the type as ``cfn init`` would have named it: ``typeName`` in the
   schema and ``.rpdk-config``, the schema file
   (``myorg-customerprofiles-eventtrigger.json``), the Python package
   (``src/myorg_customerprofiles_eventtrigger``) and every reference to the
   package and the schema file in code and settings;
3. regenerates what comes from the schema (``tools/generate.py``: models,
   validators, docs/, resource-role.yaml, the provider's type name);
4. runs ``cfn submit --dry-run`` there, which builds the package, and checks
   that no generated file, the schema or the Lambda code still names the old type.

Register it from the copy: ``cd dist/<name> && cfn submit --set-default``.

Usage: ``python tools/private_type.py MyOrg::CustomerProfiles::EventTrigger``
(what ``make package TYPE_NAME=...`` runs). The copy's path is printed last.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BIN = Path(sys.executable).parent
TYPE_NAME = re.compile(r"^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$")
# Organization namespaces CloudFormation keeps for itself.
RESERVED = {"alexa", "amzn", "amazon", "ask", "aws", "custom", "dev"}
# Never copied: environments, caches and outputs.
SKIPPED = {".git", ".venv", ".venv312", "build", "dist", "__pycache__", ".mypy_cache"}
SKIPPED |= {".pytest_cache", ".ruff_cache", ".hypothesis"}
# Where the package name and the schema file name are rewritten.
CODE_SUFFIXES = {".py", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".txt", ""}
# Written by `make generate`: regenerated in the copy, then checked for the old name.
GENERATED = ("docs", "resource-role.yaml")


class RenameError(Exception):
    """The type name, or a step of the build, is wrong; the message says which."""


def check_type_name(type_name: str) -> None:
    if not TYPE_NAME.match(type_name):
        raise RenameError(
            f"{type_name!r} is not a type name: expected Organization::Service::Resource,"
            " each part 2-64 letters or digits"
        )
    if type_name.split("::")[0].lower() in RESERVED:
        raise RenameError(
            f"{type_name!r} uses a reserved namespace ({type_name.split('::')[0]});"
            " choose your own, for example MyOrg::CustomerProfiles::EventTrigger"
        )


def package_name(type_name: str) -> str:
    """``MyOrg::CustomerProfiles::EventTrigger`` -> ``myorg_customerprofiles_eventtrigger``."""
    return "_".join(part.lower() for part in type_name.split("::"))


def hyphenated(type_name: str) -> str:
    """``MyOrg::CustomerProfiles::EventTrigger`` -> ``myorg-customerprofiles-eventtrigger``."""
    return "-".join(part.lower() for part in type_name.split("::"))


def type_name_of(root: Path) -> str:
    name: str = json.loads((root / ".rpdk-config").read_text())["typeName"]
    return name


def project_files(root: Path) -> list[Path]:
    """The project's files, relative to ``root``: what git tracks or would track."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode()
        names = [Path(name) for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = [path.relative_to(root) for path in root.rglob("*") if path.is_file()]
    return sorted(
        name for name in names if not SKIPPED.intersection(name.parts) and (root / name).is_file()
    )


def copy_project(root: Path, destination: Path) -> Path:
    """Copy the project's files to ``destination`` (replaced if it exists)."""
    shutil.rmtree(destination, ignore_errors=True)
    for name in project_files(root):
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    return destination


def rename(copy: Path, new_type: str) -> None:
    """Rename the type of the project in ``copy`` to ``new_type``."""
    old_type = type_name_of(copy)
    old_package, new_package = package_name(old_type), package_name(new_type)
    old_file, new_file = hyphenated(old_type), hyphenated(new_type)

    schema = copy / f"{old_file}.json"
    text = schema.read_text().replace(old_type, new_type)
    schema.unlink()
    (copy / f"{new_file}.json").write_text(text)

    settings_path = copy / ".rpdk-config"
    settings = json.loads(settings_path.read_text())
    settings["typeName"] = settings["settings"]["type_name"] = new_type
    for key in ("entrypoint", "testEntrypoint"):
        settings[key] = settings[key].replace(old_package, new_package, 1)
    settings_path.write_text(json.dumps(settings, indent=4) + "\n")

    template = copy / "template.yml"
    if template.exists():
        template.write_text(template.read_text().replace(old_type, new_type))

    (copy / "src" / old_package).rename(copy / "src" / new_package)
    for path in sorted(copy.rglob("*")):
        regenerated = path.relative_to(copy).parts[0] == "docs"
        if path.is_file() and path.suffix in CODE_SUFFIXES and not regenerated:
            try:
                before = path.read_text()
            except UnicodeDecodeError:
                continue
            after = before.replace(old_package, new_package).replace(old_file, new_file)
            if after != before:
                path.write_text(after)


def environment(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = f"{copy / 'src'}{os.pathsep}{copy}"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(command: list[str], copy: Path) -> None:
    done = subprocess.run(command, cwd=copy, env=environment(copy), capture_output=True, text=True)
    if done.returncode:
        raise RenameError(
            f"{' '.join(command)} failed in {copy}:\n{(done.stdout + done.stderr)[-2000:]}"
        )


def old_name_mentions(copy: Path, old_type: str) -> dict[str, list[str]]:
    """Where the old type name is still written, by kind: generated, schema, Lambda code."""
    found: dict[str, list[str]] = {"generated": [], "schema": [], "lambda code": [], "source": []}
    needle = old_type.encode()
    new_type = type_name_of(copy)
    for name in GENERATED:
        paths = [copy / name] if (copy / name).is_file() else sorted((copy / name).rglob("*"))
        for path in paths:
            if path.is_file() and needle in path.read_bytes():
                found["generated"].append(str(path.relative_to(copy)))
    if needle in (copy / f"{hyphenated(new_type)}.json").read_bytes():
        found["schema"].append(f"{hyphenated(new_type)}.json")
    for path in sorted((copy / "src").rglob("*.py")):
        if needle in path.read_bytes():
            found["source"].append(str(path.relative_to(copy)))
    package = copy / f"{hyphenated(new_type)}.zip"
    with zipfile.ZipFile(package) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("ResourceProvider.zip")))
        for info in inner.infolist():
            if info.filename.startswith(package_name(new_type)) and needle in inner.read(info):
                found["lambda code"].append(info.filename)
    return found


def build(new_type: str, root: Path = ROOT, dist: Path = DIST) -> Path:
    """Copy, rename, regenerate and package; return the copy's folder."""
    check_type_name(new_type)
    old_type = type_name_of(root)
    if new_type == old_type:
        raise RenameError(f"{new_type} is already the project's type name: run `make package`")
    copy = copy_project(root, dist / hyphenated(new_type))
    rename(copy, new_type)
    run([sys.executable, "tools/generate.py"], copy)
    run([str(BIN / "cfn"), "submit", "--dry-run"], copy)
    return copy


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: private_type.py Organization::Service::Resource", file=sys.stderr)
        return 2
    try:
        copy = build(argv[0])
    except RenameError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    package = copy / f"{hyphenated(argv[0])}.zip"
    sized = subprocess.run([sys.executable, str(ROOT / "tools" / "package_size.py"), str(package)])
    mentions = old_name_mentions(copy, type_name_of(ROOT))
    for kind, paths in mentions.items():
        if paths:
            print(f"Still naming {type_name_of(ROOT)} ({kind}): {', '.join(paths)}")
    print(f"Project copy for {argv[0]}: {copy}")
    print(f"Registry package: {package}")
    print(f"Register it with: cd {copy.relative_to(ROOT)} && cfn submit --set-default")
    renamed = not any(mentions[kind] for kind in ("generated", "schema", "lambda code"))
    return 0 if renamed and sized.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
