"""port.read/port.write in optoe-linear addressing: the same bytes the module shows, paged."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.errors import TransportError
from emulator.chassis import Chassis, ChassisError, build_chassis


def page(port, bank: int, number: int) -> bytes:  # type: ignore[no-untyped-def]
    """Upper page (bank, number) as the module shows it over I2C."""
    m = port.module
    m.twi_write(126, bytes((bank, number)))
    data = m.twi_read(128, 128)
    m.twi_write(126, b"\0\0")
    return data


def test_linear_offsets_map_to_bank_page_and_byte(chassis: Chassis) -> None:
    port = chassis.port("port1")
    assert port.read(0, 3) == port.module.twi_read(0, 3)  # (bytes 3 on are flags: COR)
    assert port.read(128, 128) == page(port, 0, 0)
    assert port.read(0x11 * 128 + 128, 128) == page(port, 0, 0x11)
    assert port.read(256, 256) == page(port, 0, 1) + page(port, 0, 2)


def test_a_read_across_a_page_boundary_restores_page_0(chassis: Chassis) -> None:
    port = chassis.port("port1")
    data = port.read(250, 20)  # 00h bytes 250-255, then 01h bytes 128-141
    assert data == page(port, 0, 0)[122:] + page(port, 0, 1)[:14]
    assert port.module.memory.selected == (0, 0)


def test_banked_pages_of_a_two_bank_module(clock: VirtualClock) -> None:
    port = build_chassis(1, profile="osfp-xd-1.6t-dr16", clock=clock).port("port1")
    assert port.size == 65664
    bank1_p11 = 128 + 32768 + 0x11 * 128
    assert port.read(bank1_p11, 128) == page(port, 1, 0x11)
    assert port.read(port.size - 1, 10) == page(port, 1, 0xFF)[-1:]
    assert port.read(port.size, 10) == b""


def test_writes_go_in_pieces_and_land_on_the_page(chassis: Chassis) -> None:
    port = chassis.port("port1")
    port.lpmode = False
    p10 = 128 + 0x10 * 128
    port.write(p10 + 2, b"\x0f")  # OutputDisableTx 10h:130 lanes 1-4
    assert page(port, 0, 0x10)[2] == 0x0F
    port.write(122, bytes(6))  # bytes 122-127 in one 8-byte piece, with the page select
    assert port.module.memory.selected == (0, 0)


def test_past_the_end_reads_eof_and_writes_fail(chassis: Chassis) -> None:
    port = chassis.port("port1")
    assert port.read(32896, 1) == b"" and len(port.read(32890, 100)) == 6
    with pytest.raises(ChassisError, match="runs past the end"):
        port.write(32895, b"\0\0")


def test_an_empty_cage_and_a_nack(chassis: Chassis) -> None:
    port = chassis.port("port2")
    chassis.set_fault("port2", "nack_rate", "1")
    with pytest.raises(TransportError):
        port.read(256, 4)
    port.remove()
    with pytest.raises(ChassisError, match="port2: no module"):
        port.read(0, 1)
