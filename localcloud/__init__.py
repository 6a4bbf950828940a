"""Offline AWS services for this resource type: Customer Profiles, Cloud Control, Lambda Invoke.

Importing the package loads no moto: ``localcloud.moto_adapter``, the one
place moto is reached, checks the installed moto when a service first needs
it, so a pytest run whose tests never ask for a local service is not stopped
by an unfit moto.
"""
