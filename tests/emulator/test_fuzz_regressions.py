"""Bugs the stateful fuzzer (test_fuzz.py) found, each pinned by the shortest sequence found."""

from __future__ import annotations

from cmis.clock import VirtualClock
from emulator import EmulatedModule


def test_restored_twin_reads_the_monitor_sample_the_original_shows() -> None:
    """A host read samples the monitors for the current slice; the case temperature target then
    moves within the slice (LowPwr -> ModulePwrDn). A module restored from a snapshot must show
    the same sample, not re-sample the moved curve (dom.load dropped the sample cache)."""
    clock = VirtualClock()
    original = EmulatedModule("osfp-800g-dr8", clock=clock, lpmode=False)
    clock.advance_to(original.queue.heap[0][0])  # ModulePwrUp -> ModuleReady
    original.twi_read(0, 128)  # samples the monitors of this slice
    original.twi_write(26, b"\x10")  # LowPwrRequestSW: ModulePwrDn, the case starts cooling
    twin = EmulatedModule("osfp-800g-dr8", clock=clock)
    twin.restore(original.snapshot())
    assert twin.twi_read(0, 128) == original.twi_read(0, 128)


def test_page_11h_of_a_bank_the_module_lacks_reads_as_zeros(module: EmulatedModule) -> None:
    """Selecting page 11h of bank 255 and reading its monitors crashed DOM sampling (IndexError)
    instead of reading zeros like any page the module does not have."""
    module.twi_write(126, bytes((255, 0x11)))
    assert module.twi_read(128, 128) == bytes(128)
