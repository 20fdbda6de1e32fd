"""Declarative provisioning: a YAML profile (``profile.py``) planned and applied idempotently."""
