"""ApplyTrace: log every data-path state and AppSel transition an apply saw, as it sees it."""

from __future__ import annotations

from collections.abc import Sequence

from cmis.codec.codes import describe
from cmis.codec.lanelist import format_lanes
from tui.eventlog import EventLog
from tui.snapshot import Snapshot

APPSEL_STEP = "ApplyDPInit done"  # the step after which the new AppSel is the active one


class ApplyTrace:
    """Fed by the apply's progress callback: (step, DP state names of lanes 1-8 of ``bank``).

    ``before`` (the last poll) gives the states and AppSels the apply starts from, so the
    first transition is logged too; ``lanes`` None means every lane of the bank.
    """

    def __init__(
        self,
        log: EventLog,
        appsel: int,
        lanes: Sequence[int] | None,
        before: Snapshot | None,
        bank: int = 0,
    ) -> None:
        self.log, self.appsel, self.bank = log, appsel, bank
        self.lanes = set(lanes) if lanes else None
        ours = [s for s in (before.lanes if before else []) if (s.lane - 1) // 8 == bank]
        self.states = [describe(s.dp_state) for s in ours]
        self.old_appsel = {s.lane: s.appsel for s in ours}

    def saw(self, step: str, states: Sequence[str]) -> None:
        if step != "waiting":
            self.log.add("action", f"apply AppSel {self.appsel}: {step}")
        self._moves(list(states))
        if step == APPSEL_STEP:
            self._appsel_moves()

    def _moves(self, states: list[str]) -> None:
        moves: dict[tuple[str, str], list[int]] = {}
        for index, state in enumerate(states):
            was = self.states[index] if index < len(self.states) else None
            if was is not None and was != state:
                moves.setdefault((was, state), []).append(self._lane(index))
        for (was, state), lanes in moves.items():
            self.log.add("state", f"apply: lanes {format_lanes(lanes)}: {was} -> {state}")
        self.states = states

    def _appsel_moves(self) -> None:
        moved: dict[int, list[int]] = {}
        for index in range(len(self.states)):
            lane = self._lane(index)
            old = self.old_appsel.get(lane, 0)
            if old != self.appsel and (self.lanes is None or lane in self.lanes):
                moved.setdefault(old, []).append(lane)
        for old, lanes in moved.items():
            was = f"AppSel {old}" if old else "unused"
            where = format_lanes(lanes)
            self.log.add("state", f"apply: lanes {where}: {was} -> AppSel {self.appsel}")

    def _lane(self, index: int) -> int:
        return self.bank * 8 + index + 1
