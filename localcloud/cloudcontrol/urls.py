"""The URLs moto routes to Cloud Control: its endpoint; every request is a POST to ``/``."""

from __future__ import annotations

from typing import Any

from .responses import CloudControlResponse

url_bases = [r"https?://cloudcontrolapi\.(.+)\.amazonaws\.com"]
url_paths: dict[str, Any] = {"{0}/$": CloudControlResponse.dispatch}
