"""VDM read-out (CMIS-DIAG-VDM.md 1): freeze, read every advertised group of each bank, unfreeze.

The freeze follows the spec's handshake as sonic-xcvrd does it: set 2Fh:144.7 (read-modify-write,
so PowerSavingMode and the duty cycle survive), wait tVDMF, poll FreezeDone; read; clear the bit
and wait for UnfreezeDone. The bit is cleared in a ``finally``: a read that fails midway never
leaves the module's statistics frozen.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from cmis.codec.vdm import decode_value, encoding, type_name
from cmis.errors import CmisError, WaitTimeoutError
from cmis.host.advertised import banks as bank_count
from cmis.host.memory import ModuleMemory

ADVERTISED = (142 - 128, 0x40)  # 01h:142 bit 6 VDMPagesSupported
CONTROL_PAGE, CONTROL, STATUS = 0x2F, 144, 145
FREEZE, FREEZE_DONE, UNFREEZE_DONE = 0x80, 0x80, 0x40
T_VDMF, POLL, LIMIT = 0.010, 0.001, 1.0  # seconds: spec tVDMF, xcvrd's poll and give-up
LEVELS = ("high_alarm", "low_alarm", "high_warning", "low_warning")  # page order (HA LA HW LW)


class VdmUnsupportedError(CmisError):
    """The module does not advertise VDM pages (01h:142 bit 6)."""


def supported(memory: ModuleMemory) -> bool:
    byte, bit = ADVERTISED
    return bool(memory.page(0x01)[byte] & bit) if bank_count(memory) else False


def vdm_pages(memory: ModuleMemory) -> list[tuple[int, int]]:
    """(page, bank) of every VDM page the module advertises (none without VDM)."""
    if not supported(memory):
        return []
    groups = (memory.read(CONTROL_PAGE, 128, 1)[0] & 3) + 1
    pages = [base + g for base in (0x20, 0x24, 0x28) for g in range(groups)] + [0x2C, 0x2D, 0x2F]
    return [(page, bank) for bank in range(bank_count(memory)) for page in pages]


def read_vdm(memory: ModuleMemory, *, freeze: bool = True) -> list[dict[str, Any]]:
    """One dict per observable instance, frozen for a consistent interval; flags are latched
    ones (reading page 2Ch clears them). ``freeze=False`` reads the live registers and leaves
    the module's statistics interval alone (a scraper must not restart a PM interval)."""
    if not supported(memory):
        raise VdmUnsupportedError(
            f"{memory.name}: no VDM telemetry (page 01h byte 142 bit 6 is clear)"
        )
    groups = (memory.read(CONTROL_PAGE, 128, 1)[0] & 3) + 1
    out: list[dict[str, Any]] = []
    with frozen(memory) if freeze else nullcontext():
        for bank in range(bank_count(memory)):
            flags = memory.read(0x2C, 128, 32 * groups, bank)
            for g in range(groups):
                out += _group(memory, bank, g, flags[32 * g : 32 * g + 32])
    return out


@contextmanager
def frozen(memory: ModuleMemory) -> Iterator[None]:
    """Statistics frozen for the block; always unfrozen after it, whatever happened."""
    memory.update_bits(CONTROL_PAGE, CONTROL, FREEZE, 0)
    try:
        _wait(memory, FREEZE_DONE, "FreezeDone")
        yield
    finally:
        memory.update_bits(CONTROL_PAGE, CONTROL, 0, FREEZE)
    _wait(memory, UNFREEZE_DONE, "UnfreezeDone")


def _wait(memory: ModuleMemory, bit: int, name: str) -> None:
    clock = memory.clock
    clock.sleep(T_VDMF)
    deadline = clock.now() + LIMIT
    while not memory.read(CONTROL_PAGE, STATUS, 1)[0] & bit:
        if clock.now() >= deadline:
            raise WaitTimeoutError(f"{memory.name}: VDM {name} (2Fh:145) not set within {LIMIT} s")
        clock.sleep(POLL)


def _group(memory: ModuleMemory, bank: int, g: int, flags: bytes) -> list[dict[str, Any]]:
    desc = memory.read(0x20 + g, 128, 128, bank)
    values = memory.read(0x24 + g, 128, 128, bank)
    sets = memory.read(0x28 + g, 128, 128, bank)
    limits: dict[tuple[int, int], dict[str, float]] = {}  # (type, set): shared by many lanes
    found = []
    for i in range(64):
        location, type_id = desc[2 * i], desc[2 * i + 1]
        if type_id == 0:
            continue
        key = (type_id, location >> 4)
        if key not in limits:
            base = 8 * key[1]
            words = struct.unpack_from(">4H", sets, base)
            limits[key] = {
                lv: decode_value(type_id, w) for lv, w in zip(LEVELS, words, strict=True)
            }
        lane = location & 0xF
        found.append(
            {
                "type_id": type_id,
                "name": type_name(type_id),
                "lane": None if lane == 15 else bank * 8 + lane + 1,
                "unit": encoding(type_id).unit,
                "value": decode_value(type_id, values[2 * i] << 8 | values[2 * i + 1]),
                "thresholds": dict(limits[key]),
                "flags": dict(_FLAGS[flags[i // 2] >> (4 if i % 2 else 0) & 0xF]),
            }
        )
    return found


_FLAGS = [{lv: bool(n >> k & 1) for k, lv in enumerate(LEVELS)} for n in range(16)]


def level(entry: dict[str, Any]) -> str:
    """'alarm', 'warning' or 'ok': where the value stands against its thresholds now."""
    v, th = entry["value"], entry["thresholds"]
    if v > th["high_alarm"] or v < th["low_alarm"]:
        return "alarm"
    if v > th["high_warning"] or v < th["low_warning"]:
        return "warning"
    return "ok"
