"""The engine's CloudFormation response class: moto's ``CloudFormationResponse``, subclassed.

The engine's URLs (``urls``) route CloudFormation requests here. What it
changes of moto's:

* ``create_stack``, ``create_change_set``, ``execute_change_set``,
  ``delete_stack``: moto's own, run with the request's OnFailure,
  DisableRollback, RetainResources and ChangeSetType (None when not given)
  made available to the backend (``context.request_options``).
* ``describe_stack_resource(s)``, ``list_stack_resources``: each resource with
  its own status, reason, physical id and time, from the stack's records
  (moto reports the stack's status for every resource, and lists only what it
  has made, making it on the way).
* ``_validate_different_update``: moto compares raw template text; whether an
  update changes anything is decided by the backend from resolved values.
* ``describe_change_set``, ``delete_change_set``, ``list_change_sets``: scoped
  to the stack, as CloudFormation does (``changesets.find``): a change set the
  stack does not have is ``ChangeSetNotFound`` to describe, and deleting it
  succeeds; the list is that stack's change sets only (moto: every stack's,
  and a 500 for deleting an unknown name).
* ``get_template``: ``ChangeSetName`` gives that change set's template, and
  ``TemplateStage``: ``Original`` is the template as given, ``Processed`` (the
  default) the template after its transforms ran, as JSON; with no transforms
  both are the text as given. ``StagesAvailable`` is answered (moto ignores all).
* templates as CloudFormation takes them (``templates``): a TemplateBody within
  51,200 bytes, a TemplateURL on any loopback endpoint, YAML read safely;
  ``validate_template`` answers as CloudFormation does (``summary.validate``:
  parameters, capabilities, transforms; moto runs cfn-lint and answers no
  parameters), and ``get_template_summary`` reads the template safely.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from localcloud.cloudformation.engine import changesets, summary, templates, transforms
from localcloud.cloudformation.engine.context import request_options
from localcloud.cloudformation.engine.errors import reason_of
from localcloud.cloudformation.engine.records import ResourceRecord
from localcloud.cloudformation.engine.resource_map import EngineResourceMap
from localcloud.moto_adapter.cloudformation import (
    ActionResult,
    CloudFormationError,
    CloudFormationResponse,
    EmptyResult,
    Stack,
    ValidationError,
    request_param,
    request_params,
    template_summary,
)

__all__ = ["EngineResponse", "InvalidChangeSetStatus", "ResourceView"]


class ResourceView:
    """A StackResource / StackResourceDetail / StackResourceSummary, from a record."""

    def __init__(self, stack: Stack, record: ResourceRecord) -> None:
        self.stack_id = stack.stack_id
        self.stack_name = stack.name
        self.logical_resource_id = record.logical_id
        self.physical_resource_id = record.physical_id
        self.resource_type = record.resource_type
        self.timestamp = record.timestamp
        self.last_updated_timestamp = record.timestamp
        self.resource_status = record.status
        self.resource_status_reason = record.reason
        self.drift_information = {"StackResourceDriftStatus": "NOT_CHECKED"}


def _views(stack: Stack) -> list[ResourceView]:
    rmap = stack.resource_map
    if not isinstance(rmap, EngineResourceMap):
        return []
    return [ResourceView(stack, record) for record in rmap.listed()]


class InvalidChangeSetStatus(CloudFormationError):
    code = "InvalidChangeSetStatusException"


class EngineResponse(CloudFormationResponse):
    """moto's CloudFormation responses, with the engine's reads and request options."""

    @contextmanager
    def _request(self) -> Iterator[None]:
        """A request CloudFormation would take (a TemplateBody within its size), with its
        options visible to the backend while moto's method runs."""
        params = request_params(self)
        templates.check_body(params.get("TemplateBody"))
        options = {
            "OnFailure": params.get("OnFailure"),
            "DisableRollback": (
                None
                if params.get("DisableRollback") is None
                else str(params["DisableRollback"]).lower() == "true"
            ),
            "RetainResources": params.get("RetainResources") or [],
            "ChangeSetType": params.get("ChangeSetType"),
        }
        token = request_options.set(options)
        try:
            yield
        finally:
            request_options.reset(token)

    def create_stack(self) -> Any:
        with self._request():
            return super().create_stack()

    def create_change_set(self) -> Any:
        with self._request():
            return super().create_change_set()

    def execute_change_set(self) -> Any:
        with self._request():
            return super().execute_change_set()

    def delete_stack(self) -> Any:
        with self._request():
            return super().delete_stack()

    def update_stack(self) -> Any:
        with self._request():
            return super().update_stack()

    def create_stack_set(self) -> Any:
        with self._request():
            return super().create_stack_set()

    def update_stack_set(self) -> Any:
        with self._request():
            return super().update_stack_set()

    def _get_stack_from_s3_url(self, template_url: str) -> str:
        """A TemplateURL's template, on AWS's S3 hosts or any loopback endpoint."""
        return templates.fetch(template_url, self.current_account, self.partition)

    def set_stack_policy(self) -> Any:
        """moto's, where a StackPolicyURL that cannot be read is CloudFormation's
        ``S3 error: Access Denied``."""
        try:
            return super().set_stack_policy()
        except ValidationError as error:
            if request_param(self, "StackPolicyURL") and not request_param(self, "StackPolicyBody"):
                raise ValidationError(
                    message=f"S3 error: Access Denied: {reason_of(error)}"
                ) from None
            raise

    def validate_template(self) -> ActionResult:
        with self._request():
            body = request_param(self, "TemplateBody")
            url = request_param(self, "TemplateURL")
            if not body and not url:
                raise ValidationError(
                    message="Either Template URL or Template Body must be specified."
                )
            return ActionResult(summary.validate(self._get_stack_from_s3_url(url) if url else body))

    def get_template_summary(self) -> ActionResult:
        """moto's summary, of the template read safely, with what ValidateTemplate adds."""
        with self._request():
            stack_name = request_param(self, "StackName")
            url = request_param(self, "TemplateURL")
            if stack_name:
                stack = self.cloudformation_backend.get_stack(stack_name)
                if stack.status == "REVIEW_IN_PROGRESS":
                    raise ValidationError(
                        message="GetTemplateSummary cannot be called on REVIEW_IN_PROGRESS stacks."
                    )
                text = stack.template
            else:
                text = (
                    self._get_stack_from_s3_url(url) if url else request_param(self, "TemplateBody")
                )
            template = templates.parse(text)
            result = template_summary(templates.as_json(template))
            needed, reason = summary.capabilities(template)
            declared = transforms.declared(template)
            if needed:
                result.update(Capabilities=needed, CapabilitiesReason=reason)
            if declared:
                result["DeclaredTransforms"] = declared
            return ActionResult(result)

    def describe_stack_resources(self) -> ActionResult:
        stack = self.cloudformation_backend.get_stack(request_param(self, "StackName"))
        logical_id = request_param(self, "LogicalResourceId")
        views = [v for v in _views(stack) if logical_id in (None, v.logical_resource_id)]
        return ActionResult({"StackResources": views})

    def describe_stack_resource(self) -> ActionResult:
        stack = self.cloudformation_backend.get_stack(request_param(self, "StackName"))
        logical_id = request_param(self, "LogicalResourceId")
        for view in _views(stack):
            if view.logical_resource_id == logical_id:
                return ActionResult({"StackResourceDetail": view})
        raise ValidationError(
            message=f"Resource {logical_id} does not exist for stack {stack.name}"
        )

    def list_stack_resources(self) -> ActionResult:
        stack = self.cloudformation_backend.get_stack(request_param(self, "StackName"))
        return ActionResult({"StackResourceSummaries": _views(stack)})

    def _validate_different_update(
        self,
        incoming_params: list[dict[str, Any]] | None,
        stack_body: str,
        old_stack: Stack,
    ) -> None:
        """Left to the backend, which compares resolved values."""

    def describe_change_set(self) -> ActionResult:
        change_set = changesets.require(
            self.cloudformation_backend,
            request_param(self, "ChangeSetName"),
            request_param(self, "StackName"),
        )
        return ActionResult(change_set)

    def delete_change_set(self) -> ActionResult:
        backend = self.cloudformation_backend
        change_set = changesets.find(
            backend, request_param(self, "ChangeSetName"), request_param(self, "StackName")
        )
        if change_set is not None:
            if change_set.execution_status == "EXECUTE_IN_PROGRESS":
                raise InvalidChangeSetStatus(
                    f"ChangeSet [{change_set.change_set_id}] cannot be deleted: "
                    "it is being executed"
                )
            backend.change_sets.pop(change_set.change_set_id, None)
        return EmptyResult()

    def list_change_sets(self) -> ActionResult:
        found = changesets.of_stack(self.cloudformation_backend, request_param(self, "StackName"))
        return ActionResult({"Summaries": found})

    def get_template(self) -> ActionResult:
        backend = self.cloudformation_backend
        stack_name = request_param(self, "StackName")
        change_set_name = request_param(self, "ChangeSetName")
        original = (request_param(self, "TemplateStage") or "Processed") == "Original"
        source: Any
        if change_set_name:
            source = changesets.require(backend, change_set_name, stack_name)
        else:
            source = backend.get_stack(stack_name)
        template: str | dict[str, Any] = source.template
        if not original and isinstance(source.template_dict, dict):
            declared = transforms.declared(templates.parse(source.template or {}))
            if declared:  # the template after its transforms ran
                template = templates.as_json(source.template_dict)
        return ActionResult(
            {"TemplateBody": template, "StagesAvailable": ["Original", "Processed"]}
        )
