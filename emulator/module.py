"""EmulatedModule: a CMIS module as the I2C bus sees it (TwiDevice, bus.py) plus its signals."""

from __future__ import annotations

import functools
import random
from typing import Any

from cmis.clock import Clock, RealClock
from emulator import addresses as a
from emulator.bus import Bus
from emulator.cdb import Cdb
from emulator.cdb_config import write_limits
from emulator.controlsets import ControlSets
from emulator.datapath import DataPaths
from emulator.dom import Dom
from emulator.dommodel import dom_model
from emulator.faults import Faults
from emulator.flags import Interrupt
from emulator.light import Light, LightIn
from emulator.machine import ModuleMachine
from emulator.memory import Memory
from emulator.pagebuild import Pages, build_pages
from emulator.pins import Pins
from emulator.prbs import Diagnostics
from emulator.profile import Profile, load_profile
from emulator.rules import HIDDEN_STATES, Mod, ModEvent
from emulator.snapshot import Snapshot, restore_snapshot, take_snapshot
from emulator.thermal import TIMER as THERMAL
from emulator.thermal import Thermal
from emulator.timers import EventQueue
from emulator.vdm import Vdm


class EmulatedModule(Bus, Pins):
    """A paged CMIS module driven lazily by its own timer queue on an injected clock.

    Nothing runs between accesses: every ``twi_read``/``twi_write``, pin change or ``update()``
    first processes the timers that fell due, each at its own due time.
    """

    def __init__(
        self,
        profile: str | Profile = "osfp-800g-dr8",
        clock: Clock | None = None,
        seed: int = 0,
        *,
        lpmode: bool = True,
    ) -> None:
        self.profile, template = _shipped(profile) if isinstance(profile, str) else (profile, None)
        self.clock: Clock = clock if clock is not None else RealClock()
        self.seed = seed  # DOM noise is a function of (seed, sample), see dom.py
        self.duration_scale = 1.0  # > 1 makes transitions slower than advertised (fault knob)
        self.memory = Memory(template or build_pages(self.profile), write_limits(self.profile.data))
        self.interrupt = Interrupt(self.memory, self.profile.banks)
        self.queue = EventQueue()
        self.faults = Faults(self)
        self.thermal = Thermal(self)
        pages = self.memory.template
        self.dom = Dom(self, dom_model(self.profile, pages[0, 0x01], pages[0, 0x02]))
        self.datapaths = DataPaths(self)
        self.vdm = Vdm(self)
        self.controlsets = ControlSets(self)
        self.cdb = Cdb(self)
        self.machine = ModuleMachine(self)
        self.light = LightIn(self)  # a chassis connects it to a peer; alone: a perfect peer
        self.diag = Diagnostics(self)  # PRBS and loopbacks of pages 13h/14h
        self.lpmode_pin, self.reset_pin_level, self.software_reset = lpmode, False, False
        self._present, self._intl, self._now = True, False, self.clock.now()
        self._sent: Light | None = None  # light_out until the module may have changed
        self.password, self.unlocked, self._password_buf = (
            self.profile.host_password,
            False,
            bytearray(8),
        )
        self.machine.power_on()
        self.machine.fire(ModEvent.InitDone)  # plugged in before the host looked: MgmtInit done
        self.machine.settle()

    @functools.cached_property
    def rng(self) -> random.Random:
        """Draws for probabilistic faults (faults.nack_rate), made when first needed: a Mersenne
        Twister state is 2.5 KiB, a tenth of a module, and most modules never draw."""
        return random.Random(self.seed)

    # --- time ------------------------------------------------------------------------------

    def update(self) -> None:
        """Process every timer that fell due (touching the module does this too)."""
        self._touch()

    def _touch(self) -> None:
        if not self.light.held:  # (inside one port access its start ran them and looked)
            self._run_due()
            if self.light.provider is not None:
                self.light.check()
        self._sent = None  # a touch precedes every change (host, pins, faults): look again

    def light_out(self) -> Light:
        """The light this module sends now, per media lane (due timers run; input not looked at).

        Kept while the module is untouched and no timer runs: peers ask at each of their accesses
        and working it out was most of the cost of a mounted read (issue 13 benchmark)."""
        self._run_due()
        if self._sent is None:
            self._sent = self.light.out()
        return self._sent

    def _run_due(self) -> None:
        now = self.clock.now()
        heap = self.queue.heap
        while heap and heap[0][0] <= now:
            due, _, target, token, event = self.queue.pop()
            self._sent = None
            if due > self._now:
                self._now = due
            # data-path and control-set timers due at the same instant settle once, together
            if self._dispatch(target, token, event) and not (
                heap and heap[0][0] == due and type(heap[0][2]) is tuple
            ):
                self.machine.settle()
        if now > self._now:
            self._now = now

    def _dispatch(self, target: Any, token: int, event: Any) -> bool:
        """Run one timer; True if the module must settle after it (a data path may move)."""
        if target == "module":
            self.machine.on_timer(token, event)
        elif target == THERMAL:
            self.thermal.on_timer(token)
        elif target == "cdb":
            self.cdb.on_timer(token, event)
        elif target == ("cfg",):
            self.controlsets.complete(token)
            return True
        else:
            self.datapaths.on_timer(target, token, event)
            return True
        return False

    def schedule(self, target: Any, token: int, event: Any, delay: float | str) -> None:
        """Queue ``event`` for ``target`` after ``delay`` seconds (or a named duration)."""
        seconds = self.machine.delay(delay) if isinstance(delay, str) else delay
        self.queue.push(self._now + seconds, target, token, event)

    # --- state the machines read (the Core port, emulator/ports.py) -----------------------

    @property
    def now(self) -> float:
        return self._now

    @property
    def mod(self) -> Mod:
        return self.machine.state

    def settle(self) -> None:
        self.machine.settle()

    @property
    def state(self) -> Mod:
        """The module state machine's state (including the unobservable ones)."""
        self._touch()
        return self.machine.state

    @property
    def ready(self) -> bool:
        return self.machine.state == Mod.ModuleReady

    @property
    def low_pwr_s(self) -> bool:
        """LowPwrS = LowPwrRequestSW OR (LowPwrAllowRequestHW AND LPMode pin) (CMIS.md 8.1)."""
        controls = self.memory.lower[a.CONTROLS]
        return bool(controls & a.LOW_PWR_SW) or (
            bool(controls & a.LOW_PWR_ALLOW_HW) and self.lpmode_pin
        )

    def load_defaults(self) -> None:
        """MgmtInit: memory, control sets and data paths back to their power-on defaults."""
        self.memory.reset()
        self.controlsets.reset()
        self.datapaths.reset()
        self.unlocked = False
        self.cdb.reset()
        self.dom.invalidate()
        self.diag.reset()
        self.vdm.reset()

    def refresh_interrupt(self) -> None:
        """Flag summary bytes and IntL again: a flag or a mask may have changed."""
        self._intl = self.interrupt.refresh(self.machine.state in HIDDEN_STATES)

    # --- snapshot --------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Everything needed to put this module back exactly as it is now."""
        self._touch()
        return take_snapshot(self, self._now)

    def restore(self, snap: Snapshot) -> None:
        """Return to ``snap``; its pending timers resume relative to the clock's now."""
        self._now, self._sent = self.clock.now(), None
        restore_snapshot(self, snap, self._now)
        self.diag.reset()  # PRBS counts are not in snapshots; loopbacks follow page 13h


@functools.lru_cache(maxsize=32)
def _shipped(name: str) -> tuple[Profile, Pages]:
    """A named profile and its power-on pages, built once per process (fabrics share them)."""
    profile = load_profile(name)
    return profile, build_pages(profile)
