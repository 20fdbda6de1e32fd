"""Host access of each byte: what a host may write, what fires a trigger, what clears on read.

One table, keyed by page (``"lower"`` for bytes 0-127) and named by ``cmis.codec.layout`` paths (a
prefix covers every leaf under it); byte positions are derived from the page Structs. Anything
not listed is read-only or vendor space, which ``Module.write`` refuses unless forced.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from cmis.codec.layout import FieldSpan, walk
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import LANE_FLAG_NAMES
from cmis.codec.pages.page13 import UNITS
from cmis.codec.pages.page14 import FLAG_NAMES
from cmis.codec.pages.registry import LOWER, struct_for

PageKey = int | str  # a page number, or LOWER for bytes 0-127

_SI = (
    "AdaptiveInputEqEnableTx",
    "AdaptiveInputEqRecallTx",
    "FixedInputEqTargetTx",
    "CDREnableTx",
    "CDREnableRx",
    "OutputEqPreCursorTargetRx",
    "OutputEqPostCursorTargetRx",
    "OutputAmplitudeTargetRx",
)
_SCS = tuple(f"SCS{k}.{name}" for k in (0, 1) for name in ("DPConfigLane", *_SI))
_DIAG_CONTROLS = tuple(
    f"{unit}{what}" for unit in UNITS
    for what in ("Enable", "Invert", "Swap", "PreFEC" if "Gen" in unit else "PostFEC", "Pattern")
)  # fmt: skip
_DIAG_MASKS = tuple(f"{side}{what}Mask" for what in ("GatingComplete", "GeneratorLOL",
                    "CheckerLOL") for side in ("Host", "Media"))  # fmt: skip
_MASKS = tuple(s.path for s in walk(Page10h, 128) if s.path.endswith(("Mask", "MaskTx", "MaskRx")))

RW_FIELDS: dict[PageKey, tuple[str, ...]] = {
    LOWER: (
        "ModuleGlobalControls.BankBroadcastEnable",
        "ModuleGlobalControls.LowPwrAllowRequestHW",
        "ModuleGlobalControls.SquelchMethodSelect",
        "ModuleGlobalControls.LowPwrRequestSW",
        "ModuleGlobalControls.custom",
        "MciSpeed",
        "ModuleFlagsMask",
        "TempVccMasks",
        "Aux1Aux2Masks",
        "Aux3CustomMasks",
        "BankSelect",
        "PageSelect",
    ),
    0x10: (
        "DPDeinitLane",
        "InputPolarityFlipTx",
        "OutputDisableTx",
        "AutoSquelchDisableTx",
        "OutputSquelchForceTx",
        "AdaptiveInputEqFreezeTx",
        "OutputPolarityFlipRx",
        "OutputDisableRx",
        "AutoSquelchDisableRx",
        *_SCS,
        *_MASKS,
    ),
    0x12: (
        "TuningControl",
        "ChannelNumber",
        "FineTuningOffset",
        "TargetOutputPower",
        "RelativeHigh",
        "RelativeLow",
        "LaneMasks",
    ),  # fmt: skip
    0x13: (
        *_DIAG_CONTROLS,
        "GeneratorClock",
        "MeasurementControl",
        "CheckerClock",
        "MediaSideOutputLoopbackEnable",
        "MediaSideInputLoopbackEnable",
        "HostSideOutputLoopbackEnable",
        "HostSideInputLoopbackEnable",
        "HostScratchPad",
        "ClockMasks.RefClockLossMask",
        *_DIAG_MASKS,
        "UserPattern",
    ),  # fmt: skip
    0x14: ("DiagnosticsSelector",),
    0x2D: ("InstancePair",),  # VDM masks (CMIS-DIAG-VDM.md 1.5)
    0x2F: ("Control.FreezeRequest", "Control.PowerSavingMode", "Control.MonitoringDutyCycle"),
}

# Write-only triggers: the module acts on the written value and the byte reads back 0.
TRIGGER_FIELDS: dict[PageKey, tuple[str, ...]] = {
    LOWER: ("ModuleGlobalControls.SoftwareReset", "PasswordChangeEntryArea", "PasswordEntryArea"),
    0x10: (
        "AdaptiveInputEqStoreTx",
        *(
            f"SCS{k}.{n}"
            for k in (0, 1)
            for n in (
                "ApplyDPInitLane",
                "ApplyImmediateLane",
                "ApplyImmediateTx",
                "ApplyImmediateRx",
            )
        ),
    ),
}

# Latched flags, cleared (the whole byte) when a host read covers the byte.
COR_FIELDS: dict[PageKey, tuple[str, ...]] = {
    LOWER: ("ModuleFlags", "TempVccFlags", "Aux1Aux2Flags", "Aux3CustomFlags"),
    0x11: LANE_FLAG_NAMES,
    0x12: ("LaneFlags",),
    0x14: ("ClockFlags.RefClockLossFlag", *FLAG_NAMES),
    0x2C: ("InstancePair",),  # VDM flags: reading a byte clears its eight flags
}

USER_PAGES = frozenset({0x03, *range(0x9F, 0xB0)})  # user NVM and CDB pages: plain host storage


def span_bits(span: FieldSpan) -> int:
    """The bits a field holds in each of its bytes (0xFF for whole-byte fields)."""
    return 0xFF if span.bit_hi is None else (2 << span.bit_hi) - (1 << span.bit_lo)  # type: ignore[operator]


@cache
def byte_mask(page: PageKey, kind: str) -> bytes:
    """Per byte of the page half, the bits listed in table ``kind`` ('rw', 'trigger', 'cor')."""
    fields = {"rw": RW_FIELDS, "trigger": TRIGGER_FIELDS, "cor": COR_FIELDS}[kind].get(page, ())
    base, out = (0 if page == LOWER else 128), bytearray(128)
    for span in walk(struct_for(page), base) if fields else ():
        if any(span.path == f or span.path.startswith((f + ".", f + "[")) for f in fields):
            for b in range(span.first, span.last + 1):
                out[b - base] |= span_bits(span)
    return bytes(out)


@cache
def _host_bits(page: PageKey) -> bytes:
    """Per byte of the page half, the bits a host may write (RW or trigger)."""
    rw, trigger = byte_mask(page, "rw"), byte_mask(page, "trigger")
    return bytes(a | b for a, b in zip(rw, trigger, strict=True))


def _key(page: int, byte: int) -> PageKey:
    return LOWER if byte < 128 else page


def writable(page: int, byte: int) -> bool:
    """True when a host may write ``byte`` (0-255) as seen with ``page`` selected."""
    key = _key(page, byte)
    if key in USER_PAGES:
        return True
    if key != LOWER and key not in RW_FIELDS:
        return False
    return bool(_host_bits(key)[byte % 128])


def field_writable(page: PageKey, spans: Iterable[FieldSpan]) -> bool:
    """True when every bit of the fields ``spans`` of ``page`` is host-writable (RW or trigger)."""
    if page in USER_PAGES:
        return True
    base, allowed = (0 if page == LOWER else 128), _host_bits(page)
    return all(
        allowed[b - base] & span_bits(s) == span_bits(s)
        for s in spans
        for b in range(s.first, s.last + 1)
    )


def read_only_bytes(page: int, offset: int, length: int) -> list[int]:
    """Bytes of ``offset..offset+length-1`` that are read-only or vendor space."""
    return [b for b in range(offset, offset + length) if not writable(page, b)]


def cor_bytes(page: int, offset: int, length: int) -> list[int]:
    """Bytes of the range that hold clear-on-read flags."""
    out = []
    for b in range(offset, offset + length):
        key = _key(page, b)
        if key in COR_FIELDS and byte_mask(key, "cor")[b % 128]:
            out.append(b)
    return out
