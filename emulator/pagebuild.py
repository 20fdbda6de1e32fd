"""Build a profile's power-on memory through the codec: parse zeros, set fields, build, checksum."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from construct import ConstructError, Struct

from cmis.codec.fields import Celsius
from cmis.codec.layout import walk
from cmis.codec.pages.common import pack_dpconfig, unpack_dpconfig
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page00 import Page00h, checksum00, page_checksum
from cmis.codec.pages.page01 import CHECKSUM_FIRST, CHECKSUM_LAST, Page01h
from cmis.codec.pages.page02 import LEVELS, Page02h
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import Page11h
from cmis.codec.pages.registry import LOWER
from emulator.diagconfig import diag_pages, diag_settings
from emulator.profile import BANK_CODES, BIAS_CODES, LANES_PER_BANK, App, Profile, ProfileError
from emulator.vdmmodel import vdm_pages

Pages = dict[Any, bytes]  # LOWER -> lower memory; (bank, page) -> 128-byte upper page
_CDB_FIRST = next(s.first for s in walk(Page01h, 128) if s.path.startswith("CdbSupport."))
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


def build_pages(profile: Profile) -> Pages:
    """Every page the profile's module has, as it reads right after MgmtInit."""
    pages: Pages = {LOWER: _edit(profile, LowerMemory, _lower)}
    diag = diag_settings(profile.data)
    pages[0, 0x00] = _checksummed(_edit(profile, Page00h, _page00), 222, checksum00)
    pages[0, 0x01] = _checksummed(_page01_bytes(profile), 255, _sum01)
    pages[0, 0x02] = _checksummed(_edit(profile, Page02h, _page02), 255, _sum02)
    for bank in range(profile.banks):
        pages[bank, 0x10] = _edit(profile, Page10h, _page10)
        pages[bank, 0x11] = _edit(profile, Page11h, _page11, bank=bank)
        if diag is not None:
            pages[bank, 0x13], pages[bank, 0x14] = diag_pages(diag)
    pages.update(vdm_pages(profile))
    adv = profile.data["cdb"]["advertisement"][0]
    for bank in range(min(adv >> 6, 2)):  # bank = CDB instance - 1
        pages[bank, 0x9F] = bytes(128)
        epl_pages = (0, 1, 2, 3, 4, 8, 12, 16)[min(adv & 15, 7)]
        pages.update({(bank, 0xA0 + i): bytes(128) for i in range(epl_pages)})
    return pages


def _edit(profile: Profile, struct: Struct, edit: Callable[..., None], **kw: Any) -> bytes:
    params = {"bias_multiplier": profile.data["optics"]["bias_multiplier"]}
    value = struct.parse(bytes(128), **params)
    try:
        edit(value, profile, **kw)
        return bytes(struct.build(value, **params))
    except (ConstructError, KeyError, TypeError, ValueError) as err:
        raise ProfileError(
            f"profile {profile.name}: cannot build {struct_name(struct)}: {err}"
        ) from err


def struct_name(struct: Struct) -> str:
    names = {id(LowerMemory): "lower memory", id(Page00h): "page 00h", id(Page01h): "page 01h",
             id(Page02h): "page 02h", id(Page10h): "page 10h", id(Page11h): "page 11h"}  # fmt: skip
    return names.get(id(struct), "a page")


def _checksummed(page: bytes, byte: int, checksum: Callable[[bytes], int]) -> bytes:
    out = bytearray(page)
    out[byte - 128] = checksum(page)
    return bytes(out)


def _sum01(page: bytes) -> int:
    return page_checksum(page, CHECKSUM_FIRST, CHECKSUM_LAST)


def _sum02(page: bytes) -> int:
    return page_checksum(page, 128, 254)


def _descriptors(slots: Any, apps: tuple[App, ...]) -> None:
    for slot, app in zip(slots, apps, strict=False):
        slot.HostInterfaceID, slot.MediaInterfaceID = app.host, app.media
        slot.LaneCounts.HostLaneCount = app.host_lanes
        slot.LaneCounts.MediaLaneCount = app.media_lanes
        slot.HostLaneAssignmentOptions = app.host_start
    if len(apps) < len(slots):
        slots[len(apps)].HostInterfaceID = 0xFF  # end of list


def _lower(v: Any, p: Profile) -> None:
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


def _page00(v: Any, p: Profile) -> None:
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


def _page01_bytes(p: Profile) -> bytes:
    page = bytearray(_edit(p, Page01h, _page01))
    cdb = p.data["cdb"]["advertisement"]
    page[_CDB_FIRST - 128 : _CDB_FIRST - 128 + len(cdb)] = bytes(cdb)  # raw bytes 163-166
    return bytes(page)


def _page01(v: Any, p: Profile) -> None:
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


def _page02(v: Any, p: Profile) -> None:
    for key, prefix in _THRESHOLDS.items():
        for level, value in zip(LEVELS, p.data["thresholds"][key], strict=True):
            setattr(v, f"{prefix}{level}Threshold", value)
    if p.dom.laser_monitor:  # Aux thresholds are raw S16; laser temperature is in 1/256 degC
        for level, value in zip(LEVELS, p.data["thresholds"]["laser_temperature_c"], strict=True):
            setattr(v, f"Aux{p.dom.laser_monitor}{level}Threshold", round(value / Celsius.step))


def _page10(v: Any, p: Profile) -> None:
    for lane, config in zip(v.SCS0.DPConfigLane, default_dpconfig(p.apps[0]), strict=True):
        lane.AppSelCode, lane.DataPathID, _ = unpack_dpconfig(config)


def _page11(v: Any, p: Profile, bank: int) -> None:
    """Monitors read 0 until a data path powers its lanes up (emulator/dom.py fills them)."""
    v.DPStateHostLane = [1] * LANES_PER_BANK
    for lane, config in zip(v.ACS.DPConfigLane, default_dpconfig(p.apps[0]), strict=True):
        lane.AppSelCode, lane.DataPathID, _ = unpack_dpconfig(config)
