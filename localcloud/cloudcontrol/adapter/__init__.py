"""The thin moto adapter: Cloud Control as a moto service, served next to Customer Profiles.

``register()`` hands ``backend`` to the project's moto glue under the backend
name ``cloudcontrol``, with Cloud Control's URL and its SigV4 signing name
``cloudcontrolapi``, so the same moto server (and ``mock_aws``) routes its
requests here. All rules live in the plain package above; this only connects
moto's per-account, per-region backends and its HTTP plumbing to them.
"""

from __future__ import annotations

MOTO_NAME = "cloudcontrol"
SIGNING_NAME = "cloudcontrolapi"


def register() -> None:
    """Teach moto about Cloud Control (idempotent)."""
    from localcloud.core.moto_glue import register_service

    from .responses import url_bases

    register_service(MOTO_NAME, f"{__name__}.backend", url_bases, SIGNING_NAME)
