"""Every moto S3 name the toolkit's S3 extension (``localcloud.s3``) uses, and nothing else.

It subclasses moto's ``S3Backend`` and ``FakeBucket`` and connects the backend at
one point, the ``backend`` attribute of moto's ``s3_backends``. What it relies
on, beyond moto's public classes:

* ``S3Backend.create_bucket(bucket_name, region_name, bucket_namespace)``, which
  makes every bucket (CreateBucket, and CloudFormation's ``AWS::S3::Bucket``);
* ``FakeBucket.get_permission(action, resource)``, which moto's S3 responses ask
  before an object operation (a ``PermissionResult``), and a bucket's ``policy``
  (the policy's bytes, or None);
* ``IAMPolicy(document).is_action_permitted(action, resource)``: moto's
  evaluation of a policy's statements (actions, resources, principals);
* ``BaseBackend._url_module``, where a backend's URLs are read (moto's S3 URLs,
  ``moto.s3.urls``, which a subclass in another package must name itself).

``tests/s3/test_moto_names.py`` pins each, failing with the name and the moto version.
"""

from __future__ import annotations

from types import ModuleType

from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.s3 import urls as s3_urls
from moto.s3.models import FakeBucket, S3Backend, s3_backends

__all__ = [
    "BACKEND_ATTRIBUTE",
    "FakeBucket",
    "IAMPolicy",
    "PermissionResult",
    "S3Backend",
    "s3_backends",
]

# The one moto attribute the extension changes: s3_backends.backend.
BACKEND_ATTRIBUTE = "backend"


def s3_url_module() -> ModuleType:
    """moto's ``moto.s3.urls``: the URLs a subclass of its S3 backend keeps serving."""
    return s3_urls
