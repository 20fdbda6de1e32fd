"""Lower-memory bytes that change between two reads of a healthy module, from the codec.

A dump that prints lower memory once per page holds several snapshots of it; these bytes may
differ between them (the last is kept), any other byte differing means two different modules
or a corrupt dump. Volatile = latched flags (clear on read), host-written controls, masks and
select bytes (``cmis.codec.access``), and the status and monitor fields the module updates itself.
"""

from __future__ import annotations

from functools import cache

from cmis.codec.access import byte_mask
from cmis.codec.layout import walk
from cmis.codec.pages.registry import LOWER, struct_for

# fields (LowerMemory paths) the module rewrites while running: state, summaries, monitors, CDB
LIVE_FIELDS = (
    "GlobalStatus",
    "FlagSummary",
    "MonValue",
    "MonVoltage",
    "CdbStatus",
    "ModuleFaultCause",
    "PasswordCmdResult",
    "ModuleActiveFirmware",  # changes across a firmware commit between snapshots
)


@cache
def volatile_lower_bytes() -> frozenset[int]:
    """Byte addresses 0-127 whose value may differ between two snapshots of one module."""
    kinds = ("cor", "rw", "trigger")
    masks = [byte_mask(LOWER, kind) for kind in kinds]
    out = {byte for byte in range(128) if any(mask[byte] for mask in masks)}
    for span in walk(struct_for(LOWER), 0):
        if any(name in span.path for name in LIVE_FIELDS):
            out.update(range(span.first, span.last + 1))
    return frozenset(out)
