"""Read Firmware Block (0105h): read what was written back from the module and compare.

The request layout is our reading (specs/choices.md): LPL = U32 block address (payload offset
after the Start header, as for writes) + U16 length; the reply repeats the address, then data.
"""

from __future__ import annotations

from typing import Protocol

from cmis.cdb.errors import CdbUnsupported
from cmis.cdb.replies import CdbCommand as C
from cmis.firmware.info import FirmwareFeatures
from cmis.firmware.outcome import FirmwareError

READ_MAX = 116  # data bytes per reply: 120-byte RPL minus the 4-byte address


class Caller(Protocol):
    """What read-back needs of the updater."""

    def features(self) -> FirmwareFeatures: ...

    def call(
        self, cmd: int, lpl: bytes = b"", epl: bytes = b"", *, reply: bool = False
    ) -> bytes: ...


def read_blocks(u: Caller, address: int, length: int) -> bytes:
    """``length`` bytes of the module's image from ``address`` (0105h, LPL replies)."""
    if not u.features().read_lpl:
        raise CdbUnsupported(
            C.ReadBlockLpl, None, "module does not offer firmware read-back (0041h byte 142)"
        )
    out = bytearray()
    for at in range(address, address + length, READ_MAX):
        size = min(READ_MAX, address + length - at)
        reply = u.call(C.ReadBlockLpl, at.to_bytes(4, "big") + size.to_bytes(2, "big"), reply=True)
        if int.from_bytes(reply[:4]) != at or len(reply) != 4 + size:
            raise FirmwareError(f"read-back reply for address {at} is malformed")
        out += reply[4:]
    return bytes(out)


def verify_download(u: Caller, payload: bytes) -> None:
    """Compare the module's copy with ``payload`` (the file after its Start header)."""
    back = read_blocks(u, 0, len(payload))
    if back != payload:
        first = next(i for i, (a, b) in enumerate(zip(back, payload, strict=True)) if a != b)
        raise FirmwareError(
            f"read-back differs from the file at payload offset {first}; the new image was not "
            "run and the committed image stays the boot image: flash again"
        )
