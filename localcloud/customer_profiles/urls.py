"""The URLs moto routes to Customer Profiles: its endpoint, every path to the adapter."""

from __future__ import annotations

from .responses import CustomerProfilesResponse

url_bases = [r"https?://profile\.(.+)\.amazonaws\.com"]
url_paths = {
    "{0}/$": CustomerProfilesResponse.dispatch,
    "{0}/.*$": CustomerProfilesResponse.dispatch,
}
