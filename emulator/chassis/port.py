"""One cage of the chassis: its pins (kept while empty), its module, and optoe-linear access."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from cmis.clock import Clock
from cmis.errors import cut
from emulator.chassis.errors import ChassisError
from emulator.chassis.optoe import Selector, eeprom_size
from emulator.errors import ProfileError
from emulator.faults import Faults
from emulator.light import Light
from emulator.module import EmulatedModule
from emulator.profile import LANES_PER_BANK, list_profiles

WRITE_MAX = 8  # optoe write_max as SONiC platforms set it
T = TypeVar("T")
R = TypeVar("R")


class Port:
    """A cage: LPMode and ResetL are the cage's pins, so they survive remove/insert."""

    def __init__(
        self, name: str, profile: str, clock: Clock, lock: threading.RLock, *, seed: int,
        lpmode: bool = True,
    ) -> None:  # fmt: skip
        self.name, self.profile, self.clock, self.lock, self.seed = name, profile, clock, lock, seed
        self._lpmode, self._reset = lpmode, False
        self._selector = Selector()
        self.light_source: Callable[[], Light] | None = None  # the chassis's fibre, if any
        self._banks = 1
        self.module: EmulatedModule | None = self._make(profile)

    def __repr__(self) -> str:
        return f"<Port {self.name} {self.profile if self.module else 'empty'}>"

    # --- pins ------------------------------------------------------------------------------

    @property
    def present(self) -> bool:
        return self.module is not None and self.module.present

    @property
    def lpmode(self) -> bool:
        """The LPMode pin (True = low power requested); asserted at start unless configured."""
        return self._lpmode

    @lpmode.setter
    def lpmode(self, asserted: bool) -> None:
        with self.lock:
            self._lpmode = bool(asserted)
            if self.module is not None:
                self.module.lpmode = self._lpmode

    @property
    def reset(self) -> bool:
        """The ResetL pin (True = asserted: the module is held in reset)."""
        return self._reset

    @reset.setter
    def reset(self, asserted: bool) -> None:
        with self.lock:
            self._reset = bool(asserted)
            if self.module is not None:
                self.module.reset_pin = self._reset

    @property
    def intl(self) -> bool:
        """IntL (True = asserted: an unmasked flag is latched); False for an empty cage."""
        with self.lock:
            return self.module is not None and self.module.intl

    @property
    def faults(self) -> Faults | None:
        return None if self.module is None else self.module.faults

    # --- the module ------------------------------------------------------------------------

    def remove(self) -> None:
        """Pull the module out: the cage is empty, its pins stay as they are."""
        with self.lock:
            if self.module is not None:
                self.module.light.provider = None  # out of the cage: no fibre reaches it
                self.module.remove()  # its pending timers stop with it
            self.module = None

    def insert(self, profile: str | None = None) -> None:
        """Plug a fresh module (this port's profile, or ``profile`` from now on) in; it powers up
        through MgmtInit under the cage's pins, so accesses NACK until that finishes."""
        with self.lock:
            module = self._make(profile or self.profile)
            self.remove()
            module.remove()
            module.reset_pin = self._reset
            module.insert()  # power-on as a hot plug does, not "plugged in before we looked"
            self.profile, self.module = profile or self.profile, module

    def _make(self, profile: str) -> EmulatedModule:
        if not profile.endswith(".toml") and profile not in list_profiles():
            raise ChassisError(f"{self.name}: profile {cut(profile)} not found; profiles are "
                               f"{', '.join(list_profiles())} or a .toml file")  # fmt: skip
        try:
            module = EmulatedModule(profile, self.clock, self.seed, lpmode=self._lpmode)
        except ProfileError as err:
            raise ChassisError(f"{self.name}: {err}") from None
        self._banks = module.profile.banks  # before light flows: it sizes what arrives
        if self.light_source is not None:
            module.light.connect(self.light_source)
        return module

    def connect(self, source: Callable[[], Light]) -> None:
        """Light reaches this cage's modules from ``source`` (the chassis's fibre) from now on."""
        self.light_source = source
        if self.module is not None:
            self.module.light.connect(source)

    # --- optoe-linear access ---------------------------------------------------------------

    @property
    def lanes(self) -> int:
        """Media lanes of this port's module (of its profile while the cage is empty)."""
        return self._banks * LANES_PER_BANK

    @property
    def size(self) -> int:
        """The optoe ``eeprom`` file size for this port's module (its banks advertised)."""
        return eeprom_size(self._banks)

    def read(self, offset: int, length: int) -> bytes:
        """``length`` bytes at optoe-linear ``offset``; b"" at or past the end (EOF)."""
        _check(offset, length)
        return self._access(self._read, offset, length)

    def write(self, offset: int, data: bytes) -> None:
        """Write ``data`` at optoe-linear ``offset`` in <= 8-byte pieces; nothing past the end."""
        _check(offset, len(data))
        self._access(self._write, offset, bytes(data))

    def _read(self, module: EmulatedModule, offset: int, length: int) -> bytes:
        length = min(length, self.size - offset)
        return self._selector.read(module, offset, length) if length > 0 else b""

    def _write(self, module: EmulatedModule, offset: int, data: bytes) -> None:
        if offset + len(data) > self.size:
            raise ChassisError(
                f"{self.name}: write of {len(data)} byte(s) at {offset} runs past the end "
                f"of the module's memory ({self.size} bytes)"
            )
        self._selector.write(module, offset, data, max(1, min(WRITE_MAX, module.max_write)))

    def _access(self, job: Callable[[EmulatedModule, int, T], R], offset: int, arg: T) -> R:
        """``job`` as one atomic access: due timers and light looked at once, at its start; its
        transfers skip the look (``held``). Plain code, not a context manager: this is most of a
        mounted read's cost."""
        with self.lock:
            module = self.module
            if module is None:
                raise ChassisError(f"{self.name}: no module")
            module.update()
            module.light.held += 1
            try:
                return job(module, offset, arg)
            finally:
                module.light.held -= 1


def _check(offset: int, length: int) -> None:
    if offset < 0 or length < 0:
        raise ChassisError(f"offset {offset} and length {length} must be >= 0")
