"""Sans-I/O CDB pieces: the 01h:163-166 advertisement, command framing, reply checking."""

from __future__ import annotations

from dataclasses import dataclass

from cmis.codec.pages.page9f import cdb_check_code

LPL_MAX = 120  # bytes 136-255 of page 9Fh
EPL_PAGE_COUNTS = (0, 1, 2, 3, 4, 8, 12, 16)  # 01h:163.3-0 codes 0-7 (CMIS.md 4.3)
DEFAULT_MAX_BUSY = 5.0  # seconds, when nothing usable is advertised


@dataclass(frozen=True)
class CdbAdvertisement:
    """Page 01h bytes 163-166 decoded (CMIS.md 4.3)."""

    instances: int
    background: bool
    auto_paging: bool
    epl_pages: int
    rw_length_ext: int
    trigger_any_write: bool
    max_busy: float  # T_CDBB in seconds

    @classmethod
    def parse(cls, raw: bytes) -> CdbAdvertisement:
        b163, b164, b165, b166 = raw[:4]
        return cls(
            instances=b163 >> 6 if b163 >> 6 != 3 else 0,
            background=bool(b163 & 0x20),
            auto_paging=bool(b163 & 0x10),
            epl_pages=EPL_PAGE_COUNTS[min(b163 & 15, 7)] if b163 & 15 <= 7 else 0,
            rw_length_ext=b164,
            trigger_any_write=bool(b165 & 0x80),
            max_busy=_max_busy(b165, b166),
        )

    @property
    def lpl_write_limit(self) -> int:
        return 8 * (1 + min(self.rw_length_ext, 15))

    @property
    def epl_write_limit(self) -> int:
        return min(8 * (1 + self.rw_length_ext), 128)  # one page half per transaction


def _max_busy(b165: int, b166: int) -> float:
    """T_CDBB: 166.7 = 1 -> max(1, X) x 160 ms; else the larger reading of the 80 ms conflict."""
    if b166 & 0x80:
        return max(1, b165 & 0x1F) * 0.160
    x = min(80, b166 & 0x7F)
    return max(80 - x, x) / 1000


def frame(cmd: int, lpl: bytes = b"", epl_length: int = 0) -> bytes:
    """Bytes 128..135+len(lpl) of page 9Fh for a command, CdbChkCode filled in (CMIS.md 9.2)."""
    length = len(lpl)
    if length > LPL_MAX:
        raise ValueError(f"LPL of {length} bytes exceeds the {LPL_MAX}-byte local payload")
    if not (0 <= cmd <= 0xFFFF and 0 <= epl_length <= 0xFFFF):
        raise ValueError(f"CMDID {cmd} or EPLLength {epl_length} does not fit 16 bits")
    head = (cmd >> 8, cmd & 0xFF, epl_length >> 8, epl_length & 0xFF, length)
    check = ~(sum(head) + sum(lpl)) & 0xFF  # ones' complement sum, 133-135 counted as 0
    return bytes((*head, check, 0, 0)) + lpl


def reply_ok(length: int, check: int, payload: bytes) -> bool:
    """True when the RPL check code matches the payload the module announced."""
    return len(payload) == length and cdb_check_code(payload) == check
