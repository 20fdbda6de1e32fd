"""Builds the sample memory images shipped in samples/ from field values, through the codec.

Run ``python samples/build_samples.py`` to regenerate; tests check the shipped files still match.
The OSFP 800G-DR8 module is captured in ModuleReady with all eight lanes DPActivated on AppSel 1
(800GBASE-DR8); lane 6 has a latched Rx low-power warning so the flag decode has something to show.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from construct import Struct

from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page00 import Page00h, checksum00, page_checksum
from cmis.codec.pages.page01 import CHECKSUM_FIRST, CHECKSUM_LAST, Page01h
from cmis.codec.pages.page02 import Page02h
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import Page11h
from cmis.images import MemoryImage, save_image

HERE = Path(__file__).parent

# (HostInterfaceID, MediaInterfaceID, host lanes, media lanes, host start lanes, media starts)
DR8_APPLICATIONS = [
    (0x51, 0x56, 8, 8, 0x01, 0x01),  # 800GAUI-8 S C2M / 800GBASE-DR8
    (0x4F, 0x1C, 4, 4, 0x11, 0x11),  # 400GAUI-4-S C2M / 400GBASE-DR4 (2x)
    (0x4B, 0x14, 1, 1, 0xFF, 0xFF),  # 100GAUI-1-S C2M / 100GBASE-DR (8x)
]
RX_POWER_MW = [0.89, 0.93, 0.81, 0.97, 0.88, 0.19, 0.91, 0.86]
TX_POWER_MW = [1.12, 1.08, 1.15, 1.10, 1.05, 1.11, 1.09, 1.13]
BIAS_MA = [62.4, 61.8, 63.0, 60.9, 62.2, 61.5, 62.8, 61.1]


def _edit(struct: Struct, edit: Any, **params: Any) -> bytes:
    value = struct.parse(bytes(128), **params)
    edit(value)
    return struct.build(value, **params)


def _lower(v: Any) -> None:
    v.SFF8024Identifier = 0x19
    v.CmisRevision = 0x52
    v.GlobalStatus.ModuleState = 3
    v.GlobalStatus.InterruptDeasserted = False  # IntL asserted: lane 6 has a latched flag
    v.FlagSummaryBank0.FlagSummaryBank0Page11h = True
    v.TempMonValue = 41.5
    v.VccMonVoltage = 3.2987
    v.Aux2MonValue = int(48.25 * 256)  # laser temperature (01h:145.1 = 0)
    v.ModuleGlobalControls.LowPwrAllowRequestHW = True
    v.ModuleActiveFirmwareMajorRevision = 3
    v.ModuleActiveFirmwareMinorRevision = 7
    v.MediaType = 0x02
    v.CdbStatus1 = 0x01
    _applications(v.ApplicationDescriptors, DR8_APPLICATIONS)


def _applications(slots: Any, apps: list[tuple[int, ...]]) -> None:
    for slot, (host, media, hn, mn, starts, _) in zip(slots, apps, strict=False):
        slot.HostInterfaceID, slot.MediaInterfaceID = host, media
        slot.LaneCounts.HostLaneCount, slot.LaneCounts.MediaLaneCount = hn, mn
        slot.HostLaneAssignmentOptions = starts
    slots[len(apps)].HostInterfaceID = 0xFF


def _page00(v: Any) -> None:
    v.SFF8024IdentifierCopy = 0x19
    v.VendorName = "OPENCMIS"
    v.VendorOUI = b"\x00\x90\x65"
    v.VendorPN = "OSFP-800G-DR8"
    v.VendorRev = "A1"
    v.VendorSN = "OC2611290042"
    v.DateCode = "261129  "
    v.CLEICode = " " * 10
    v.PowerClass.ModulePowerClass = 7
    v.MaxPower = 64  # 16 W
    v.ConnectorType = 0x28  # MPO 1x16
    v.MediaInterfaceTechnology = 0x06  # 1310 nm EML


def _page01(v: Any) -> None:
    v.ModuleInactiveFirmwareMajorRevision = 3
    v.ModuleInactiveFirmwareMinorRevision = 5
    v.ModuleHardwareMajorRevision = 1
    v.LengthSMF.LengthMultiplierSMF = 0  # x0.1 km
    v.LengthSMF.BaseLengthSMF = 5  # 500 m
    v.NominalWavelength = 1311.0
    v.WavelengthTolerance = 6.5
    v.SupportedPages.DiagnosticPagesSupported = True
    v.SupportedPages.VdmPagesSupported = True
    v.DataPathDurations.MaxDurationDPDeinit = 5
    v.DataPathDurations.MaxDurationDPInit = 6
    v.ModuleCharacteristics.Aux2MonType = False
    v.ModuleTempMax, v.ModuleTempMin = 70, 0
    v.SupportedTxControls.OutputDisableTxSupported = True
    v.SupportedTxControls.ForcedSquelchTxSupported = True
    v.SupportedRxControls.OutputDisableRxSupported = True
    v.SupportedTxFlags.FailureFlagTxSupported = True
    v.SupportedTxFlags.LOSFlagTxSupported = True
    v.SupportedTxFlags.CDRLOLFlagTxSupported = True
    v.SupportedRxFlags.LOSFlagRxSupported = True
    v.SupportedRxFlags.CDRLOLFlagRxSupported = True
    for name in ("TempMonSupported", "VccMonSupported", "Aux2MonSupported"):
        setattr(v.SupportedModuleMonitors, name, True)
    lanes = v.SupportedLaneMonitors
    lanes.TxBiasMonSupported = lanes.TxOpticalPowerMonSupported = True
    lanes.RxOpticalPowerMonSupported = True
    lanes.TxBiasMultiplier = 1  # x2
    v.RxSignalIntegrity.StagedControlSet1Supported = True
    v.CdbSupport.CdbInstancesSupported = 1
    v.CdbSupport.CdbBackgroundModeSupported = True
    v.CdbSupport.CdbMaxPagesEPL = 7
    v.CdbReadWriteLengthExtension = 15
    v.CdbBusy.CdbMaxBusyTime = 0
    v.ModuleDurations.MaxDurationModulePwrDn = 5
    v.ModuleDurations.MaxDurationModulePwrUp = 7
    v.TxDurations.MaxDurationDPTxTurnOff = 3
    v.TxDurations.MaxDurationDPTxTurnOn = 4
    for i, app in enumerate(DR8_APPLICATIONS):
        v.MediaLaneAssignmentOptions[i] = app[5]
    v.ApplicationDescriptors[0].HostInterfaceID = 0xFF  # page 01h slots unused


def _page02(v: Any) -> None:
    limits = {
        "Temp": (75.0, -5.0, 70.0, 0.0),
        "Vcc": (3.63, 2.97, 3.465, 3.135),
        "OpticalPowerTx": (3.1623, 0.1585, 2.5119, 0.1995),
        "LaserBiasTx": (120.0, 20.0, 110.0, 30.0),
        "OpticalPowerRx": (3.1623, 0.1259, 2.5119, 0.2512),
    }
    for prefix, values in limits.items():
        for level, value in zip(
            ("HighAlarm", "LowAlarm", "HighWarning", "LowWarning"), values, strict=True
        ):
            setattr(v, f"{prefix}{level}Threshold", value)


def _page10(v: Any) -> None:
    for lane in v.SCS0.DPConfigLane:
        lane.AppSelCode = 1


def _page11(v: Any) -> None:
    v.DPStateHostLane = [4] * 8
    v.OutputStatusRx = v.OutputStatusTx = 0xFF
    v.OpticalPowerLowWarningFlagRx = 1 << 5  # lane 6
    v.OpticalPowerTx = TX_POWER_MW
    v.LaserBiasTx = BIAS_MA
    v.OpticalPowerRx = RX_POWER_MW
    v.ConfigStatusLane = [1] * 8
    for lane in v.ACS.DPConfigLane:
        lane.AppSelCode = 1
    v.MediaLaneMappingTx = v.MediaLaneMappingRx = [0x11 * (i + 1) & 0xFF for i in range(8)]


def with_checksum(page: bytearray, first: int, last: int, at: int) -> bytes:
    page[at - 128] = page_checksum(bytes(page), first, last)
    return bytes(page)


def osfp_800g_dr8() -> MemoryImage:
    image = MemoryImage()
    image.set_lower(_edit(LowerMemory, _lower))
    p00 = bytearray(_edit(Page00h, _page00))
    p00[222 - 128] = checksum00(bytes(p00))
    image.set_page(0x00, bytes(p00))
    image.set_page(
        0x01, with_checksum(bytearray(_edit(Page01h, _page01)), CHECKSUM_FIRST, CHECKSUM_LAST, 255)
    )
    image.set_page(
        0x02, with_checksum(bytearray(_edit(Page02h, _page02, bias_multiplier=2)), 128, 254, 255)
    )
    image.set_page(0x10, _edit(Page10h, _page10))
    image.set_page(0x11, _edit(Page11h, _page11, bias_multiplier=2))
    return image


SAMPLES = {"osfp-800g-dr8": osfp_800g_dr8}


def main() -> int:
    for name, build in SAMPLES.items():
        image = build()
        save_image(image, HERE / f"{name}.bin")
        save_image(image, HERE / f"{name}.txt")
        print(f"wrote samples/{name}.bin and samples/{name}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
