"""Offline AWS services for this resource type: Customer Profiles, Cloud Control, Lambda Invoke."""

from localcloud._compat import check_moto

check_moto()  # fails here, naming the supported moto range, rather than on a first request
