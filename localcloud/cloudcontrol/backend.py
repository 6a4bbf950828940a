"""moto's backends for Cloud Control: one ``CloudControl`` per account and region.

All of them share one worker pool, so the number of handler threads stays
bounded however many regions are used. moto's ``reset()`` re-runs
``__init__``, which forgets the region's requests; handlers already running
finish on the shared pool.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

from localcloud.core.regions import all_regions
from localcloud.moto_adapter.core import BackendDict, BaseBackend

from .scheduler import Scheduler
from .service import CloudControl

MOTO_NAME = "cloudcontrol"
WORKERS = 4


@functools.cache
def shared_scheduler() -> Scheduler:
    return Scheduler(workers=WORKERS)


class CloudControlBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.service = CloudControl(
            region=region_name, account_id=account_id, scheduler=shared_scheduler()
        )

    @property
    def _url_module(self) -> ModuleType:
        # moto would derive "<package>.models" -> "<package>.urls"; ours is named backend.
        return importlib.import_module(f"{__package__}.urls")


cloudcontrol_backends = BackendDict(
    CloudControlBackend, "cloudcontrol", additional_regions=all_regions()
)
