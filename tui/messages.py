"""Messages workers post to the app: small dataclasses; high-rate ones collapse to the newest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from tui.snapshot import Snapshot


class Replaceable(Message):
    """A message of which only the newest pending one matters (DOM polls, progress)."""

    def can_replace(self, message: Message) -> bool:
        return type(message) is type(self)


@dataclass
class Polled(Replaceable):
    """A fresh poll of the module."""

    snapshot: Snapshot


@dataclass
class PollPaused(Message):
    """Polling skipped a round: ``reason`` in plain words (CDB busy, an action running)."""

    reason: str


@dataclass
class TargetLost(Message):
    """The module stopped answering (TransportError); polling keeps trying."""

    error: str


@dataclass
class Identity(Message):
    """Static facts read once (and after a firmware change): report identity, applications."""

    identity: dict[str, Any]
    applications: list[Any]


@dataclass
class LaneProgress(Replaceable):
    """DP states seen while an application is applied (``step`` names the CMIS 8.5 step)."""

    step: str
    states: list[str]


@dataclass
class FirmwareProgress(Replaceable):
    """Firmware job progress (phase, bytes done/total) — the job itself holds rate and ETA."""

    phase: str


@dataclass
class FirmwareInfoRead(Message):
    """Images A/B as GetFirmwareInfo reported them (``info`` is a FirmwareInfo)."""

    info: Any


@dataclass
class ActionDone(Message):
    """An action finished: ``ok`` and a one-line result in plain words."""

    ok: bool
    text: str
