"""CMIS transceiver tooling: sans-I/O memory-map codec, transports, host API and CLI."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["open"]


def __getattr__(name: str) -> Any:
    """``cmis.open`` and ``cmis.Module`` load the host API only when first used."""
    if name == "open":
        from cmis.targets import open as open_target

        return open_target
    if name == "Module":
        from cmis.module import Module

        return Module
    raise AttributeError(f"module 'cmis' has no attribute {name!r}")
