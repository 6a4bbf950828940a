"""Offline AWS CloudFormation: moto's engine, with this project's resource types."""
