"""Page 9Fh side of one CDB command: the request read at the trigger, its checks, the reply."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from cmis.cdb.replies import CdbCommand
from cmis.codec.codes import CdbStatus
from cmis.codec.pages.page9f import cdb_check_code
from emulator.cdb_commands import DURATION_OF, HANDLERS, PROTECTED
from emulator.cdb_config import CdbConfig
from emulator.cdb_handler import Request
from emulator.firmware import CommandFailed
from emulator.memory import Memory

if TYPE_CHECKING:
    from emulator.faults import Faults

CDB_PAGE, EPL_FIRST, CMDID_LSB = 0x9F, 0xA0, 129
LPL_MAX = 120
STATUS_BYTE = 37  # 00h:37 instance 1, 38 instance 2
FLAGS_BYTE, COMPLETE_BIT = 8, 0x40  # 00h:8 bit 6 instance 1, bit 7 instance 2
ABORT = CdbCommand.AbortCommand  # the one trigger a busy instance may take (cdb_abort.py)


class Checked(Protocol):
    """The module state a request is checked against."""

    memory: Memory
    faults: Faults
    unlocked: bool

    def refresh_interrupt(self) -> None: ...


class CheckPort(Protocol):
    """What the checks and the reply use of the CDB engine (emulator.cdb.Cdb)."""

    config: CdbConfig
    fail_next: dict[int, int]
    requests: list[Request | None]
    aborted: list[bool]

    @property
    def module(self) -> Checked: ...


def read_request(memory: Memory, instance: int, epl_pages: int) -> Request:
    """What page 9Fh of ``instance`` (and its EPL pages) hold at the trigger."""
    page = memory.page(instance - 1, CDB_PAGE)
    lpl_len, epl_len = page[4], int.from_bytes(page[2:4])
    epl = _epl(memory, instance - 1, epl_len, epl_pages)
    return Request(instance, int.from_bytes(page[0:2]), bytes(page[8 : 8 + lpl_len]), epl)


def _epl(memory: Memory, bank: int, length: int, epl_pages: int) -> bytes:
    """The first ``length`` bytes of the EPL pages (only the pages that hold them)."""
    if not length:
        return b""
    count = min(epl_pages, -(-length // 128))
    return b"".join([memory.page(bank, EPL_FIRST + i) for i in range(count)])[:length]


def check_request(cdb: CheckPort, instance: int) -> None:
    """Raise CommandFailed with the status the module reports if the request may not run."""
    page = cdb.module.memory.page(instance - 1, CDB_PAGE)
    req = cdb.requests[instance - 1]
    assert req is not None
    if page[4] > LPL_MAX or len(req.epl) < int.from_bytes(page[2:4]):
        raise CommandFailed(CdbStatus.FailedParameter, "LPLLength or EPLLength too large")
    if ~(sum(page[: 8 + page[4]]) - page[5]) & 0xFF != page[5]:  # 133 counts as 0
        raise CommandFailed(CdbStatus.FailedCheckCode, "CdbChkCode mismatch")
    if req.cmd not in HANDLERS or (req.cmd == ABORT and not cdb.config.abort_command):
        raise CommandFailed(CdbStatus.FailedUnknownCommand, f"CMDID {req.cmd:04X}h")
    if req.cmd in PROTECTED and cdb.config.password_required and not cdb.module.unlocked:
        raise CommandFailed(CdbStatus.FailedPassword, "firmware commands need a password")
    if req.cmd in cdb.fail_next:
        raise CommandFailed(cdb.fail_next.pop(req.cmd), "injected failure")
    failure = cdb.module.faults.cdb_failure(req.cmd)
    if failure is not None:
        raise CommandFailed(failure, "injected fault: cdb_fail")


def busy_seconds(config: CdbConfig, cmd: int, busy_scale: float) -> float:
    """T of the timeline: the advertised duration of ``cmd``, scaled."""
    name = DURATION_OF.get(cmd)
    ms = config.durations_ms[name] if name else config.max_completion_ms
    scale = 1.0 if cmd == ABORT else busy_scale  # the way out is not slowed
    return ms / 1000 * config.busy_fraction * scale


def finish(cdb: CheckPort, instance: int, status: int, reply: bytes) -> None:
    """Reply first, then the status that clears busy, then the latched completion flag."""
    module = cdb.module
    page = module.memory.page(instance - 1, CDB_PAGE)
    page[6], page[7] = len(reply), cdb_check_code(reply)
    page[8 : 8 + len(reply)] = reply
    cdb.requests[instance - 1] = None
    cdb.aborted[instance - 1] = False
    set_status(module.memory, instance, status)
    lower, bit = module.memory.lower, COMPLETE_BIT << (instance - 1)
    if not lower[FLAGS_BYTE] & bit:  # still latched from an earlier command: IntL as it was
        lower[FLAGS_BYTE] |= bit
        module.refresh_interrupt()


def set_status(memory: Memory, instance: int, status: int) -> None:
    memory.lower[STATUS_BYTE + instance - 1] = status
