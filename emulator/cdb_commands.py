"""What each CDB command does in the emulator: the handler per CMDID, its duration, its lock."""

from __future__ import annotations

from collections.abc import Callable

from cmis.cdb.replies import CdbCommand
from emulator.cdb_download import (
    abort,
    commit,
    complete,
    read_lpl,
    run,
    start,
    write_epl,
    write_lpl,
)
from emulator.cdb_handler import Cdb, Request
from emulator.cdb_info import (
    enter_password,
    firmware_features,
    firmware_info,
    module_features,
    query_status,
)


def abort_command(cdb: Cdb, req: Request) -> bytes:
    """0004h: the running command was stopped at capture (emulator/cdb_abort.py)."""
    return b""


Handler = Callable[[Cdb, Request], bytes]
C = CdbCommand
HANDLERS: dict[int, Handler] = {
    C.QueryStatus: query_status, C.EnterPassword: enter_password,
    C.AbortCommand: abort_command,
    C.ModuleFeatures: module_features, C.FirmwareFeatures: firmware_features,
    C.GetFirmwareInfo: firmware_info, C.StartDownload: start, C.AbortDownload: abort,
    C.WriteBlockLpl: write_lpl, C.WriteBlockEpl: write_epl, C.CompleteDownload: complete,
    C.ReadBlockLpl: read_lpl,
    C.RunImage: run, C.CommitImage: commit,
}  # fmt: skip
DURATION_OF: dict[int, str] = {
    C.AbortCommand: "abort",
    C.StartDownload: "start", C.AbortDownload: "abort", C.WriteBlockLpl: "write",
    C.WriteBlockEpl: "write", C.CompleteDownload: "complete", C.ReadBlockLpl: "write",
}  # fmt: skip
PROTECTED = frozenset(cmd for cmd in HANDLERS if cmd >= 0x0100)  # firmware commands
