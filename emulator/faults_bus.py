"""Bus faults: NACKs (by rate, by count, while CDB is busy) and a module pulled mid-transaction."""

from __future__ import annotations

import errno

from cmis.errors import TransportError
from emulator.faults_state import FaultsPort, FaultState, checked_count


class BusFaults:
    """The bus half of ``module.faults`` (emulator/faults.py)."""

    module: FaultsPort
    state: FaultState
    on_bus: bool

    @property
    def nack_rate(self) -> float:
        """Probability (0-1) that a transaction is NACKed, drawn from the module's seeded rng."""
        return self.state.nack_rate

    @nack_rate.setter
    def nack_rate(self, rate: float) -> None:
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"nack_rate must be a probability 0-1, got {rate!r}")
        self.state.nack_rate = float(rate)
        self._bus_changed()

    @property
    def nack_next(self) -> int:
        """How many of the next transactions will be NACKed (counts down)."""
        return self.state.nack_next

    @nack_next.setter
    def nack_next(self, count: int) -> None:
        self.state.nack_next = checked_count("nack_next", count)
        self._bus_changed()

    @property
    def nack_while_busy(self) -> bool:
        """NACK every access while a CDB command is busy, even with background mode advertised."""
        return self.state.nack_while_busy

    @nack_while_busy.setter
    def nack_while_busy(self, on: bool) -> None:
        self.state.nack_while_busy = bool(on)

    def remove_after(self, transactions: int) -> None:
        """Pull the module after ``transactions`` more accesses: the next one finds it gone."""
        self.state.remove_after = checked_count("remove_after", transactions)
        self._bus_changed()

    @property
    def removal_pending(self) -> int | None:
        """Transactions left before a ``remove_after`` pulls the module (None: not armed)."""
        return self.state.remove_after

    def check_transaction(self) -> None:
        """Called before each bus access while ``on_bus``: raise the NACK a fault calls for."""
        s = self.state
        if s.remove_after is not None:
            if s.remove_after == 0:
                s.remove_after = None
                self._bus_changed()
                self.module.remove()
                raise TransportError("NACK: module removed mid-transaction", errno=errno.ENXIO)
            s.remove_after -= 1
        if s.nack_next:
            s.nack_next -= 1
            self._bus_changed()
            raise TransportError("NACK (injected fault: nack_next)", errno=errno.EIO)
        if s.nack_rate and self.module.rng.random() < s.nack_rate:
            raise TransportError("NACK (injected fault: nack_rate)", errno=errno.EIO)

    def _bus_changed(self) -> None:
        s = self.state
        self.on_bus = bool(s.nack_rate or s.nack_next or s.remove_after is not None)
