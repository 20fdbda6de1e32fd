"""Records shared by several pages: application descriptors and DPConfig bytes."""

from __future__ import annotations

from construct import BitsInteger, BitStruct, Bytes, Flag, Int8ub, Struct

ApplicationDescriptor = Struct(
    "HostInterfaceID" / Int8ub * "SFF-8024 host electrical interface code; 0xFF = end of list",
    "MediaInterfaceID" / Int8ub * "code from the table MediaType (lower byte 85) selects",
    "LaneCounts"
    / BitStruct(
        "HostLaneCount" / BitsInteger(4) * "0 = implied by the interface ID",
        "MediaLaneCount" / BitsInteger(4),
    ),
    "HostLaneAssignmentOptions" / Int8ub * "bit 0 = a data path may start on lane 1",
)

DPConfig = BitStruct(
    "AppSelCode" / BitsInteger(4) * "0 = lane unused",
    "DataPathID" / BitsInteger(3) * "0-based first lane of the data path",
    "ExplicitControl" / Flag,
)


def _si_fields(recall: str) -> list:
    """Signal-integrity settings shared by staged and active control sets (Tx then Rx)."""
    from cmis.fields import LaneCrumbs, LaneNibbles

    return [
        "AdaptiveInputEqEnableTx" / Int8ub * "lane bitmap: 1 adaptive, 0 fixed",
        recall / LaneCrumbs(2) * "00 none, 01 buffer 1, 10 buffer 2",
        "FixedInputEqTargetTx" / LaneNibbles(4),
        "CDREnableTx" / Int8ub,
        "CDREnableRx" / Int8ub,
        "OutputEqPreCursorTargetRx" / LaneNibbles(4),
        "OutputEqPostCursorTargetRx" / LaneNibbles(4),
        "OutputAmplitudeTargetRx" / LaneNibbles(4),
    ]


StagedControlSet = Struct(
    "ApplyDPInitLane" / Int8ub * "WO, single-byte write: provision lanes (regular)",
    "ApplyImmediateLane" / Int8ub * "WO: provision and commission immediately",
    "DPConfigLane" / DPConfig[8],
    *_si_fields("AdaptiveInputEqRecallTx"),
    "reserved" / Bytes(2),
    "ApplyImmediateTx" / Int8ub * "WO, CMIS 5.2",
    "ApplyImmediateRx" / Int8ub * "WO, CMIS 5.2",
)

ActiveControlSet = Struct(
    "DPConfigLane" / DPConfig[8],
    *_si_fields("AdaptiveInputEqRecalledTx"),
)
