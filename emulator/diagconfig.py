"""The ``[diagnostics]`` profile section: what pages 13h/14h advertise, and their power-on bytes.

Loopback types use the CMIS (and SONiC set_loopback_mode) names; patterns use PatternId names.
A profile without the section has no diagnostics pages (01h:142.5 stays 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cmis.codec.diag import PatternId
from cmis.codec.pages.page13 import Page13h
from emulator.errors import ProfileError

LOOPBACKS = ("media-side-output", "media-side-input", "host-side-output", "host-side-input")
LOOPBACK_BYTE = {name: 180 + i for i, name in enumerate(LOOPBACKS)}  # 13h:180-183
SELECTORS = frozenset({0, 1, 2, 3, 4, 5})  # 14h:128 values this emulator fills in


@dataclass(frozen=True)
class DiagSettings:
    loopbacks: frozenset[str]
    host_patterns: int  # PatternId bitmaps (13h:132-139)
    media_patterns: int
    simultaneous: bool  # host and media loopbacks at once (13h:128.6)


def diag_settings(data: dict[str, Any]) -> DiagSettings | None:
    """The validated section, or None when the profile has none."""
    section = data.get("diagnostics")
    if section is None:
        return None
    loopbacks = section.get("loopbacks", [])
    bad = [x for x in loopbacks if x not in LOOPBACKS]
    if bad:
        raise ProfileError(f"[diagnostics] loopbacks: {str(bad[0])[:40]!r} is not one of "
                           f"{', '.join(LOOPBACKS)}")  # fmt: skip
    return DiagSettings(
        frozenset(loopbacks),
        _bitmap(section, "host_patterns"),
        _bitmap(section, "media_patterns"),
        bool(section.get("simultaneous_loopbacks", False)),
    )


def _bitmap(section: dict[str, Any], key: str) -> int:
    names = section.get(key, [])
    bad = [n for n in names if n not in PatternId.__members__]
    if bad:
        raise ProfileError(f"[diagnostics] {key}: {str(bad[0])[:40]!r} is not a pattern; "
                           f"patterns are {', '.join(PatternId.__members__)}")  # fmt: skip
    return sum(1 << PatternId[n] for n in names)


def diag_pages(settings: DiagSettings) -> tuple[bytes, bytes]:
    """Power-on pages 13h and 14h of one bank: capabilities set, controls off, masks all 1."""
    v = Page13h.parse(bytes(128))
    loop = v.LoopbackCapabilities
    for name in settings.loopbacks:
        words = name.split("-")
        setattr(loop, f"{words[0].title()}Side{words[2].title()}LoopbackSupported", True)
    loop.PerLaneMediaSideLoopbacks = loop.PerLaneHostSideLoopbacks = True
    loop.SimultaneousHostAndMediaSideLoopbacks = settings.simultaneous
    v.GatingCapabilities.GatingSupport = 1  # gate accurate to 2 ms: the clock is exact
    v.GatingCapabilities.PeriodicUpdatesSupported = True
    v.ResultCapabilities.BitsAndErrorsCountingSupported = True
    v.ResultCapabilities.BitErrorRatioResultsSupported = True
    v.HostGeneratorPatternsSupported = v.HostCheckerPatternsSupported = settings.host_patterns
    v.MediaGeneratorPatternsSupported = v.MediaCheckerPatternsSupported = settings.media_patterns
    for name in v.PerLaneCapabilities:
        if not name.startswith("_"):
            setattr(v.PerLaneCapabilities, name, True)
    v.ClockMasks.RefClockLossMask = True
    for side in ("Host", "Media"):
        for what in ("GatingComplete", "GeneratorLOL", "CheckerLOL"):
            setattr(v, f"{side}{what}Mask", 0xFF)
    return Page13h.build(v), bytes(128)  # 14h: selector 0, no flags, no data
