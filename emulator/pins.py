"""The module's hardware signals: LPMode and ResetL in, IntL out, presence, fault switches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from cmis.clock import Clock
from emulator.datapath import DataPaths
from emulator.dom import Dom
from emulator.machine import ModuleMachine
from emulator.rules import HIDDEN_STATES
from emulator.thermal import Thermal
from emulator.timers import EventQueue

if TYPE_CHECKING:
    from emulator.light import Light


class PinsOwner(Protocol):
    """What the pins reach of their module: its time, state machine and the parts faults move."""

    clock: Clock
    machine: ModuleMachine
    datapaths: DataPaths
    thermal: Thermal
    dom: Dom
    queue: EventQueue
    lpmode_pin: bool
    reset_pin_level: bool
    reset_pin: bool
    _intl: bool
    _present: bool
    _now: float
    _sent: Light | None

    def _touch(self) -> None: ...

    def _settle_if_powered(self) -> None: ...


class Pins:
    """Signal methods, mixed into EmulatedModule; each processes due timers first."""

    _sent: Light | None  # EmulatedModule.light_out's kept answer

    @property
    def lpmode(self: PinsOwner) -> bool:
        """The LPMode / LowPwrRequestHW input pin (True = low power requested)."""
        return self.lpmode_pin

    @lpmode.setter
    def lpmode(self: PinsOwner, asserted: bool) -> None:
        self._touch()
        self.lpmode_pin = bool(asserted)
        self._settle_if_powered()

    @property
    def reset_pin(self: PinsOwner) -> bool:
        """The ResetL input (True = reset asserted); the module stays in Reset while it is."""
        return self.reset_pin_level

    @reset_pin.setter
    def reset_pin(self: PinsOwner, asserted: bool) -> None:
        self._touch()
        self.reset_pin_level = bool(asserted)
        self._settle_if_powered()

    def assert_reset(self: PinsOwner) -> None:
        self.reset_pin = True

    def release_reset(self: PinsOwner) -> None:
        self.reset_pin = False

    @property
    def intl(self: PinsOwner) -> bool:
        """The IntL output: True while an unmasked latched flag is set."""
        self._touch()
        return self._intl and self._present

    @property
    def present(self: PinsOwner) -> bool:
        return self._present

    def remove(self: PinsOwner) -> None:
        """Pull the module: every access NACKs (ENXIO) and all timers stop."""
        self._touch()
        self._present = False
        self.queue.clear()

    def insert(self: PinsOwner) -> None:
        """Plug the module back in: power-on at MgmtInit, accesses NACK until it completes."""
        if self._present:
            return
        self._present, self._now, self._sent = True, self.clock.now(), None  # lit again
        self.thermal.start(self._now)
        self.machine.power_on()
        self.machine.settle()

    def _settle_if_powered(self: PinsOwner) -> None:
        if self._present:
            self.machine.settle()

    def faults_changed(self: PinsOwner) -> None:
        """A fault was switched: the case heads elsewhere, the MSM may fault, monitors resample."""
        self._touch()
        if self._present and self.machine.state not in HIDDEN_STATES:
            self.datapaths.touch()  # squelch and Tx status follow lane faults
            self.thermal.retarget()
            self.machine.settle()
            self.dom.resample()
