"""Light at the media lanes: what a module sends (``light_out``) and what it receives (``LightIn``).

A standalone module has no provider and behaves as if looped to a perfect peer (nominal Rx
power, no LOS). A chassis installs ``module.light.provider``: it returns the ``Light`` arriving
at each lane, and the module compares it with what it saw last whenever it is touched. A
module's output never depends on its input, so two modules looking at each other never recurse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from cmis.codec.fields import MilliWatts
from cmis.codec.sff8024 import media_interface_name
from emulator.ports import Core
from emulator.profile import LANES_PER_BANK, App
from emulator.rules import HIDDEN_STATES, RX_OUTPUT_STATES

if TYPE_CHECKING:
    from emulator.faults import Faults

Signal = object  # what a CDR locks to: lane rate (and family) of the application, None = none


@dataclass(frozen=True)
class Light:
    """Per module lane (index 0 = lane 1): optical power in mW (0 = dark) and its signal."""

    power_mw: tuple[float, ...]
    signal: tuple[Signal, ...]
    pattern: tuple[object, ...] = ()  # PRBS PatternId per lane (None = traffic); () = none known


class _Monitors(Protocol):  # the module's Dom, as far as light goes (dom.py imports this file)
    tx_on: list[int]

    def resample(self, lanes: bool = True) -> None: ...


class _Paths(Protocol):  # its DataPaths
    @property
    def paths(self) -> Mapping[int, Sequence[Any]]: ...

    def touch(self) -> None: ...


class _Patterns(Protocol):  # its pattern generators and loopbacks (emulator/prbs.py)
    def shape(self, light: Light) -> Light: ...

    def advance(self) -> None: ...


class LightPort(Core, Protocol):
    faults: Faults
    diag: _Patterns
    _present: bool

    @property
    def dom(self) -> _Monitors: ...

    @property
    def datapaths(self) -> _Paths: ...


class LightIn:
    """The module's media inputs: LOS and CDR LOL lanes and Rx power, from the provider's Light."""

    def __init__(self, module: LightPort) -> None:
        self.module = module
        self.provider: Callable[[], Light] | None = None
        # > 0 inside one host access (select, transfer, restore: Port._access), which happens at
        # one instant for the light: the port looked just before, so its transfers need not
        # look again (each look asks the far module what it sends: most of an access's cost)
        self.held = 0
        self.seen: tuple[Light, tuple[Signal, ...]] | None = None
        self.los = self.lol = 0  # module-wide lane bitmaps
        self.rx_raw: tuple[float, ...] = ()  # Rx power per lane in raw monitor units
        profile = module.profile
        optics = profile.data["optics"]
        low_alarm = profile.data["thresholds"]["rx_power_mw"][1]
        self.los_mw = float(optics.get("rx_los_mw", low_alarm / 2))  # 3 dB under the low alarm

    def connect(self, provider: Callable[[], Light]) -> None:
        """From now on the light comes from ``provider`` (a chassis), not a perfect peer."""
        self.provider, self.seen = provider, None
        self.module.faults.received = self.bank_lanes

    def bank_lanes(self, name: str, bank: int) -> int:
        """The lanes of ``bank`` with "rx_los" or "rx_cdr_lol" caused by the light received."""
        mask = self.los if name == "rx_los" else self.lol if name == "rx_cdr_lol" else 0
        return mask >> bank * LANES_PER_BANK & 0xFF

    def check(self) -> None:
        """Called on every touch: if the light or the lanes' own signals changed, act on it now."""
        m = self.module
        if self.provider is None or self.held or not m._present or m.mod in HIDDEN_STATES:
            return  # (noticed at the first touch the module can react at)
        seen = (self.provider(), signals(m, RX_OUTPUT_STATES))
        if seen == self.seen:
            return
        m.diag.advance()  # checkers count what arrived until now before the light changes
        self.seen = seen
        light, own = seen
        self.los = sum(1 << i for i, mw in enumerate(light.power_mw) if mw < self.los_mw)
        locked = (a is None or b is None or a == b for a, b in zip(light.signal, own, strict=True))
        self.lol = self.los | sum(1 << i for i, ok in enumerate(locked) if not ok)
        self.rx_raw = tuple(mw / MilliWatts.step for mw in light.power_mw)
        m.datapaths.touch()  # Rx output status follows
        m.settle()
        m.dom.resample()  # Rx power, LOS and LOL flags, IntL

    def out(self) -> Light:
        """What the module transmits now: nominal Tx power on lit lanes, their signal."""
        m = self.module
        lanes = m.profile.lanes
        if not m._present:
            return Light((0.0,) * lanes, (None,) * lanes)
        lit = sum(
            (m.dom.tx_on[b] & ~m.faults.bank_lanes("tx_fault", b)) << b * LANES_PER_BANK
            for b in range(m.profile.banks)
        )
        nominal = m.profile.lane_optics["tx_power_mw"]
        power = tuple(nominal[i] if lit >> i & 1 else 0.0 for i in range(lanes))
        own = signals(m, RX_OUTPUT_STATES)
        light = Light(power, tuple(s if lit >> i & 1 else None for i, s in enumerate(own)))
        return m.diag.shape(light)


def signals(m: LightPort, states: frozenset[object]) -> tuple[Signal, ...]:
    """The signal on each media lane of a data path in ``states`` (None elsewhere)."""
    out: list[Signal] = [None] * m.profile.lanes
    for bank, paths in m.datapaths.paths.items():
        for dp in paths:
            app = m.profile.app(dp.appsel)
            if app is None or dp.state not in states:
                continue
            for lane in range(LANES_PER_BANK):
                if dp.media >> lane & 1:
                    out[bank * LANES_PER_BANK + lane] = lane_signal(m.profile.data, app)
    return tuple(out)


_RATE = re.compile(r"(\d+(?:\.\d+)?)([GT])")


def lane_signal(data: dict[str, object], app: App) -> Signal:
    """Lane rate in Gb/s from the media interface name (800GBASE-DR8: 100), else the code."""
    identity = data["identity"]
    media_type = identity["media_type"] if isinstance(identity, dict) else 0
    found = _RATE.match(media_interface_name(media_type, app.media))
    if found is None:
        return ("code", app.media)
    total = float(found[1]) * (1000 if found[2] == "T" else 1)
    return round(total / app.media_lanes, 3)
