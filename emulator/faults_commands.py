"""Faults in how the module answers: slow states, rejected AppSels, failing CDB commands."""

from __future__ import annotations

from collections.abc import Iterable

from emulator.faults_state import ALL, SLOW_KEYS, FaultState


class CommandFaults:
    """The timing, provisioning and CDB half of ``module.faults`` (emulator/faults.py)."""

    state: FaultState

    def slow(self, factor: float, *durations: str) -> None:
        """Make state ``durations`` (all if none named) last ``factor`` times longer.

        Keys: the profile's duration names (``dp_init``, ``module_pwr_up``, ...) and its
        ``[timing]`` names. Transitions already under way keep their time. Factors multiply.
        """
        if not factor > 0:
            raise ValueError(f"slow: factor must be > 0, got {factor!r}")
        unknown = sorted(set(durations) - set(SLOW_KEYS))
        if unknown:
            raise ValueError(f"slow: unknown duration(s) {unknown}; known: {', '.join(SLOW_KEYS)}")
        for key in durations or (ALL,):
            self.state.slow[key] = float(factor)

    def slowdown(self, key: str) -> float:
        """The factor applied to duration ``key``."""
        slow = self.state.slow
        return slow.get(ALL, 1.0) * slow.get(key, 1.0) if slow else 1.0

    @property
    def rejected_appsels(self) -> frozenset[int]:
        """AppSel codes an Apply is answered with ConfigRejected for (0 = decommission)."""
        return self.state.rejected_appsels

    @rejected_appsels.setter
    def rejected_appsels(self, appsels: Iterable[int]) -> None:
        codes = frozenset(appsels)
        if not all(0 <= code <= 15 for code in codes):
            raise ValueError(f"rejected_appsels: AppSel codes are 0-15, got {sorted(codes)}")
        self.state.rejected_appsels = codes

    def reject_appsel(self, *appsels: int) -> None:
        """Add AppSel codes to ``rejected_appsels`` (PEERS.md 2 B item 12: AppSel 0)."""
        self.rejected_appsels = self.state.rejected_appsels | set(appsels or (0,))

    @property
    def ignore_unchanged_appsel(self) -> bool:
        """ApplyDPInit with the active AppSel is a silent no-op: no DPInitPending (item 14)."""
        return self.state.ignore_unchanged_appsel

    @ignore_unchanged_appsel.setter
    def ignore_unchanged_appsel(self, on: bool) -> None:
        self.state.ignore_unchanged_appsel = bool(on)

    # --- CDB -------------------------------------------------------------------------------

    @property
    def cdb_fail(self) -> tuple[int | None, int] | None:
        """(CMDID, status): that command (None: every command) fails with status 0x40-0x7F,
        every time until cleared; a fleet rollout's bad module (PEERS.md: a module that refuses
        a download half way must keep its old image)."""
        return self.state.cdb_fail

    @cdb_fail.setter
    def cdb_fail(self, rule: tuple[int | None, int] | None) -> None:
        if rule is not None:
            cmd, status = rule
            if not 0x40 <= status <= 0x7F:
                raise ValueError(f"cdb_fail: a failure status is 0x40-0x7F, got {status:#x}")
            if cmd is not None and not 0 <= cmd <= 0xFFFF:
                raise ValueError(f"cdb_fail: a CMDID is 0000h-FFFFh, got {cmd:#x}")
        self.state.cdb_fail = rule

    def cdb_failure(self, cmd: int) -> int | None:
        """The status CDB command ``cmd`` fails with under ``cdb_fail``, or None."""
        rule = self.state.cdb_fail
        return None if rule is None or rule[0] not in (None, cmd) else rule[1]
