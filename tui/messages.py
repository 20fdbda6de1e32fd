"""Messages to the app: from workers (results) and from screens (requests); small dataclasses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from tui.page_model import Edit
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
class PortsRead(Replaceable):
    """One refresh of the chassis grid: port -> its row's cells (tui/chassis_watch.py)."""

    rows: dict[str, Any]


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
    first: int = 1  # the lane of states[0]: 9 for bank 1


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
    """An action finished (or a screen refused one): ``ok`` and a one-line result in plain words."""

    ok: bool
    text: str


# --- requests: screens post these; they bubble up to the app, which runs them in workers ------


@dataclass
class CallModule(Message):
    """Run one host-API call (``fn`` of the session's module) in a worker; ``label`` names it."""

    label: str
    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fetch(Message):
    """Run ``fn`` of the session in a worker and answer ``reply_to`` with a Fetched; ``log``
    also logs and notifies the outcome like an action (writes the user asked for)."""

    label: str
    fn: Callable[..., Any]
    reply_to: Any  # the screen that asked (a MessagePump: posting to it is thread-safe)
    log: bool = False


@dataclass
class Fetched(Message):
    """What a Fetch returned (``error`` None) or why it failed; ``at`` is module time
    (not ``time``: every Message has one, the wall clock it was made at)."""

    label: str
    result: Any
    error: str | None
    at: float


@dataclass
class ApplyApplication(Message):
    """Apply ``appsel`` on ``lanes`` (None: every lane group it fits), reporting LaneProgress."""

    appsel: int
    lanes: list[int] | None


@dataclass
class WriteBytes(Message):
    """Write a confirmed edit; ``force`` lets it write read-only bytes."""

    edit: Edit
    force: bool


@dataclass
class FlashImage(Message):
    """Update the firmware from ``image`` (``source`` names it for the user); after Run the
    module must run ``expect`` if given (OCFW files carry their own)."""

    image: bytes
    source: str
    expect: tuple[int, int, int] | None = None


class FlashDemo(Message):
    """Build a demo image one version above the running one and flash it (emulated modules)."""


@dataclass
class FirmwareCommand(Message):
    """Run, commit or abort: ``fn`` takes the FirmwareUpdater; ``label`` names the command."""

    label: str
    fn: Callable[[Any], Any]


class ReadFirmwareInfo(Message):
    """Read images A/B again (GetFirmwareInfo)."""


@dataclass
class SetPollRate(Message):
    """Poll every ``rate`` seconds from now on."""

    rate: float


@dataclass
class WatchPage(Message):
    """Read this page with every poll (the Pages screen shows it); ``page`` None stops it."""

    page: int | str | None
    bank: int = 0
