"""The ``python312-lambda`` language plugin of the CloudFormation CLI.

It is the python plugin's ``python312`` (``cfn generate``, ``cfn test`` and the
rest are unchanged) with one step replaced: ``package``, which ``cfn submit``
runs, builds the Lambda code (``ResourceProvider.zip``) with
``lambda_build.build`` instead of zipping sources installed for the host's Python.

Set ``"language": "python312-lambda"`` in ``.rpdk-config`` to use it; installing
this distribution (``make venv`` does) registers it with the CLI.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from zipfile import ZipFile

from rpdk.core.exceptions import DownstreamError
from rpdk.python.codegen import Python312LanguagePlugin

from .build import BuildError, build_lambda_code
from .interpreter import InterpreterNotFound

LOG = logging.getLogger(__name__)


class Python312LambdaPlugin(Python312LanguagePlugin):  # type: ignore[misc]
    NAME = "python312-lambda"

    def package(self, project: Any, zip_file: ZipFile) -> None:
        # The python plugin's own settings: package name, package root, use_docker.
        self._init_from_project(project)
        provider = Path(self.package_root) / self.package_name
        build = Path(project.root) / "build"
        if self._use_docker:
            LOG.warning("use_docker is ignored: wheels for %s need no Docker", project.runtime)
        LOG.warning("Building the Lambda code for %s.", project.runtime)
        try:
            code = build_lambda_code(
                Path(project.root) / "requirements.txt", provider, build, project.runtime
            )
        except (BuildError, InterpreterNotFound, ValueError) as error:
            raise DownstreamError(f"Lambda code build failed: {error}") from error
        zip_file.writestr("ResourceProvider.zip", code)
        # The provider's sources too, for reference, as the python plugin adds them.
        for path in sorted(provider.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                zip_file.write(path, path.relative_to(project.root).as_posix())
        LOG.warning("Lambda code: %d bytes zipped.", len(code))
