"""CDB command IDs and the reply payloads we decode, as Structs over 9Fh:136.. (CMIS.md 9)."""

from __future__ import annotations

from enum import IntEnum

from construct import BitStruct, Bytes, Flag, Int8ub, Int16ub, PaddedString, Padding, Struct


class CdbCommand(IntEnum):
    """CMDID values (CMIS.md 9.4)."""

    QueryStatus = 0x0000
    EnterPassword = 0x0001
    ChangePassword = 0x0002
    AbortCommand = 0x0004  # CMD Abort: stop the background command in progress
    ModuleFeatures = 0x0040
    FirmwareFeatures = 0x0041
    GetFirmwareInfo = 0x0100
    StartDownload = 0x0101
    AbortDownload = 0x0102
    WriteBlockLpl = 0x0103
    WriteBlockEpl = 0x0104
    ReadBlockLpl = 0x0105
    ReadBlockEpl = 0x0106
    CompleteDownload = 0x0107
    CopyImage = 0x0108
    RunImage = 0x0109
    CommitImage = 0x010A


class RunMode(IntEnum):
    """0109h LPL byte 1."""

    ResetToInactive = 0
    HitlessToInactive = 1
    ResetToRunning = 2
    HitlessToRunning = 3


QueryStatusReply = Struct("StatusLength" / Int8ub, "Status" / Int8ub * "0 boot, 1 host password")

ModuleFeaturesReply = Struct(
    "CommandSupport" / Bytes(34) * "bytes 136-169: not decoded (layout unverified)",
    "MaxCompletionTime" / Int16ub * "bytes 170-171, ms",
)

FirmwareFeaturesReply = Struct(
    Padding(1),
    "Features"
    / BitStruct(
        "FullImageReadback" / Flag,
        Padding(3),
        "MaxDurationCoding" / Flag * "1: durations in 10 ms units",
        "SkipErasedBlocks" / Flag,
        "CopySupported" / Flag,
        "AbortSupported" / Flag,
    ),
    "StartCmdPayloadSize" / Int8ub,
    "ErasedByte" / Int8ub,
    "ReadWriteLengthExt" / Int8ub,
    "WriteMechanism" / Int8ub * "01h LPL, 10h EPL, 11h both",
    "ReadMechanism" / Int8ub,
    "HitlessRestart" / Int8ub,
    "MaxDurationStart" / Int16ub,
    "MaxDurationAbort" / Int16ub,
    "MaxDurationWrite" / Int16ub,
    "MaxDurationComplete" / Int16ub,
    "MaxDurationCopy" / Int16ub,
)

ImageVersion = Struct(
    "Major" / Int8ub, "Minor" / Int8ub, "Build" / Int16ub, "Text" / PaddedString(32, "ascii")
)

FirmwareInfoReply = Struct(
    "Status"
    / BitStruct(
        Padding(1),
        "ImageBInvalid" / Flag,
        "ImageBCommitted" / Flag,
        "ImageBRunning" / Flag,
        Padding(1),
        "ImageAInvalid" / Flag,
        "ImageACommitted" / Flag,
        "ImageARunning" / Flag,
    ),
    "InfoPresent" / BitStruct(Padding(5), "Factory" / Flag, "ImageB" / Flag, "ImageA" / Flag),
    "ImageA" / ImageVersion,
    "ImageB" / ImageVersion,
)
