"""Loopbacks of page 13h:180-183: which writes the module keeps, and what they do to the light.

Media-side output loopback turns what would leave on the fibre back to the module, so those
lanes go dark (the far end sees LOS). Media-side input loopback sends the arriving line traffic
back out (a peer's checker sees its own pattern). Host-side loopbacks stay on the electrical
side: host-side output returns the module's host output (e.g. the host generator) to its host
checker; host-side input returns host traffic to the host, which the emulator has no model of.
"""

from __future__ import annotations

from dataclasses import replace

from emulator.diagconfig import LOOPBACKS, DiagSettings
from emulator.light import Light

MEDIA_OUT, MEDIA_IN, HOST_OUT, HOST_IN = range(4)  # index into 13h:180-183


def accepted(settings: DiagSettings, before: list[int], written: list[int]) -> list[int]:
    """The loopback bytes the module keeps: unadvertised types stay 0; host and media loopbacks
    at once are refused (the write is undone) unless the module advertises it (13h:128.6)."""
    kept = [value if LOOPBACKS[i] in settings.loopbacks else 0 for i, value in enumerate(written)]
    media, host = kept[MEDIA_OUT] | kept[MEDIA_IN], kept[HOST_OUT] | kept[HOST_IN]
    if media and host and not settings.simultaneous:
        return before
    return kept


def shape(light: Light, loop: list[int], generated: list[object], arrived: Light | None) -> Light:
    """The media output after loopbacks and the media generator (all lists per module lane)."""
    power, signal = list(light.power_mw), list(light.signal)
    pattern = [
        _pattern(lane, loop, generated, arrived, power[lane] > 0) for lane in range(len(power))
    ]
    for lane in range(len(power)):
        if on(loop, MEDIA_OUT, lane):
            power[lane], signal[lane], pattern[lane] = 0.0, None, None
    return replace(light, power_mw=tuple(power), signal=tuple(signal), pattern=tuple(pattern))


def _pattern(
    lane: int, loop: list[int], generated: list[object], arrived: Light | None, lit: bool
) -> object:
    if not lit:
        return None
    if on(loop, MEDIA_IN, lane):  # the line traffic goes back out as it came
        return arrived.pattern[lane] if arrived is not None and arrived.pattern else None
    return generated[lane]


def on(loop: list[int], kind: int, lane: int) -> bool:
    """Is loopback ``kind`` on for module lane ``lane`` (0-based; banks of 8)?"""
    bank, bit = divmod(lane, 8)
    return bank < len(loop) // 4 and bool(loop[4 * bank + kind] >> bit & 1)
