"""Switching the running firmware image (0109h's delayed run) and the version bytes it shows."""

from __future__ import annotations

from typing import Protocol

from emulator.firmware import FirmwareStore
from emulator.memory import Memory

ACTIVE_FW, INACTIVE_FW = 39, 128  # 00h:39-40 and 01h:128-129


class Runner(Protocol):
    """The module state a run changes."""

    memory: Memory
    software_reset: bool

    def settle(self) -> None: ...


def publish_versions(memory: Memory, fw: FirmwareStore) -> None:
    """The running and the inactive image's versions, where the host reads them."""
    memory.lower[ACTIVE_FW : ACTIVE_FW + 2] = bytes(fw.images[fw.running].version[:2])
    other = fw.images[fw.inactive]
    inactive = bytes(other.version[:2]) if other.valid else bytes(2)
    memory.page(0, 0x01)[INACTIVE_FW - 128 : INACTIVE_FW - 126] = inactive


def run_image(module: Runner, fw: FirmwareStore, slot: int, hitless: bool) -> None:
    """Switch to ``slot`` now: in place if hitless, else on the next boot after a reset."""
    if hitless:
        fw.running = slot
        publish_versions(module.memory, fw)
        return
    fw.next_boot = slot
    module.software_reset = True  # through the module state machine: ResetS
    module.settle()
