"""The engine's stack: moto's ``Stack``, with what CloudFormation keeps of a stack.

``EngineStack`` is made only by the engine's backend (``backend.EngineBackend``),
so every stack a request makes is one, and stacks moto builds itself (a
service-managed StackSet's instances) stay moto's own. What it changes of moto's:

* its template is read safely (``templates.parse``) and its transforms run
  (``transforms.expand``): ``template`` is the text as given (GetTemplate's
  ``Original`` stage), ``template_dict`` the processed template;
* the resource map it is built with is the engine's (``EngineResourceMap``):
  the template validated, parameters and conditions resolved, nothing made;
* ``outputs`` and ``exports`` are those resolved when an operation last
  completed (``exports.publish_outputs``): reads resolve nothing;
* ``stack_resources`` are the model instances that exist (nothing made on read);
* ``create_resources``, ``update`` and ``delete``, which moto's own code may
  call on any stack, run the engine's operations, through the backend that
  holds the stack (``StackOperations``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Protocol, cast

from localcloud.cloudformation.engine import templates, transforms
from localcloud.cloudformation.engine.resource_map import EngineResourceMap, build_map
from localcloud.moto_adapter.cloudformation import Export, Stack, cloudformation_backends

__all__ = ["EngineStack", "StackOperations"]


class StackOperations(Protocol):
    """What the backend holding a stack runs for moto's calls on the stack itself."""

    def run_create(self, stack: EngineStack) -> None: ...

    def run_update(
        self,
        stack: EngineStack,
        template: str,
        role_arn: str | None,
        parameters: dict[str, Any],
        tags: dict[str, str] | None,
    ) -> None: ...

    def run_delete(self, stack: EngineStack) -> None: ...


class EngineStack(Stack):
    """A stack the engine made and runs."""

    class Meta:
        # moto's serializer finds StackName and StackStatus of a StackSummary through the
        # class's name ("Stack" + "Name" -> name): named here, as for moto's Stack.
        serialization_aliases: ClassVar[dict[str, str]] = {
            **Stack.Meta.serialization_aliases,
            "StackName": "name",
            "StackStatus": "status",
            "StackStatusReason": "status_reason",
        }

    resource_map: EngineResourceMap
    # Set when they happen (moto's serializer leaves out what a stack does not have).
    status_reason: str | None
    last_updated_time: datetime
    deletion_time: datetime

    def __init__(
        self,
        stack_id: str,
        name: str,
        template: str | dict[str, Any],
        parameters: dict[str, Any],
        account_id: str,
        region_name: str,
        **options: Any,
    ) -> None:
        # moto parses the template before it keeps the parameters and the region.
        self.parameters = parameters
        self.region_name = region_name
        # What the last completed operation published, and what the template imports.
        self.engine_outputs: list[dict[str, Any]] = []
        self.engine_exports: list[Export] = []
        self.engine_imports: set[str] = set()
        super().__init__(stack_id, name, template, parameters, account_id, region_name, **options)

    def _parse_template(self) -> None:
        self.template_dict = self.process(self.template, self.parameters)

    def process(self, template: str | dict[str, Any], parameters: dict[str, Any]) -> dict[str, Any]:
        """``template`` read and its transforms run, for this stack and ``parameters``."""
        return transforms.expand(
            templates.parse(template),
            parameters,
            account_id=self.account_id,
            region_name=self.region_name,
            stack_name=self.name,
            stack_id=self.stack_id,
        )

    @property
    def declared_transforms(self) -> list[str]:
        """The transforms the template as given declares."""
        if self.template == {}:
            return []
        return transforms.declared(templates.parse(self.template))

    def _create_resource_map(self) -> EngineResourceMap:
        """Parameters and conditions resolved, nothing made; a CREATE change set's stack
        has no template yet (nothing to validate)."""
        review = self.template == {}
        return build_map(
            self.stack_id,
            self.name,
            self.account_id,
            self.region_name,
            self.template_dict,
            self.parameters,
            self.tags,
            self.cross_stack_resources,
            review=review,
        )

    @property
    def outputs(self) -> list[dict[str, Any]] | None:
        return list(self.engine_outputs) or None

    @property
    def exports(self) -> list[Export]:
        return list(self.engine_exports)

    @property
    def stack_resources(self) -> list[Any]:
        return [record.instance for record in self.resource_map.live().values()]

    def _operations(self) -> StackOperations:
        return cast(StackOperations, cloudformation_backends[self.account_id][self.region_name])

    def create_resources(self) -> None:
        self._operations().run_create(self)

    def update(
        self,
        template: str,
        role_arn: str | None = None,
        parameters: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        self._operations().run_update(self, template, role_arn, parameters or {}, tags)

    def delete(self) -> None:
        self._operations().run_delete(self)
