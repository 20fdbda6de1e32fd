"""One poll = one snapshot: page 11h read once, lanes/dom/flags from the same bytes."""

from __future__ import annotations

from collections import Counter

from cmis.host.module import Module
from emulator.targets import open_emulated


class CountingTransport:
    """Counts reads per page on the way through (the host sees the same bytes)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.reads: Counter[int] = Counter()

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        self.reads[page if offset >= 128 else -1] += 1
        return self.inner.read(page, offset, length, bank)  # type: ignore[attr-defined]

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        self.inner.write(page, offset, data, bank)  # type: ignore[attr-defined]


def counted(module: Module) -> CountingTransport:
    module.transport = counting = CountingTransport(module.transport)
    return counting


def _dp_changed(module: Module) -> Module:
    """A module whose data-path state just changed once: DPStateChangedFlag latched once."""
    module.read_flags()  # what bring-up latched, out of the way
    module.flags.clear()
    module.set_tx_output([3], False)
    module.clock.sleep(1)
    return module


def test_a_flag_latched_once_shows_once_in_a_poll_of_both_views() -> None:
    module = _dp_changed(open_emulated("osfp-800g-dr8"))
    snap = module.poll()
    states = [lane.dp_state for lane in snap.lanes]  # the Lanes view ...
    flags = [f["flag"] for f in snap.dom["flags"]]  # ... and the DOM view of the same poll
    assert len(states) == 8
    assert flags.count("DPStateChangedFlag") == 1
    assert [e.name for e in module.flags].count("DPStateChangedFlag") == 1
    assert [e.name for e in snap.flags].count("DPStateChangedFlag") == 1


def test_a_poll_reads_page_11h_once_per_bank() -> None:
    module = open_emulated("osfp-xd-1.6t-dr16")
    reads = counted(module)
    snap = module.poll()
    assert len(snap.lanes) == 16 and len(snap.dom["lanes"]) == 16
    assert reads.reads[0x11] == 2 and reads.reads[0x10] == 2 and reads.reads[-1] == 1


def test_lanes_and_dom_are_views_of_a_poll() -> None:
    module = _dp_changed(open_emulated("osfp-800g-dr8"))
    lanes = module.lanes()
    assert lanes[2].tx_disabled and not lanes[1].tx_disabled
    assert [e.name for e in module.flags].count("DPStateChangedFlag") == 1
    assert module.dom()["flags"] == []  # the lanes poll already took (and recorded) it


def test_an_application_switch_polls_the_bus_sparingly() -> None:
    module = open_emulated("osfp-800g-dr8")
    reads = counted(module)
    module.apply_application(2)
    # advertised-step polling: a few DP state reads per wait, not one every few milliseconds
    assert sum(reads.reads.values()) <= 24
    assert [p.appsel for p in module.data_paths()] == [2, 2]
