"""The I2C side of EmulatedModule (TwiDevice): window reads and writes, NACKs, write triggers."""

from __future__ import annotations

import errno
from typing import Protocol

from cmis.errors import TransportError
from emulator import addresses as a
from emulator.cdb import CDB_PAGE, CMDID_LSB, Cdb
from emulator.cdb import STATUS_BYTE as CDB_STATUS
from emulator.controlsets import DPINIT, IMMEDIATE, ControlSets
from emulator.datapath import REPORTED_P10, DataPaths
from emulator.diagresults import observe
from emulator.dom import Dom
from emulator.faults import Faults
from emulator.machine import ModuleMachine
from emulator.memory import Memory
from emulator.prbs import Diagnostics
from emulator.rules import HIDDEN_STATES
from emulator.vdm import Vdm

_DOM_LOWER_FIRST, _DOM_LOWER_LAST = a.DOM_LOWER
_DOM_LANES_FIRST, _DOM_LANES_LAST = a.DOM_LANES
P11 = 0x11  # lane status page: its monitors and flags
_MASKS_END = a.MODULE_MASKS + a.MODULE_FLAG_COUNT  # one past the last module mask byte (34)
_DIAG_PAGES = frozenset({0x13, 0x14})  # PRBS and loopback controls, results
_VDM_FIRST, _VDM_LAST, _VDM_CONTROL = 0x20, 0x2F, 144
_ACTING_PAGES = frozenset(
    {CDB_PAGE, 0x10, 0x2D, 0x2F, *_DIAG_PAGES}  # 2Dh VDM masks, 2Fh VDM freeze
)  # upper pages whose writes a subsystem acts on


class BusOwner(Protocol):
    """What the bus reaches of its module: the window, the subsystems writes act on, password."""

    memory: Memory
    dom: Dom
    vdm: Vdm
    cdb: Cdb
    faults: Faults
    machine: ModuleMachine
    datapaths: DataPaths
    controlsets: ControlSets
    diag: Diagnostics
    software_reset: bool
    unlocked: bool
    password: int
    _password_buf: bytearray
    _present: bool

    def _touch(self) -> None: ...

    def refresh_interrupt(self) -> None: ...


class Bus:
    """TwiDevice methods, mixed into EmulatedModule."""

    max_read = 128
    max_write = 8

    def twi_read(self: BusOwner, offset: int, length: int) -> bytes:
        self._touch()
        _check(self, offset, length)
        # monitors and flags are brought up to date only for reads that can see them
        end, memory = offset + length - 1, self.memory
        if offset <= _DOM_LOWER_LAST and end >= _DOM_LOWER_FIRST:
            self.dom.observe()
        if end >= _DOM_LANES_FIRST and offset <= _DOM_LANES_LAST and memory.selected[1] == P11:
            self.dom.observe(memory.selected[0])
        elif end >= 128 and memory.selected[1] == 0x14:
            observe(self.diag, memory.selected[0])
        elif end >= 128 and _VDM_FIRST <= memory.selected[1] <= _VDM_LAST:
            self.vdm.observe(memory.selected[0])
        data = memory.read(offset, length)
        if memory.flags_read:
            memory.flags_read = False
            self.dom.flags.latch()  # a condition that still holds sets its flag again at once
            self.vdm.latch()
            self.refresh_interrupt()
        return data

    def twi_write(self: BusOwner, offset: int, data: bytes) -> None:
        self._touch()
        _check(self, offset, len(data))
        memory = self.memory
        selected = memory.selected
        triggers = memory.write(offset, data if type(data) is bytes else bytes(data))
        end = offset + len(data)
        if not triggers and (offset >= 128 and selected[1] not in _ACTING_PAGES or end <= 128
                             and offset >= _MASKS_END):  # fmt: skip
            return  # EPL data, a page select or a plain lower byte: nothing acts on it
        for address, value in triggers:
            _trigger(self, selected, address, value)
        if end > 128 and selected[1] in _DIAG_PAGES:
            self.diag.on_write(selected[0])
        if selected[1] == CDB_PAGE and offset <= CMDID_LSB < end:
            self.cdb.on_write(selected[0], offset, len(data))
        if selected[1] == 0x2F and offset <= _VDM_CONTROL < end:
            self.vdm.control(memory.upper[_VDM_CONTROL - 128])
        elif selected[1] == 0x2D:
            self.refresh_interrupt()  # a VDM mask changed
        # only controls, masks and page 10h move a state machine; selects must stay cheap
        page10 = end > 128 and selected[1] == 0x10
        if page10 and any(offset <= byte < end for byte in REPORTED_P10):
            self.datapaths.touch()  # output controls may change what page 11h reports
        if page10 or offset <= a.CONTROLS < end or (offset < _MASKS_END and end > a.MODULE_MASKS):
            self.machine.settle()


def _check(m: BusOwner, offset: int, length: int) -> None:
    if not m._present:
        raise TransportError("NACK: no module present (insert() it first)", errno=errno.ENXIO)
    if m.machine.state in HIDDEN_STATES:
        raise TransportError(
            f"NACK: module busy in {m.machine.state.name}; retry after it finishes",
            errno=errno.EIO,
        )
    if m.faults.on_bus:
        m.faults.check_transaction()
    lower = m.memory.lower
    if (lower[CDB_STATUS] | lower[CDB_STATUS + 1]) & 0x80:  # a CDB command is busy
        m.cdb.check_access()
    if not (0 <= offset < 256 and length >= 1 and offset + length <= 256):
        raise TransportError(
            f"NACK: {length} byte(s) at offset {offset} do not fit in bytes 0-255",
            errno=errno.EIO,
        )


def _trigger(m: BusOwner, selected: tuple[int, int], address: int, value: int) -> None:
    if address == a.CONTROLS:
        m.software_reset = bool(value & a.SOFTWARE_RESET)
    elif address < 128:
        _password_byte(m, address, value)
    elif selected[1] == 0x10 and address in a.SCS_APPLY_DPINIT:
        m.controlsets.trigger(selected[0], a.SCS_APPLY_DPINIT.index(address), DPINIT, value)
    elif selected[1] == 0x10 and address in a.SCS_APPLY_IMMEDIATE:
        m.controlsets.trigger(selected[0], a.SCS_APPLY_IMMEDIATE.index(address), IMMEDIATE, value)


def _password_byte(m: BusOwner, address: int, value: int) -> None:
    """Password areas are write-only; the module acts when the last byte (121/125) lands."""
    m._password_buf[address - a.PASSWORD_CHANGE] = value
    if address == a.PASSWORD_ENTRY + 3:
        m.unlocked = int.from_bytes(m._password_buf[4:]) == m.password
    elif address == a.PASSWORD_CHANGE + 3 and m.unlocked:
        m.password = int.from_bytes(m._password_buf[:4])
