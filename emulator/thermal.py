"""Case temperature: a first-order lag toward the power state's value, solved in closed form.

Nothing ticks. Each change of target (power state, over-temperature fault) re-anchors the curve
at the current temperature; reading it at any time is one ``exp``. The times the curve passes
the shutdown limit or a temperature threshold are known exactly and queued as timers, so
ModuleFault, the temperature flags and IntL happen at that instant whether or not anyone reads.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Protocol

from emulator.ports import Core
from emulator.rules import HIGH_POWER_STATES

if TYPE_CHECKING:
    from cmis.clock import Clock
    from emulator.dommodel import DomModel
    from emulator.faults import Faults


class Monitors(Protocol):
    """The DOM as the case temperature drives it."""

    model: DomModel

    def resample(self, lanes: bool = True) -> None: ...


class ThermalPort(Core, Protocol):
    clock: Clock
    faults: Faults
    dom: Monitors


TIMER = "thermal"
_ROUNDING = 1e-6  # degC: exp() may land a hair below the limit at the computed crossing time


class Thermal:
    """The case temperature curve: ``c0`` at ``t0`` heading to ``target`` with time constant tau."""

    def __init__(self, module: ThermalPort) -> None:
        self.module = module
        self.settings = module.profile.dom
        self.token = 0
        self.start(module.clock.now())

    def start(self, now: float) -> None:
        """A fresh insertion: the case sits at the low-power temperature."""
        low = self.settings.low_power_c
        self.t0, self.c0, self.target, self.trip_at = now, low, low, math.inf
        self.token += 1

    def at(self, t: float) -> float:
        """Case temperature (degC, noiseless) at time ``t``."""
        if t <= self.t0:
            return self.c0
        decay = math.exp((self.t0 - t) / self.settings.time_constant_s)
        return self.target + (self.c0 - self.target) * decay

    def over_limit(self, now: float) -> bool:
        """Is the case past the shutdown limit now? (cheap until the queued crossing time)"""
        return now >= self.trip_at and self.at(now) >= self.settings.shutdown_c - _ROUNDING

    def retarget(self) -> None:
        """Re-anchor the curve if the power state or a fault moved the target."""
        target = self._target()
        if target != self.target:
            now = self.module.now
            self.t0, self.c0, self.target = now, self.at(now), target
            self.token += 1
            self.rearm()

    def _target(self) -> float:
        over = self.module.faults.over_temperature_c
        if over is not None:
            return over  # the environment wins over the module's own heat
        s = self.settings
        return s.operating_c if self.module.mod in HIGH_POWER_STATES else s.low_power_c

    def rearm(self) -> None:
        """Queue wake-ups where the curve passes the shutdown limit or a flag threshold.

        A threshold wake comes one sample period after the noiseless crossing, at a level past
        the threshold by the noise amplitude, so the sample taken then is past it for sure.
        """
        m, limit = self.module, self.settings.shutdown_c
        self.trip_at = self.t0 + (0.0 if self.c0 >= limit else self._time_to(limit))
        model = m.dom.model
        wakes = {self.trip_at, *(self.t0 + self._time_to(c) + model.period for c in model.watch_c)}
        for when in wakes:
            if m.now <= when < math.inf:
                m.schedule(TIMER, self.token, None, when - m.now)

    def on_timer(self, token: int) -> None:
        """A wake-up: sample the module monitors (flags, IntL) and let the MSM see the limit."""
        if token == self.token:
            self.module.dom.resample(lanes=False)
            self.module.settle()

    def _time_to(self, level: float) -> float:
        """Seconds after ``t0`` at which the curve passes ``level`` (inf if it never does)."""
        if not min(self.c0, self.target) < level < max(self.c0, self.target):
            return math.inf
        tau = self.settings.time_constant_s
        return tau * math.log((self.target - self.c0) / (self.target - level))

    def save(self, now: float) -> dict[str, Any]:
        """Snapshot state with times relative to ``now``."""
        return {"t0": self.t0 - now, "c0": self.c0, "target": self.target,
                "trip_at": self.trip_at - now, "token": self.token}  # fmt: skip

    def load(self, saved: dict[str, Any], now: float) -> None:
        self.t0, self.c0, self.target = saved["t0"] + now, saved["c0"], saved["target"]
        self.trip_at, self.token = saved["trip_at"] + now, saved["token"]
