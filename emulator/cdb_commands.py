"""What each CDB command does in the emulator: one handler per CMDID, returning its reply."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol

from cmis.cdb.replies import (
    CdbCommand,
    FirmwareFeaturesReply,
    FirmwareInfoReply,
    ModuleFeaturesReply,
    QueryStatusReply,
)
from cmis.codec.codes import CdbStatus
from emulator.cdb_config import FEATURE_10MS, MECH_EPL, MECH_LPL, CdbConfig
from emulator.firmware import CommandFailed, FirmwareStore, Image

READ_MAX = 116  # data bytes in one 0105h reply: 120-byte RPL minus the 4-byte address


class Lock(Protocol):
    """The module's password state, which Enter Password and Query Status use."""

    unlocked: bool
    password: int


class Cdb(Protocol):
    """What a handler uses of the CDB engine (emulator.cdb.Cdb)."""

    config: CdbConfig
    firmware: FirmwareStore

    @property
    def module(self) -> Lock: ...

    def schedule_run(self, slot: int, *, hitless: bool, delay: float) -> None: ...


class Request(NamedTuple):
    """A captured command: what page 9Fh (and the EPL pages) held when it was triggered."""

    instance: int
    cmd: int
    lpl: bytes
    epl: bytes


def _need_lpl(req: Request, size: int, what: str) -> None:
    if len(req.lpl) < size:
        raise CommandFailed(
            CdbStatus.FailedParameter, f"{what} needs {size} LPL bytes, got {len(req.lpl)}"
        )


def query_status(cdb: Cdb, req: Request) -> bytes:
    return QueryStatusReply.build({"StatusLength": 1, "Status": int(cdb.module.unlocked)})


def enter_password(cdb: Cdb, req: Request) -> bytes:
    _need_lpl(req, 4, "Enter Password")
    cdb.module.unlocked = int.from_bytes(req.lpl[:4]) == cdb.module.password
    if not cdb.module.unlocked:
        raise CommandFailed(CdbStatus.FailedPassword, "wrong password")
    return b""


def module_features(cdb: Cdb, req: Request) -> bytes:
    return ModuleFeaturesReply.build(
        {"CommandSupport": bytes(34), "MaxCompletionTime": cdb.config.max_completion_ms}
    )


def firmware_features(cdb: Cdb, req: Request) -> bytes:
    c = cdb.config
    unit = 10 if c.features & FEATURE_10MS else 1
    durations = {f"MaxDuration{k.title()}": v // unit for k, v in c.durations_ms.items()}
    return FirmwareFeaturesReply.build({
        "Features": _feature_bits(c), "StartCmdPayloadSize": c.start_payload_size,
        "ErasedByte": c.erased_byte, "ReadWriteLengthExt": c.rw_length_ext,
        "WriteMechanism": c.write_mechanism, "ReadMechanism": c.read_mechanism,
        "HitlessRestart": int(c.hitless), **durations,
    })  # fmt: skip


def _feature_bits(c: CdbConfig) -> dict[str, bool]:
    bits = ("AbortSupported", "CopySupported", "SkipErasedBlocks", "MaxDurationCoding")
    return {name: bool(c.features >> i & 1) for i, name in enumerate(bits)} | {
        "FullImageReadback": bool(c.features & 0x80)
    }


def firmware_info(cdb: Cdb, req: Request) -> bytes:
    fw = cdb.firmware
    status = {}
    for slot, name in enumerate("AB"):
        status[f"Image{name}Running"] = fw.running == slot
        status[f"Image{name}Committed"] = fw.committed == slot
        status[f"Image{name}Invalid"] = not fw.images[slot].valid
    versions = {f"Image{n}": _version(fw.images[i]) for i, n in enumerate("AB")}
    present = {"ImageA": fw.images[0].valid, "ImageB": fw.images[1].valid, "Factory": False}
    return FirmwareInfoReply.build({"Status": status, "InfoPresent": present, **versions})


def _version(image: Image) -> dict[str, object]:
    major, minor, build = image.version if image.valid else (0, 0, 0)
    return {"Major": major, "Minor": minor, "Build": build, "Text": image.text}


def start(cdb: Cdb, req: Request) -> bytes:
    size = cdb.config.start_payload_size
    _need_lpl(req, 8 + size, "Start Firmware Download")
    cdb.firmware.start(int.from_bytes(req.lpl[:4]), req.lpl[8 : 8 + size])
    return b""


def abort(cdb: Cdb, req: Request) -> bytes:
    cdb.firmware.abort()
    return b""


def abort_command(cdb: Cdb, req: Request) -> bytes:
    """0004h: the running command was stopped at capture (emulator/cdb_abort.py)."""
    return b""


def write_lpl(cdb: Cdb, req: Request) -> bytes:
    _need_lpl(req, 5, "Write Firmware Block LPL")
    _mechanism(cdb.config, MECH_LPL, "LPL")
    _block_fits(len(req.lpl) - 4, cdb.config.max_lpl_block)
    cdb.firmware.write(int.from_bytes(req.lpl[:4]), req.lpl[4:])
    return b""


def write_epl(cdb: Cdb, req: Request) -> bytes:
    _need_lpl(req, 4, "Write Firmware Block EPL")
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
    _need_lpl(req, 6, "Read Firmware Block LPL")
    if not cdb.config.read_mechanism & MECH_LPL:
        raise CommandFailed(CdbStatus.FailedUnknownCommand, "LPL read-back is not advertised")
    length = int.from_bytes(req.lpl[4:6])
    _block_fits(length, READ_MAX)
    return req.lpl[:4] + cdb.firmware.read(int.from_bytes(req.lpl[:4]), length)


def complete(cdb: Cdb, req: Request) -> bytes:
    cdb.firmware.complete()
    return b""


def run(cdb: Cdb, req: Request) -> bytes:
    _need_lpl(req, 4, "Run Firmware Image")
    mode, delay_ms = req.lpl[1], int.from_bytes(req.lpl[2:4])
    slot = cdb.firmware.run_target(mode)
    cdb.schedule_run(slot, hitless=bool(mode & 1) and cdb.config.hitless, delay=delay_ms / 1000)
    return b""


def commit(cdb: Cdb, req: Request) -> bytes:
    cdb.firmware.commit()
    return b""


Handler = Callable[["Cdb", Request], bytes]
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
