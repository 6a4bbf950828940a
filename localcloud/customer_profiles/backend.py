"""The moto backend: one ``CustomerProfilesService`` per account and region.

moto keeps backends in a ``BackendDict`` (account -> region -> backend) and
resets them between mocks; the rules themselves live in ``service``. The glue
(``localcloud.core.moto_glue``) exposes this module to moto as
``moto.customerprofiles``, so moto finds ``customerprofiles_backends`` here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from moto.core.base_backend import BackendDict, BaseBackend

from localcloud.core.regions import all_regions, partition_of

from .service import CustomerProfilesService

MOTO_NAME = "customerprofiles"


class CustomerProfilesBackend(BaseBackend):
    """Holds the service state; moto's ``reset()`` re-runs ``__init__``."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.service = CustomerProfilesService(account_id, region_name, partition_of(region_name))

    @property
    def _url_module(self) -> ModuleType:
        # moto would derive "<package>.models" -> "<package>.urls"; ours is named backend.
        return importlib.import_module(f"{__package__}.urls")


customerprofiles_backends = BackendDict(
    CustomerProfilesBackend, "customer-profiles", additional_regions=all_regions()
)
