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
    from cmis.codec.fields import LaneCrumbs, LaneNibbles

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


def _dpconfig_fields() -> dict[str, tuple[int, int]]:
    """DPConfig field -> (shift, mask) from the BitStruct itself (first field = highest bits)."""
    fields, shift = {}, 8
    for sub in DPConfig.subcon.subcons:
        width = sub.sizeof()
        shift -= width
        fields[sub.name] = (shift, (1 << width) - 1)
    return fields


DPCONFIG_FIELDS = _dpconfig_fields()
_APPSEL, _DPID, _EXPLICIT = (
    DPCONFIG_FIELDS[n] for n in ("AppSelCode", "DataPathID", "ExplicitControl")
)


def pack_dpconfig(appsel: int, data_path_id: int, explicit: bool = False) -> int:
    """One DPConfig byte: AppSelCode, DataPathID (0-based first lane) and ExplicitControl."""
    fields = ((appsel, _APPSEL), (data_path_id, _DPID), (int(explicit), _EXPLICIT))
    for value, (_shift, mask) in fields:
        if not 0 <= value <= mask:
            raise ValueError(f"DPConfig value {value} does not fit {mask.bit_length()} bit(s)")
    return sum(value << shift for value, (shift, _mask) in fields)


def unpack_dpconfig(byte: int) -> tuple[int, int, bool]:
    """``(AppSelCode, DataPathID, ExplicitControl)`` of one DPConfig byte."""
    return (
        byte >> _APPSEL[0] & _APPSEL[1],
        byte >> _DPID[0] & _DPID[1],
        bool(byte >> _EXPLICIT[0] & _EXPLICIT[1]),
    )
