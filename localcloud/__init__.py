"""Offline AWS services for this resource type: Customer Profiles, Cloud Control, Lambda Invoke."""
