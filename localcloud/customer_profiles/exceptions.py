"""The errors Customer Profiles answers with: one hierarchy, plain Python, no moto.

The rules raise them; the moto adapter (``responses``) writes them on the wire
with the model's error shape of the same ``code``. Injected faults
(``faults``) raise the ones the service only sends under load or misconfiguration.
"""

from __future__ import annotations

from localcloud.core.exceptions import ServiceError


class CustomerProfilesError(ServiceError):
    """Any error of this service; ``code`` is the model's error shape."""


class BadRequestException(CustomerProfilesError):
    code, status = "BadRequestException", 400


class AccessDeniedException(CustomerProfilesError):
    code, status = "AccessDeniedException", 403


class ResourceNotFoundException(CustomerProfilesError):
    code, status = "ResourceNotFoundException", 404


class ThrottlingException(CustomerProfilesError):
    code, status = "ThrottlingException", 429


class InternalServerException(CustomerProfilesError):
    code, status = "InternalServerException", 500
