"""What a latched flag means in plain words, and which flags of a poll are problems to act on.

The advice texts are CMIS knowledge; they belong next to ``cmis.explain`` (reported) and live
here only until they move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cmis.host.flags import FlagEvent
from cmis.host.lanes import format_lanes

INFORMATIONAL = ("StateChanged", "StatusChanged", "CdbCmdComplete")  # events, not faults
ADVICE = (  # (substring of the flag name, what it means and what to do), first match wins
    ("LOSFlagRx", "no light at the receiver: check the fiber, its connectors and the far end"),
    ("LOSFlagTx", "no electrical signal from the host: check the host port is up and sending"),
    ("CDRLOLFlagRx", "receiver cannot lock: check the far end runs the same application/rate"),
    ("CDRLOLFlagTx", "cannot lock to the host signal: check host SerDes rate and SI settings"),
    ("FailureFlagTx", "transmitter failed: reset the module; replace it if this returns"),
    ("AdaptiveInputEqFail", "Tx input equaliser did not adapt: check host SI settings"),
    ("OpticalPowerLow", "power low: clean/inspect connectors, check fiber loss and far-end Tx"),
    ("OpticalPowerHigh", "power high: too little loss on the link (add an attenuator?)"),
    ("LaserBias", "laser bias out of range: the laser is ageing or failing"),
    ("Temp", "temperature out of range: check airflow, cage and heatsink"),
    ("Vcc", "supply voltage out of range: check the host 3.3 V rail"),
    ("Firmware", "firmware problem: see the Firmware screen (f); reset or re-flash"),
)


@dataclass(frozen=True)
class Problem:
    """A flag seen in the latest poll that asks for action: short name, lanes, advice."""

    flag: str
    lanes: tuple[int, ...]
    advice: str

    @property
    def short(self) -> str:
        return short_flag(self.flag)


def short_flag(name: str) -> str:
    """ "OpticalPowerLowAlarmFlagRx" -> "Rx power low alarm"; "LOSFlagRx" -> "Rx LOS"."""
    side = next((s for s in ("Rx", "Tx") if name.endswith("Flag" + s)), "")
    core = name.removesuffix(side).removesuffix("Flag").replace("OpticalPower", "Power")
    core = core.replace("CDRLOL", "CDR LOL ").replace("LaserBias", "Bias")
    words = re.findall(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|\d+", core)
    text = " ".join(w if w.isupper() else w.lower() for w in words)
    return f"{side} {text}".strip()


def advice(name: str) -> str:
    return next((text for key, text in ADVICE if key in name), "see the module's datasheet")


def problems(flags: list[FlagEvent]) -> list[Problem]:
    """The flags of one poll that are faults or threshold crossings, once each, in order."""
    seen = dict.fromkeys(
        (event.name, event.lanes)
        for event in flags
        if not any(word in event.name for word in INFORMATIONAL)
    )
    return [Problem(name, lanes, advice(name)) for name, lanes in seen]


def summary(found: list[Problem]) -> list[tuple[str, str]]:
    """(what, advice) lines: flags with the same advice on the same lanes share one line."""
    groups: dict[tuple[tuple[int, ...], str], list[str]] = {}
    for problem in found:
        groups.setdefault((problem.lanes, problem.advice), []).append(problem.short)
    return [(", ".join(names) + _where(lanes), text) for (lanes, text), names in groups.items()]


def _where(lanes: tuple[int, ...]) -> str:
    if not lanes:
        return ""
    return f" on lane{'s' if len(lanes) > 1 else ''} {format_lanes(list(lanes))}"
