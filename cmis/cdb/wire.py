"""Page 9Fh I/O of one CDB instance: the command in as few writes as advertised, the reply read."""

from __future__ import annotations

from collections.abc import Callable

from cmis.cdb.errors import CdbReplyError
from cmis.cdb.frame import CdbAdvertisement, frame, reply_ok
from cmis.transport.base import Transport

CDB_PAGE, EPL_FIRST, STATUS_BYTE = 0x9F, 0xA0, 37

Write = Callable[[int, int, bytes], None]


def write_command(
    transport: Transport, bank: int, adv: CdbAdvertisement, cmd: int, lpl: bytes, epl: bytes
) -> None:
    """Write EPL, then header + LPL, then CMDID (the trigger).

    Each write goes out in as few transactions as the advertised CDB write length allows
    (one for a whole LPL with ``rw_length_ext`` >= 15, one per EPL page half up to 128).
    """
    body = frame(cmd, lpl, len(epl))
    if epl:
        write = _writer(transport, bank, adv.epl_write_limit)
        for k in range(0, len(epl), 128):
            write(EPL_FIRST + k // 128, 128, epl[k : k + 128])
    _writer(transport, bank, adv.lpl_write_limit)(CDB_PAGE, 130, body[2:])
    transport.write(CDB_PAGE, 128, body[:2], bank=bank)  # 2-byte write at 128 triggers


def _writer(transport: Transport, bank: int, limit: int) -> Write:
    """A host write in transactions of up to the CDB ``limit`` where the transport can
    take a per-call limit (TwiTransport and its wrappers); others chunk as they always do.
    Decided once per command, not once per EPL page."""
    write = transport.write
    if limit > getattr(transport, "max_write", limit):
        return lambda page, offset, data: write(page, offset, data, bank, max_write=limit)  # type: ignore[call-arg]
    return lambda page, offset, data: write(page, offset, data, bank)


def read_reply(transport: Transport, bank: int, cmd: int) -> bytes:
    """Reply bytes 136.. after checking RPLLength and RPLChkCode (CMIS.md 9.2)."""
    length, check = transport.read(CDB_PAGE, 134, 2, bank=bank)
    if length > 120:
        raise CdbReplyError(cmd, None, f"RPLLength {length} is larger than 120")
    payload = transport.read(CDB_PAGE, 136, length, bank=bank) if length else b""
    if not reply_ok(length, check, payload):
        raise CdbReplyError(cmd, None, f"RPLChkCode {check:02X}h does not match the payload")
    return payload
