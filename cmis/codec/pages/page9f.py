"""Page 9Fh (CDB header + local payload) and the EPL pages A0h-AFh (reference/CMIS.md 9.1-9.2)."""

from __future__ import annotations

from construct import Bytes, Int8ub, Int16ub, Struct

Page9Fh = Struct(
    "CMDID" / Int16ub * "bytes 128-129; the write covering 129 triggers the command",
    "EPLLength" / Int16ub,
    "LPLLength" / Int8ub,
    "CdbChkCode" / Int8ub * "ones' complement of the 8-bit sum of 128..135+LPLLength",
    "RPLLength" / Int8ub * "reply direction; host writes 0",
    "RPLChkCode" / Int8ub,
    "LPL" / Bytes(120) * "bytes 136-255: command payload, then reply payload",
)

EplPage = Struct("Payload" / Bytes(128) * "raw extended payload, A0h:128 onward")


def cdb_check_code(data: bytes) -> int:
    """Ones' complement of the 8-bit sum: CdbChkCode over header+LPL, RPLChkCode over a reply."""
    return ~sum(data) & 0xFF
