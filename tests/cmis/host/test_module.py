"""Module basics against the emulator: identity, pages, caching, write refusals, flag history."""

from __future__ import annotations

import pytest

from cmis.errors import AddressError, InputError, WriteRefusedError
from cmis.host.module import Module

from .conftest import WriteCounter


class ReadCounter:
    def __init__(self, inner: object) -> None:
        self.inner, self.reads = inner, []  # type: ignore[var-annotated]

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        self.reads.append((page, offset, length, bank))
        return self.inner.read(page, offset, length, bank)  # type: ignore[attr-defined, no-any-return]

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        self.inner.write(page, offset, data, bank)  # type: ignore[attr-defined]


def test_identity_from_info(module: Module) -> None:
    info = module.info()
    assert info["identity"]["vendor_pn"] == "OSFP-800G-DR8"
    assert info["status"]["module_state"] == "ModuleReady"
    assert [a["appsel"] for a in info["applications"]] == [1, 2, 3]


def test_applications_banks_pages(module: Module) -> None:
    assert [app.appsel for app in module.applications()] == [1, 2, 3]
    assert module.application(2).start_lanes() == [1, 5]  # type: ignore[union-attr]
    assert module.banks == 1
    assert module.supported_pages()[:5] == ["00h", "01h", "02h", "10h", "11h"]
    # optional pages by number, never by their advertisement bit's name (the TUI opens them)
    assert all(len(p) == 3 and p.endswith("h") for p in module.supported_pages())
    assert {"13h", "14h"} <= set(module.supported_pages())


def test_static_pages_are_read_once(module: Module) -> None:
    counter = ReadCounter(module.transport)
    module.transport = counter  # type: ignore[assignment]
    for _ in range(3):
        module.page(0x01)
        module.read(0x00, 148, 16)
        module.read(0x02, 128, 8)
        module.applications()
    upper = [r for r in counter.reads if r[1] >= 128]
    assert sorted(upper) == [(0x00, 128, 128, 0), (0x01, 128, 128, 0), (0x02, 128, 128, 0)]


def test_volatile_pages_are_read_every_time(module: Module) -> None:
    counter = ReadCounter(module.transport)
    module.transport = counter  # type: ignore[assignment]
    module.page(0x11)
    module.page(0x11)
    assert counter.reads.count((0x11, 128, 128, 0)) == 2


@pytest.mark.parametrize(
    ("page", "offset", "data"),
    [
        (0x00, 14, b"\x00"),
        (0x00, 130, b"\x00"),
        (0x11, 128, b"\x00"),
        (0x10, 240, b"\x01"),
        (0x10, 129, b"\x00\x00\x00\x00\x00"),
    ],
)
def test_read_only_and_vendor_writes_refused(
    module: Module, counted: WriteCounter, page: int, offset: int, data: bytes
) -> None:
    with pytest.raises(WriteRefusedError, match="read-only or vendor area.*force"):
        module.write(page, offset, data)
    assert counted.writes == []


def test_force_lets_a_write_through(module: Module, counted: WriteCounter) -> None:
    module.write(0x10, 240, b"\x01", force=True)
    assert counted.writes == [(0x10, 240, b"\x01", 0)]


def test_rw_controls_are_writable(module: Module) -> None:
    module.write(0x10, 130, b"\x0f")
    assert module.read(0x10, 130, 1) == b"\x0f"


@pytest.mark.parametrize(("page", "offset", "length"), [(0x100, 0, 1), (0, 250, 10), (0, 0, 0)])
def test_bad_addresses(module: Module, page: int, offset: int, length: int) -> None:
    with pytest.raises(AddressError):
        module.read(page, offset, length)


def test_empty_write_is_bad_input(module: Module) -> None:
    with pytest.raises((InputError, AddressError)):
        module.write(0x10, 130, b"")


def test_flag_history_survives_clear_on_read(module: Module) -> None:
    first = module.read_flags()
    assert "ModuleStateChangedFlag" in [e.name for e in first]
    assert module.read_flags() == []  # the module cleared them when they were read
    names = [e.name for e in module.flags]
    assert names.count("ModuleStateChangedFlag") == 1  # ...but the history kept them


def test_any_read_covering_flags_feeds_history(module: Module) -> None:
    module.read(0, 0, 128)  # e.g. a dump of lower memory
    assert [e.name for e in module.flags] == ["ModuleStateChangedFlag"]
    assert "ModuleStateChangedFlag" not in [e.name for e in module.read_flags()]  # cleared


def test_lane_flags_after_tx_disable(module: Module) -> None:
    module.read_flags()
    module.set_tx_output([3], False)
    module.clock.sleep(1)
    events = module.read_flags()
    changed = [e for e in events if e.name == "DPStateChangedFlag"]
    assert changed and changed[0].lanes == tuple(range(1, 9))
    t = module.clock.now()
    assert all(e.time == t for e in events)


def test_dom_snapshot_units_and_levels(module: Module) -> None:
    dom = module.dom()
    assert dom["module"]["temperature_c"]["level"] in ("ok", "warning")
    lane = dom["lanes"][0]
    assert lane["rx_power_mw"] > 0 and lane["rx_power_dbm"] < 1
    assert lane["rx_power_level"] == "ok" and set(dom["lane_thresholds"]) == {
        "tx_power_mw",
        "tx_bias_ma",
        "rx_power_mw",
    }
    assert any(f["flag"] == "ModuleStateChangedFlag" for f in dom["flags"])


def test_new_flags_keep_arriving_once_the_history_is_full(module: Module) -> None:
    module.flags.limit = 5  # one poll of a faulty lane latches 3 flags
    module.device.faults.rx_los = {3}  # a persisting condition re-latches after every read
    seen = [module.dom()["flags"] for _ in range(4)]
    assert len(module.flags) == 5
    assert all(any(f["flag"] == "LOSFlagRx" for f in flags) for flags in seen[1:])
