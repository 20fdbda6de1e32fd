"""The Write Block commands of one download: block by block, erased blocks skipped if allowed."""

from __future__ import annotations

from collections.abc import Callable

from cmis.cdb.frame import CdbAdvertisement
from cmis.cdb.replies import CdbCommand as C
from cmis.firmware.info import FirmwareFeatures

Progress = Callable[[str, int, int], None]  # phase, bytes (or steps) done, total
PROGRESS_STEPS = 512  # "download" progress calls per image at most (a bar needs no more)


def write_blocks(
    call: Callable[..., bytes],
    f: FirmwareFeatures,
    adv: CdbAdvertisement,
    payload: bytes,
    progress: Progress,
) -> None:
    """Write Block commands (one per block, erased ones skipped when allowed, but never all
    of them: a module refuses Complete when no block was written since Start); "download"
    progress at most PROGRESS_STEPS times (and after the last block)."""
    epl, block, total = f.use_epl(adv), f.block_size(adv), len(payload)
    cmd = C.WriteBlockEpl if epl else C.WriteBlockLpl
    erased = bytes([f.erased_byte]) * block if f.skip_erased else None
    every, report_at, written = max(block, total // PROGRESS_STEPS), 0, False
    for address in range(0, total, block):
        chunk = payload[address : address + block]
        last = address + block >= total
        if erased is None or chunk != erased[: len(chunk)] or (last and not written):
            written = True
            where = address.to_bytes(4, "big")
            if epl:
                call(cmd, where, chunk)
            else:
                call(cmd, where + chunk)
        done = address + len(chunk)
        if done >= report_at or done == total:
            progress("download", done, total)
            report_at = done + every
