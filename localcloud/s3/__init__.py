"""moto's S3, with bucket policies' conditions read as S3 reads them.

moto evaluates a bucket's policy before an object operation, but reads every
condition operator but ``StringEquals`` as met: a statement that denies
requests over plain HTTP (``"Bool": {"aws:SecureTransport": "false"}``, which
AWS's own best practices and AWS SAM's managed bucket use) denies every
request. ``register()`` (idempotent) connects ``backend.LocalS3Backend``, whose
buckets evaluate each statement's conditions first (``conditions``), then
leave the rest of the evaluation to moto. The local endpoint stands for S3's
HTTPS endpoint: a request's ``aws:SecureTransport`` is ``true``.
"""

from __future__ import annotations

__all__ = ["register", "uninstall"]


def register() -> None:
    """Connect the S3 extension to moto (idempotent)."""
    from .connection import install

    install()


def uninstall() -> None:
    """Give moto its own S3 backend class back."""
    from .connection import uninstall as remove

    remove()
