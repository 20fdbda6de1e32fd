"""Module-side CDB: trigger rules, busy phases, reply before status, flag/IntL, failure codes."""

from __future__ import annotations

import pytest

from cmis.cdb.frame import frame
from cmis.codec.codes import CdbStatus
from cmis.codec.pages.page9f import cdb_check_code
from cmis.errors import TransportError
from emulator import EmulatedModule
from tests.cmis.firmware.fw_pair import profile_variant
from tests.emulator.helpers import read, select, write


def send(m: EmulatedModule, cmd: int, lpl: bytes = b"", *, split: bool = False, bad_chk=False):
    body = bytearray(frame(cmd, lpl))
    if bad_chk:
        body[5] ^= 0xFF
    select(m, 0x9F)
    for k in range(2, len(body), 8):
        m.twi_write(128 + k, bytes(body[k : k + 8]))
    if split:
        m.twi_write(128, body[:1])
        m.twi_write(129, body[1:2])
    else:
        m.twi_write(128, bytes(body[:2]))


def finish(clock, m: EmulatedModule) -> int:
    clock.advance(1.0)
    return m.twi_read(37, 1)[0]


def test_status_goes_busy_synchronously_then_through_the_phases(clock, module):
    send(module, 0x0041)
    seen = [module.twi_read(37, 1)[0]]
    for _ in range(12):
        clock.advance(0.001)
        seen.append(module.twi_read(37, 1)[0])
    assert seen[0] == CdbStatus.BusyCaptured
    assert {CdbStatus.BusyChecking, CdbStatus.BusyExecuting, CdbStatus.Success} <= set(seen)
    order = [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]]
    assert order == [0x81, 0x82, 0x83, 0x01]


def test_two_single_byte_writes_trigger_and_other_writes_do_not(clock, module):
    send(module, 0x0041, split=True)
    assert finish(clock, module) == CdbStatus.Success
    select(module, 0x9F)
    module.twi_write(130, b"\x00\x00")
    assert module.twi_read(37, 1)[0] == CdbStatus.Success  # 130-131 do not trigger


def test_reply_is_checked_and_flag_latches_into_intl(clock, module):
    module.twi_write(31, b"\x00")  # unmask CdbCmdComplete1
    module.twi_read(8, 1)
    send(module, 0x0100)
    assert finish(clock, module) == CdbStatus.Success
    length, check = read(module, 0x9F, 134, 2)
    payload = read(module, 0x9F, 136, length)
    assert length == 74 and cdb_check_code(payload) == check
    assert module.intl
    assert module.twi_read(8, 1)[0] & 0x40
    assert not module.twi_read(8, 1)[0] & 0x40  # clear on read
    assert not module.intl


def test_masked_flag_does_not_assert_intl(clock, module):
    module.twi_write(31, b"\xff")
    send(module, 0x0040)
    finish(clock, module)
    assert not module.intl


@pytest.mark.parametrize(
    ("cmd", "lpl", "bad_chk", "status"),
    [
        (0x0F00, b"", False, CdbStatus.FailedUnknownCommand),
        (0x0041, b"", True, CdbStatus.FailedCheckCode),
        (0x0101, b"\x00\x00", False, CdbStatus.FailedParameter),  # Start without its header
        (0x0109, b"\x00\x07\x00\x00", False, CdbStatus.FailedParameter),  # run mode 7
        (0x0103, b"\x00\x00\x00\x00\x01", False, CdbStatus.FailedNotCompatible),  # block first
        (0x0107, b"", False, CdbStatus.FailedNotCompatible),  # Complete without Start
        (0x0001, b"\x00\x00\x00\x01", False, CdbStatus.FailedPassword),
    ],
)
def test_failure_codes(clock, module, cmd, lpl, bad_chk, status):
    send(module, cmd, lpl, bad_chk=bad_chk)
    assert finish(clock, module) == status


def test_password_protected_firmware_commands(clock):
    m = EmulatedModule("qsfpdd-800g-2xfr4", clock=clock)
    send(m, 0x0100)
    assert finish(clock, m) == CdbStatus.FailedPassword
    send(m, 0x0001, (0x1011).to_bytes(4, "big"))
    assert finish(clock, m) == CdbStatus.Success
    send(m, 0x0100)
    assert finish(clock, m) == CdbStatus.Success


def test_epl_length_beyond_the_advertised_pages_is_a_parameter_error(clock, module):
    body = bytearray(frame(0x0104, bytes(4), 4096))
    write(module, 0x9F, 130, bytes(body[2:10]))
    write(module, 0x9F, 128, bytes(body[:2]))
    assert finish(clock, module) == CdbStatus.FailedParameter


def test_foreground_module_nacks_everything_while_busy(clock):
    m = EmulatedModule(profile_variant("osfp-800g-dr8", advertisement="[0x47, 0x0F, 0x00, 0x00]"),
                       clock=clock)  # fmt: skip
    send(m, 0x0041)
    with pytest.raises(TransportError, match="CDB"):
        m.twi_read(37, 1)
    assert finish(clock, m) == CdbStatus.Success


def test_busy_scale_makes_commands_slower_than_advertised(clock, module):
    module.cdb.busy_scale = 10.0
    send(module, 0x0041)  # 20 ms advertised, 10 ms normally
    clock.advance(0.05)
    assert module.twi_read(37, 1)[0] & 0x80
    assert finish(clock, module) == CdbStatus.Success


def test_injected_failure_code(clock, module):
    module.cdb.fail_next[0x0041] = 0x44
    send(module, 0x0041)
    assert finish(clock, module) == 0x44


def test_cdb_fail_fault_fails_its_command_every_time_until_cleared(clock, module):
    module.faults.cdb_fail = (0x0041, 0x45)
    for _ in range(2):  # unlike fail_next, it stays
        send(module, 0x0041)
        assert finish(clock, module) == 0x45
    send(module, 0x0040)  # another command is not touched
    assert finish(clock, module) == CdbStatus.Success
    module.faults.clear()
    send(module, 0x0041)
    assert finish(clock, module) == CdbStatus.Success


def test_versions_published_at_39_40_and_01h_128_129(module):
    assert module.twi_read(39, 2) == bytes((3, 7))
    assert read(module, 0x01, 128, 2) == bytes((3, 5))


def test_second_instance_uses_bank_1_and_status_38(clock):
    m = EmulatedModule("osfp-xd-1.6t-dr16", clock=clock)
    body = frame(0x0041)
    write(m, 0x9F, 130, body[2:], bank=1)
    write(m, 0x9F, 128, body[:2], bank=1)
    assert m.twi_read(38, 1)[0] == CdbStatus.BusyCaptured
    clock.advance(1.0)
    assert m.twi_read(37, 2) == bytes((0, CdbStatus.Success))
    assert m.twi_read(8, 1)[0] & 0x80
