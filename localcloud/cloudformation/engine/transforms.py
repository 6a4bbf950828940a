"""Transforms, as CloudFormation runs them before anything else reads a template.

``AWS::Serverless-2016-10-31`` (AWS SAM) is expanded by AWS's own translator,
``aws-sam-translator`` (the library CloudFormation's SAM transform and the SAM
CLI run), with the stack's parameters and pseudo parameters. A SAM template
the translator refuses fails as on CloudFormation: ``Transform
AWS::Serverless-2016-10-31 failed with: <the translator's message>``. AWS
managed policies named in ``Policies`` come from the map the translator
bundles; a name it does not know is passed on as given (the translator's own
rule). Other transforms (``AWS::Include``, ``AWS::LanguageExtensions``, macros)
are not run, and a template that declares one is refused.

``declared(template)`` lists a template's transforms; ``expand()`` returns the
processed template (the input, unchanged, when it declares none).
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from localcloud.core.regions import partition_of
from localcloud.moto_adapter.cloudformation import ValidationError

__all__ = ["SERVERLESS", "TransformFailure", "declared", "expand"]

SERVERLESS = "AWS::Serverless-2016-10-31"

# The translator keeps the region of the template it expands in a class attribute.
_translating = threading.Lock()


class TransformFailure(ValidationError):
    """The transform refused the template (CloudFormation's message)."""


def declared(template: dict[str, Any]) -> list[str]:
    """The transforms the template declares, in order (``Transform``: a name or a list)."""
    value = template.get("Transform")
    if value is None:
        return []
    names = value if isinstance(value, list) else [value]
    found: list[str] = []
    for name in names:
        if isinstance(name, dict):  # {"Name": ..., "Parameters": ...}: AWS::Include's form
            name = name.get("Name")
        found.append(str(name))
    return found


def _unsupported(names: list[str]) -> ValidationError:
    return ValidationError(
        message=f"Template format error: Transform {', '.join(names)} is not supported by "
        "this endpoint (only AWS::Serverless-2016-10-31 is run; macros are not)"
    )


def _parameter_values(
    template: dict[str, Any],
    parameters: dict[str, Any],
    *,
    account_id: str,
    region_name: str,
    stack_name: str,
    stack_id: str,
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, slot in (template.get("Parameters") or {}).items():
        if isinstance(slot, dict) and "Default" in slot:
            values[name] = slot["Default"]
    values.update(parameters)
    partition = partition_of(region_name)
    values.update(
        {
            "AWS::AccountId": account_id,
            "AWS::Region": region_name,
            "AWS::Partition": partition,
            "AWS::StackName": stack_name,
            "AWS::StackId": stack_id,
            "AWS::URLSuffix": "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com",
            "AWS::NotificationARNs": [],
        }
    )
    return values


def _serverless(template: dict[str, Any], values: dict[str, Any], region_name: str) -> Any:
    # The translator loads pydantic models of every SAM type: imported on first use.
    import boto3
    from samtranslator.metrics.metrics import DummyMetricsPublisher, Metrics
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    session = boto3.session.Session(region_name=region_name)
    # Metrics go nowhere, and are published so the translator does not warn of them.
    metrics = Metrics("ServerlessTransform", DummyMetricsPublisher())
    with _translating:
        try:
            translator = Translator(None, Parser(), boto_session=session, metrics=metrics)
            return translator.translate(copy.deepcopy(template), parameter_values=values)
        except InvalidDocumentException as error:  # its message, then each cause's
            parts = [str(error.message), *(str(c.message) for c in error.causes)]
            message = " ".join(" ".join(parts).split())
        except Exception as error:  # the translator's own failures, e.g. a bad property type
            message = " ".join(str(error).split()) or type(error).__name__
        finally:
            metrics.publish()
    raise TransformFailure(message=f"Transform {SERVERLESS} failed with: {message}")


def expand(
    template: dict[str, Any],
    parameters: dict[str, Any],
    *,
    account_id: str,
    region_name: str,
    stack_name: str,
    stack_id: str,
) -> dict[str, Any]:
    """The template after its transforms ran; ValidationError if one cannot run."""
    names = declared(template)
    if not names:
        return template
    unsupported = [name for name in names if name != SERVERLESS]
    if unsupported:
        raise _unsupported(unsupported)
    values = _parameter_values(
        template,
        parameters,
        account_id=account_id,
        region_name=region_name,
        stack_name=stack_name,
        stack_id=stack_id,
    )
    processed = _serverless(template, values, region_name)
    if not isinstance(processed, dict):
        raise TransformFailure(message=f"Transform {SERVERLESS} failed with: no template")
    processed.pop("Transform", None)
    return processed
