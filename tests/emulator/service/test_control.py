"""Control files: faults, cage and status as text; a refused write changes nothing."""

from __future__ import annotations

import errno
import json

import pytest

from cmis.clock import VirtualClock
from emulator.chassis import build_chassis
from emulator.service.fs import ChassisFS


@pytest.fixture
def fs() -> ChassisFS:
    return ChassisFS(build_chassis(ports=2, clock=VirtualClock()))


def text(fs: ChassisFS, path: str) -> str:
    return fs.read(path, 4096, 0, 0).decode()


def test_faults_written_come_back_as_written_and_clear(fs: ChassisFS) -> None:
    fs.write("/port1/fault", b"rx_los=1-4,8\n", 0, 0)
    fs.write("/port1/fault", b"nack_rate=0.5", 0, 0)
    assert text(fs, "/port1/fault") == "rx_los=1-4,8\nnack_rate=0.5\n"
    assert text(fs, "/port2/fault") == ""
    fs.write("/port1/fault", b"clear\n", 0, 0)
    assert text(fs, "/port1/fault") == ""


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"rx_los=1-9", "port1/fault: rx_los: lanes '1-9'"),
        (b"bogus=1", "no fault 'bogus'"),
        (b"rx_los", "write NAME=VALUE"),
        (b"rx_los=1 tx_fault=2", "write NAME=VALUE"),
        (b"nack_rate=2", "not a probability"),
    ],
)
def test_a_bad_fault_is_einval_with_a_reason_and_no_change(
    fs: ChassisFS, line: bytes, reason: str
) -> None:
    fs.write("/port1/fault", b"tx_fault=3", 0, 0)
    with pytest.raises(OSError) as caught:
        fs.write("/port1/fault", line, 0, 0)
    assert caught.value.errno == errno.EINVAL
    assert reason in text(fs, "/.control/last_error")
    assert text(fs, "/port1/fault") == "tx_fault=3\n"


def test_cage_removes_and_inserts_a_fresh_module(fs: ChassisFS) -> None:
    fs.write("/port1/fault", b"tx_fault=3", 0, 0)
    fs.write("/port1/cage", b"remove\n", 0, 0)
    assert text(fs, "/port1/cage") == "empty\n"
    assert json.loads(text(fs, "/.control/status.json"))[0]["present"] is False
    fs.write("/port1/cage", b"insert qsfpdd-800g-2xfr4\n", 0, 0)
    assert text(fs, "/port1/cage") == "present qsfpdd-800g-2xfr4\n"
    assert text(fs, "/port1/fault") == ""  # a fresh module has no faults


@pytest.mark.parametrize("line", [b"pull", b"insert a b", b"", b"insert no-such-profile"])
def test_a_bad_cage_command_changes_nothing(fs: ChassisFS, line: bytes) -> None:
    with pytest.raises(OSError) as caught:
        fs.write("/port2/cage", line, 0, 0)
    assert caught.value.errno == errno.EINVAL
    assert text(fs, "/port2/cage") == "present osfp-800g-dr8\n"
    assert len(text(fs, "/.control/last_error")) <= 200
