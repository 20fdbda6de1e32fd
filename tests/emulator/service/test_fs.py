"""The mount's file operations called in-process (no FUSE): errnos, pin text, control refusals."""

from __future__ import annotations

import errno
import os

import pytest

from cmis.clock import VirtualClock
from emulator.chassis import build_chassis
from emulator.service.fs import ChassisFS


@pytest.fixture
def fs() -> ChassisFS:
    return ChassisFS(build_chassis(ports=3, clock=VirtualClock()))


def errno_of(call, *args) -> int:  # type: ignore[no-untyped-def]
    with pytest.raises(OSError) as caught:
        call(*args)
    return int(caught.value.errno or 0)


def test_eeprom_reads_what_the_port_reads_and_ends_at_its_size(fs: ChassisFS) -> None:
    port = fs.chassis.port("port1")
    assert fs.read("/port1/eeprom", 300, 100, 0) == port.read(100, 300)
    assert fs.getattr("/port1/eeprom")["st_size"] == port.size == 32896
    assert len(fs.read("/port1/eeprom", 1000, port.size - 96, 0)) == 96
    assert fs.read("/port1/eeprom", 10, port.size, 0) == b""


def test_eeprom_write_reaches_the_module_and_past_the_end_is_efbig(fs: ChassisFS) -> None:
    size = fs.chassis.port("port1").size
    assert fs.write("/port1/eeprom", b"\x5a", 2304 + 0x7E - 128, 0) == 1  # 10h:254... scratch
    assert errno_of(fs.write, "/port1/eeprom", b"x", size, 0) == errno.EFBIG
    assert fs.write("/port1/eeprom", b"\x00" * 4, size - 2, 0) == 2  # sysfs cuts at the end


def test_empty_cage_is_enxio_and_a_nack_is_eio(fs: ChassisFS) -> None:
    fs.write("/port2/cage", b"remove\n", 0, 0)
    assert errno_of(fs.read, "/port2/eeprom", 128, 0, 0) == errno.ENXIO
    assert fs.read("/port2/xcvr_present", 4096, 0, 0) == b"0\n"
    fs.write("/port3/fault", b"nack_rate=1\n", 0, 0)
    assert errno_of(fs.read, "/port3/eeprom", 1, 0, 0) == errno.EIO


def test_pins_read_and_write_as_text(fs: ChassisFS) -> None:
    assert fs.read("/port1/xcvr_lpmode", 4096, 0, 0) == b"1\n"  # asserted at start
    fs.write("/port1/xcvr_lpmode", b"0\n", 0, 0)
    assert fs.chassis.port("port1").lpmode is False
    fs.write("/port1/xcvr_reset", b"1", 0, 0)
    assert fs.read("/port1/xcvr_reset", 4096, 0, 0) == b"1\n"


@pytest.mark.parametrize("text", [b"2\n", b"", b"yes", b"01"])
def test_a_pin_takes_only_0_or_1_and_says_why_in_last_error(fs: ChassisFS, text: bytes) -> None:
    assert errno_of(fs.write, "/port1/xcvr_lpmode", text, 0, 0) == errno.EINVAL
    assert fs.chassis.port("port1").lpmode is True
    reason = fs.read("/.control/last_error", 4096, 0, 0).decode()
    assert reason.startswith("port1/xcvr_lpmode: write 0 or 1") and reason.count("\n") == 1


def test_read_only_files_refuse_writers_and_unknown_paths_are_enoent(fs: ChassisFS) -> None:
    assert errno_of(fs.open, "/port1/xcvr_present", os.O_WRONLY) == errno.EACCES
    assert errno_of(fs.open, "/.control/status.json", os.O_RDWR) == errno.EACCES
    assert fs.open("/port1/eeprom", os.O_RDWR) == 0
    for path in ("/port9", "/port1/nope", "/port1/eeprom/x", "/.control/x"):
        assert errno_of(fs.getattr, path) == errno.ENOENT


def test_directories_list_ports_then_files(fs: ChassisFS) -> None:
    assert fs.readdir("/", 0)[2:] == ["port1", "port2", "port3", ".control"]
    assert "eeprom" in fs.readdir("/port2", 0) and "xcvr_intr_status" in fs.readdir("/port2", 0)
    assert fs.readdir("/.control", 0)[2:] == ["links", "status.json", "last_error"]
