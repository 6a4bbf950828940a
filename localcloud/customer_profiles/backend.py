"""The moto backend: one ``CustomerProfilesService`` per account and region.

moto keeps backends in a ``BackendDict`` (account -> region -> backend) and
resets them between mocks; the rules themselves live in ``service``. The glue
(``localcloud.moto_glue``) exposes this module to moto as
``moto.customerprofiles``, so moto finds ``customerprofiles_backends`` here.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

import botocore.session
from moto.core.base_backend import BackendDict, BaseBackend

from .service import CustomerProfilesService

MOTO_NAME = "customerprofiles"


class CustomerProfilesBackend(BaseBackend):
    """Holds the service state; moto's ``reset()`` re-runs ``__init__``."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        partition = _session().get_partition_for_region(region_name)
        self.service = CustomerProfilesService(account_id, region_name, partition)

    @property
    def _url_module(self) -> ModuleType:
        # moto derives "<package>.urls" from the backend's module; ours live in responses.
        return importlib.import_module(f"{__package__}.responses")


@functools.cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@functools.cache
def all_regions() -> list[str]:
    """Every region botocore knows, in every partition, so ARNs can be built for any."""
    session = _session()
    return sorted(
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("ec2", partition_name=partition)
    )


customerprofiles_backends = BackendDict(
    CustomerProfilesBackend, "customer-profiles", additional_regions=all_regions()
)
