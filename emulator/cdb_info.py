"""The CDB commands that query the module or unlock it: status, password, features, images."""

from __future__ import annotations

from cmis.cdb.replies import (
    FirmwareFeaturesReply,
    FirmwareInfoReply,
    ModuleFeaturesReply,
    QueryStatusReply,
)
from cmis.codec.codes import CdbStatus
from emulator.cdb_config import FEATURE_10MS, CdbConfig
from emulator.cdb_handler import Cdb, Request, need_lpl
from emulator.firmware import CommandFailed, Image


def query_status(cdb: Cdb, req: Request) -> bytes:
    return QueryStatusReply.build({"StatusLength": 1, "Status": int(cdb.module.unlocked)})


def enter_password(cdb: Cdb, req: Request) -> bytes:
    need_lpl(req, 4, "Enter Password")
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
