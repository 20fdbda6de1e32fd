"""CMIS transceiver tooling: sans-I/O memory-map codec, transports, host API and CLI.

Packages, lowest layer first (imports point down only; ``tests/test_imports.py`` checks it):
``errors``/``clock`` -> ``codec`` -> ``images`` -> ``transport`` -> ``cdb`` -> ``firmware`` ->
``host`` -> ``cli``. The names other code is written against load on first use:
``cmis.open``, ``cmis.Module``, ``cmis.TwiDevice``, ``cmis.Transport``, ``cmis.TwiTransport``,
``cmis.Clock``, ``cmis.VirtualClock``, ``cmis.RealClock``, ``cmis.MemoryImage``.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
_LAZY = {
    "open": ("cmis.host.targets", "open"),
    "Module": ("cmis.host.module", "Module"),
    "TwiDevice": ("cmis.transport.base", "TwiDevice"),
    "Transport": ("cmis.transport.base", "Transport"),
    "TwiTransport": ("cmis.transport.twi", "TwiTransport"),
    "Clock": ("cmis.clock", "Clock"),
    "VirtualClock": ("cmis.clock", "VirtualClock"),
    "RealClock": ("cmis.clock", "RealClock"),
    "MemoryImage": ("cmis.images.memory", "MemoryImage"),
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    """Load a public name's module only when it is first used (``import cmis`` stays cheap)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'cmis' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(importlib.import_module(module), attribute)
