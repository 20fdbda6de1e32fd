"""What each power-on page holds for a profile: the field values set before the codec builds it."""

from __future__ import annotations

from typing import Any

from cmis.codec.fields import Celsius
from cmis.codec.pages.common import pack_dpconfig, unpack_dpconfig
from cmis.codec.pages.page02 import LEVELS
from emulator.diagconfig import diag_settings
from emulator.profile import BANK_CODES, BIAS_CODES, LANES_PER_BANK, App, Profile

_THRESHOLDS = {"temperature_c": "Temp", "vcc_v": "Vcc", "tx_power_mw": "OpticalPowerTx",
               "tx_bias_ma": "LaserBiasTx", "rx_power_mw": "OpticalPowerRx"}  # fmt: skip


def default_dpconfig(app: App) -> list[int]:
    """DPConfig bytes that tile one bank with ``app`` from its allowed start lanes (CMIS.md 6.2)."""
    out, lane = [0] * LANES_PER_BANK, 0
    while lane + app.host_lanes <= LANES_PER_BANK:
        if app.host_start >> lane & 1:
            for k in range(lane, lane + app.host_lanes):
                out[k] = pack_dpconfig(app.appsel, lane)
            lane += app.host_lanes
        else:
            lane += 1
    return out


def _descriptors(slots: Any, apps: tuple[App, ...]) -> None:
    for slot, app in zip(slots, apps, strict=False):
        slot.HostInterfaceID, slot.MediaInterfaceID = app.host, app.media
        slot.LaneCounts.HostLaneCount = app.host_lanes
        slot.LaneCounts.MediaLaneCount = app.media_lanes
        slot.HostLaneAssignmentOptions = app.host_start
    if len(apps) < len(slots):
        slots[len(apps)].HostInterfaceID = 0xFF  # end of list


def lower(v: Any, p: Profile) -> None:
    ident, optics = p.data["identity"], p.data["optics"]
    v.SFF8024Identifier = ident["identifier"]
    v.CmisRevision = ident["cmis_revision"]
    v.ManagementCharacteristics.SteppedConfigOnly = p.stepped_config_only
    v.GlobalStatus.InterruptDeasserted = True
    v.TempMonValue, v.VccMonVoltage = p.dom.low_power_c, optics["vcc_v"]  # as at insertion
    v.ModuleGlobalControls.LowPwrAllowRequestHW = True
    v.ModuleActiveFirmwareMajorRevision, v.ModuleActiveFirmwareMinorRevision = p.data["firmware"][
        "active"
    ]
    v.MediaType = ident["media_type"]
    _descriptors(v.ApplicationDescriptors, p.apps[:8])


def page00(v: Any, p: Profile) -> None:
    ident = p.data["identity"]
    v.SFF8024IdentifierCopy = ident["identifier"]
    v.VendorName, v.VendorOUI = ident["vendor_name"], bytes(ident["vendor_oui"])
    v.VendorPN, v.VendorRev = ident["part_number"], ident["revision"]
    v.VendorSN, v.DateCode = ident["serial_number"], ident["date_code"]
    v.CLEICode = " " * 10
    v.PowerClass.ModulePowerClass = ident["power_class"] - 1
    v.MaxPower = round(ident["max_power_w"] * 4)
    v.ConnectorType = ident["connector"]
    v.MediaInterfaceTechnology = ident["media_technology"]


def page01(v: Any, p: Profile) -> None:
    optics, d = p.data["optics"], p.durations
    v.ModuleInactiveFirmwareMajorRevision, v.ModuleInactiveFirmwareMinorRevision = p.data[
        "firmware"
    ]["inactive"]
    v.ModuleHardwareMajorRevision, v.ModuleHardwareMinorRevision = p.data["identity"][
        "hardware_revision"
    ]
    km = optics["smf_length_km"]
    v.LengthSMF.LengthMultiplierSMF, v.LengthSMF.BaseLengthSMF = (
        (0, round(km * 10)) if km < 6.3 else (1, round(km))
    )
    v.NominalWavelength, v.WavelengthTolerance = (
        optics["wavelength_nm"],
        optics["wavelength_tolerance_nm"],
    )
    v.SupportedPages.BanksSupported = BANK_CODES[p.banks]
    v.SupportedPages.DiagnosticPagesSupported = diag_settings(p.data) is not None
    v.SupportedPages.VdmPagesSupported = "vdm" in p.data
    v.DataPathDurations.MaxDurationDPDeinit, v.DataPathDurations.MaxDurationDPInit = (
        d["dp_deinit"],
        d["dp_init"],
    )
    v.ModuleDurations.MaxDurationModulePwrDn, v.ModuleDurations.MaxDurationModulePwrUp = (
        d["module_pwr_dn"],
        d["module_pwr_up"],
    )
    v.TxDurations.MaxDurationDPTxTurnOff, v.TxDurations.MaxDurationDPTxTurnOn = (
        d["tx_turn_off"],
        d["tx_turn_on"],
    )
    v.ModuleTempMax, v.ModuleTempMin = 70, 0
    v.SupportedTxControls.OutputDisableTxSupported = (
        v.SupportedTxControls.ForcedSquelchTxSupported
    ) = True
    v.SupportedRxControls.OutputDisableRxSupported = True
    for name in ("FailureFlagTxSupported", "LOSFlagTxSupported", "CDRLOLFlagTxSupported"):
        setattr(v.SupportedTxFlags, name, True)
    v.SupportedRxFlags.LOSFlagRxSupported = v.SupportedRxFlags.CDRLOLFlagRxSupported = True
    v.SupportedModuleMonitors.TempMonSupported = v.SupportedModuleMonitors.VccMonSupported = True
    if p.dom.laser_monitor:  # type 0 = laser temperature for Aux2 and Aux3 (CMIS.md 2.1)
        setattr(v.SupportedModuleMonitors, f"Aux{p.dom.laser_monitor}MonSupported", True)
        v.ModuleCharacteristics.CooledTx = True
    lanes = v.SupportedLaneMonitors
    lanes.TxBiasMonSupported = lanes.TxOpticalPowerMonSupported = (
        lanes.RxOpticalPowerMonSupported
    ) = True
    lanes.TxBiasMultiplier = BIAS_CODES[optics["bias_multiplier"]]
    v.RxSignalIntegrity.StagedControlSet1Supported = p.scs1_supported
    for app in p.apps:
        v.MediaLaneAssignmentOptions[app.appsel - 1] = app.media_start
    _descriptors(v.ApplicationDescriptors, p.apps[8:])


def page02(v: Any, p: Profile) -> None:
    for key, prefix in _THRESHOLDS.items():
        for level, value in zip(LEVELS, p.data["thresholds"][key], strict=True):
            setattr(v, f"{prefix}{level}Threshold", value)
    if p.dom.laser_monitor:  # Aux thresholds are raw S16; laser temperature is in 1/256 degC
        for level, value in zip(LEVELS, p.data["thresholds"]["laser_temperature_c"], strict=True):
            setattr(v, f"Aux{p.dom.laser_monitor}{level}Threshold", round(value / Celsius.step))


def page10(v: Any, p: Profile) -> None:
    for lane, config in zip(v.SCS0.DPConfigLane, default_dpconfig(p.apps[0]), strict=True):
        lane.AppSelCode, lane.DataPathID, _ = unpack_dpconfig(config)


def page11(v: Any, p: Profile, bank: int) -> None:
    """Monitors read 0 until a data path powers its lanes up (emulator/dom.py fills them)."""
    v.DPStateHostLane = [1] * LANES_PER_BANK
    for lane, config in zip(v.ACS.DPConfigLane, default_dpconfig(p.apps[0]), strict=True):
        lane.AppSelCode, lane.DataPathID, _ = unpack_dpconfig(config)
