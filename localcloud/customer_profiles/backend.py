"""The moto backend: one ``CustomerProfilesService`` per account and region.

moto keeps backends in a ``BackendDict`` (account -> region -> backend) and
resets them between mocks; the rules themselves live in ``service``. The glue
(``localcloud.moto_adapter.registry``) exposes this module to moto as
``moto.customerprofiles``, so moto finds ``customerprofiles_backends`` here.
"""

from __future__ import annotations

import functools
import importlib
import logging
from types import ModuleType

import boto3

from localcloud.core.regions import all_regions
from localcloud.moto_adapter.core import BackendDict, BaseBackend

from .service import CustomerProfilesService

MOTO_NAME = "customerprofiles"
log = logging.getLogger(__name__)


@functools.cache
def service_regions() -> frozenset[str]:
    """The regions botocore's endpoint data gives Customer Profiles (about ten, all ``aws``)."""
    return frozenset(boto3.session.Session().get_available_regions("customer-profiles"))


def warn_if_unserved(region: str) -> bool:
    """Warn (once per backend) about a region AWS does not serve; True when it warned.

    Served anyway, not refused (guess: regions-warn): the partitions' ARN
    handling (aws-cn, aws-us-gov) is worth testing offline, and AWS adds regions
    over time; a real call there fails to connect, which a warning names.
    """
    if region in service_regions():
        return False
    log.warning(
        "Customer Profiles has no endpoint in %s (botocore's endpoint data lists %s); "
        "the local service serves it anyway",
        region,
        ", ".join(sorted(service_regions())),
    )
    return True


class CustomerProfilesBackend(BaseBackend):
    """Holds the service state; moto's ``reset()`` re-runs ``__init__``."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        warn_if_unserved(region_name)
        self.service = CustomerProfilesService(account_id, region_name)

    @property
    def _url_module(self) -> ModuleType:
        # moto would derive "<package>.models" -> "<package>.urls"; ours is named backend.
        return importlib.import_module(f"{__package__}.urls")


customerprofiles_backends = BackendDict(
    CustomerProfilesBackend, "customer-profiles", additional_regions=all_regions()
)


def services() -> list[CustomerProfilesService]:
    """The service of every account and region used so far (none are made here)."""
    found = []
    for account in list(customerprofiles_backends.values()):
        for backend in list(dict.values(account)):
            found.append(backend.service)
    return found
