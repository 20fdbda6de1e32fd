"""AppState: what screens may read of the app (they write nothing; they post requests)."""

from __future__ import annotations

from typing import Any, Protocol

from tui.firmware_job import FirmwareJob
from tui.history import History
from tui.session import Session
from tui.snapshot import Snapshot


class AppState(Protocol):
    """Read-only view of the app's state, handed to every screen when it is built.

    Defined here, below the screens, so that screens never import the app: the app satisfies
    this protocol structurally and passes itself in.
    """

    @property
    def session(self) -> Session: ...

    @property
    def latest(self) -> Snapshot | None:
        """The newest poll, None before the first one."""

    @property
    def lost(self) -> bool: ...

    @property
    def lost_reason(self) -> str: ...

    @property
    def poll_state(self) -> str:
        """Polling in plain words: "live", "paused: CDB command running", ..."""

    @property
    def poll_interval(self) -> float: ...

    @property
    def identity(self) -> dict[str, Any]: ...

    @property
    def applications(self) -> list[Any]: ...

    @property
    def fw_info(self) -> Any:
        """The last GetFirmwareInfo answer (a FirmwareInfo), None until read."""

    @property
    def fw_job(self) -> FirmwareJob:
        """The firmware update in progress; its ``cancel`` flag is how a screen aborts it."""

    @property
    def history(self) -> History: ...

    @property
    def banks(self) -> int: ...

    @property
    def apply_line(self) -> str:
        """The Lanes step line: the apply running now, or how the last one ended."""

    @property
    def pages(self) -> list[str]: ...

    @property
    def parse_params(self) -> dict[str, Any]: ...
