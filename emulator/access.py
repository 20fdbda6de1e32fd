"""Host access rules per byte — the one table of what a host write may change, trigger or clear.

Fields are named by their ``cmis.layout`` path (a prefix covers every leaf under it); byte and
bit positions are derived from the page Structs, never retyped. Anything not listed is RO: a
host write to it is ACKed and ignored, as real modules do.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmis.pages.page11 import LANE_FLAG_NAMES
from cmis.pages.registry import LOWER
from emulator.addresses import LOWER_SPANS, P10_SPANS, P11_SPANS, SCS_SI_NAMES

PageKey = int | str  # a page number, or LOWER for bytes 0-127

_SCS = tuple(f"SCS{k}.{name}" for k in (0, 1) for name in ("DPConfigLane", *SCS_SI_NAMES))
_MASKS = tuple(path for path in P10_SPANS if path.endswith(("Mask", "MaskTx", "MaskRx")))

RW_FIELDS: dict[PageKey, tuple[str, ...]] = {
    LOWER: (
        "ModuleGlobalControls.BankBroadcastEnable", "ModuleGlobalControls.LowPwrAllowRequestHW",
        "ModuleGlobalControls.SquelchMethodSelect", "ModuleGlobalControls.LowPwrRequestSW",
        "ModuleGlobalControls.custom", "MciSpeed", "ModuleFlagsMask", "TempVccMasks",
        "Aux1Aux2Masks", "Aux3CustomMasks", "BankSelect", "PageSelect",
    ),
    0x10: (
        "DPDeinitLane", "InputPolarityFlipTx", "OutputDisableTx", "AutoSquelchDisableTx",
        "OutputSquelchForceTx", "AdaptiveInputEqFreezeTx", "OutputPolarityFlipRx",
        "OutputDisableRx", "AutoSquelchDisableRx", *_SCS, *_MASKS,
    ),
}  # fmt: skip

# Write-only triggers: the module acts on the written value and the byte reads back 0.
TRIGGER_FIELDS: dict[PageKey, tuple[str, ...]] = {
    LOWER: ("ModuleGlobalControls.SoftwareReset", "PasswordChangeEntryArea", "PasswordEntryArea"),
    0x10: (
        "AdaptiveInputEqStoreTx",
        *(f"SCS{k}.{n}" for k in (0, 1) for n in (
            "ApplyDPInitLane", "ApplyImmediateLane", "ApplyImmediateTx", "ApplyImmediateRx")),
    ),
}  # fmt: skip

# Latched flags, cleared (whole byte) when a host read covers the byte.
COR_FIELDS: dict[PageKey, tuple[str, ...]] = {
    LOWER: ("ModuleFlags", "TempVccFlags", "Aux1Aux2Flags", "Aux3CustomFlags"),
    0x11: LANE_FLAG_NAMES,
}

_SPANS = {LOWER: LOWER_SPANS, 0x10: P10_SPANS, 0x11: P11_SPANS}


@dataclass(frozen=True)
class PageAccess:
    """Per-byte rules of one page half: ``rw[i]`` = host-writable bits of byte ``base + i``."""

    base: int
    rw: bytes
    triggers: frozenset[int]
    cor: tuple[int, int] | None  # first..last COR byte (they are contiguous on both pages)


def _mask(page: PageKey, fields: tuple[str, ...]) -> bytearray:
    base = 0 if page == LOWER else 128
    out = bytearray(128)
    for path, span in _SPANS[page].items():
        if not any(path == f or path.startswith((f + ".", f + "[")) for f in fields):
            continue
        bits = 0xFF if span.bit_hi is None else ((2 << span.bit_hi) - (1 << span.bit_lo))  # type: ignore[operator]
        for b in range(span.first, span.last + 1):
            out[b - base] |= bits
    return out


def _build(page: PageKey) -> PageAccess:
    base = 0 if page == LOWER else 128
    triggers = _mask(page, TRIGGER_FIELDS.get(page, ()))
    cor = _mask(page, COR_FIELDS.get(page, ()))
    cor_bytes = [base + i for i, m in enumerate(cor) if m]
    return PageAccess(
        base,
        bytes(_mask(page, RW_FIELDS.get(page, ()))),
        frozenset(base + i for i, m in enumerate(triggers) if m),
        (cor_bytes[0], cor_bytes[-1]) if cor_bytes else None,
    )


LOWER_ACCESS = _build(LOWER)
PAGE10_ACCESS = _build(0x10)
PAGE11_ACCESS = _build(0x11)
READ_ONLY = PageAccess(128, bytes(128), frozenset(), None)
READ_WRITE = PageAccess(128, b"\xff" * 128, frozenset(), None)  # CDB pages: plain storage for now


def access_for(page: int) -> PageAccess:
    """Rules of an upper page; pages without host controls are read-only."""
    if page == 0x10:
        return PAGE10_ACCESS
    if page == 0x11:
        return PAGE11_ACCESS
    return READ_WRITE if 0x9F <= page <= 0xAF else READ_ONLY
