"""The CDB firmware commands: download (start, blocks, complete, abort), read-back, run, commit."""

from __future__ import annotations

from cmis.codec.codes import CdbStatus
from emulator.cdb_config import MECH_EPL, MECH_LPL, CdbConfig
from emulator.cdb_handler import Cdb, Request, need_lpl
from emulator.firmware import CommandFailed

READ_MAX = 116  # data bytes in one 0105h reply: 120-byte RPL minus the 4-byte address


def start(cdb: Cdb, req: Request) -> bytes:
    size = cdb.config.start_payload_size
    need_lpl(req, 8 + size, "Start Firmware Download")
    cdb.firmware.start(int.from_bytes(req.lpl[:4]), req.lpl[8 : 8 + size])
    return b""


def abort(cdb: Cdb, req: Request) -> bytes:
    cdb.firmware.abort()
    return b""


def write_lpl(cdb: Cdb, req: Request) -> bytes:
    need_lpl(req, 5, "Write Firmware Block LPL")
    _mechanism(cdb.config, MECH_LPL, "LPL")
    _block_fits(len(req.lpl) - 4, cdb.config.max_lpl_block)
    cdb.firmware.write(int.from_bytes(req.lpl[:4]), req.lpl[4:])
    return b""


def write_epl(cdb: Cdb, req: Request) -> bytes:
    need_lpl(req, 4, "Write Firmware Block EPL")
    _mechanism(cdb.config, MECH_EPL, "EPL")
    _block_fits(len(req.epl), cdb.config.max_epl_block)
    cdb.firmware.write(int.from_bytes(req.lpl[:4]), req.epl)
    return b""


def _mechanism(c: CdbConfig, bit: int, name: str) -> None:
    if not c.write_mechanism & bit:
        raise CommandFailed(
            CdbStatus.FailedParameter,
            f"{name} block writes are not advertised (0041h byte 141 = {c.write_mechanism:02X}h)",
        )


def _block_fits(length: int, limit: int) -> None:
    if length > limit:
        raise CommandFailed(
            CdbStatus.FailedParameter, f"block of {length} bytes exceeds the {limit}-byte limit"
        )


def read_lpl(cdb: Cdb, req: Request) -> bytes:
    """0105h (specs/choices.md): LPL = U32 address + U16 length; reply = address + data."""
    need_lpl(req, 6, "Read Firmware Block LPL")
    if not cdb.config.read_mechanism & MECH_LPL:
        raise CommandFailed(CdbStatus.FailedUnknownCommand, "LPL read-back is not advertised")
    length = int.from_bytes(req.lpl[4:6])
    _block_fits(length, READ_MAX)
    return req.lpl[:4] + cdb.firmware.read(int.from_bytes(req.lpl[:4]), length)


def complete(cdb: Cdb, req: Request) -> bytes:
    cdb.firmware.complete()
    return b""


def run(cdb: Cdb, req: Request) -> bytes:
    need_lpl(req, 4, "Run Firmware Image")
    mode, delay_ms = req.lpl[1], int.from_bytes(req.lpl[2:4])
    slot = cdb.firmware.run_target(mode)
    cdb.schedule_run(slot, hitless=bool(mode & 1) and cdb.config.hitless, delay=delay_ms / 1000)
    return b""


def commit(cdb: Cdb, req: Request) -> bytes:
    cdb.firmware.commit()
    return b""
