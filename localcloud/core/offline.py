"""The offline account and credentials every local tool uses.

The credentials are fake but carry a session token, as CloudFormation's and
Cloud Control's do, so nothing asks STS for one. Nothing offline checks them.
"""

from __future__ import annotations

__all__ = ["ACCOUNT_ID", "FAKE_CREDENTIALS"]

ACCOUNT_ID = "123456789012"

FAKE_CREDENTIALS = {
    "accessKeyId": "AKIAEXAMPLEOFFLINE00",
    "secretAccessKey": "offline/secret/key/for/local/use/only0000",
    "sessionToken": "offline-session-token",
}
