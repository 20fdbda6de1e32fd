"""FirmwareJob: the state of a firmware update, shared by its worker and the Firmware screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cmis.errors import CmisError


class FirmwareCancelled(CmisError):
    """The user pressed abort: raised from the progress callback so the updater sends Abort."""


@dataclass
class FirmwareJob:
    """Phase, bytes, rate and ETA of one update; ``cancel`` asks the worker to abort."""

    now: Callable[[], float]
    source: str = ""
    phase: str = "idle"
    done: int = 0
    total: int = 0
    started: float = 0.0
    downloaded: float | None = None  # module time the last block went out (freezes the rate)
    error: str | None = None
    result: str | None = None
    cancel: bool = False
    abort_hook: Callable[[], None] | None = None  # the running update's CMD Abort (0004h)

    @property
    def running(self) -> bool:
        return self.phase not in ("idle", "done", "failed", "aborted")

    def start(self, source: str, total: int) -> None:
        self.source, self.phase, self.done, self.total = source, "check", 0, total
        self.started, self.error, self.result, self.cancel = self.now(), None, None, False
        self.downloaded = None

    def abort(self) -> None:
        """The user's abort: CMD Abort for the command in progress, then 0102h (the updater)."""
        self.cancel = True
        if self.abort_hook is not None:
            self.abort_hook()

    def progress(self, phase: str, done: int, total: int) -> None:
        if self.cancel and phase in ("start", "download"):
            raise FirmwareCancelled("firmware download aborted by the user; Abort sent")
        if phase == "download":
            self.done, self.total, self.downloaded = done, total, self.now()
        self.phase = phase

    @property
    def rate(self) -> float:
        """Bytes per second of the download (module clock); fixed once the download is over."""
        elapsed = (self.now() if self.downloaded is None else self.downloaded) - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        return (self.total - self.done) / self.rate if self.rate and self.total else None

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0

    def badge(self) -> str:
        """ "FW 42%" for the status line while an update runs, else empty."""
        return f"FW {self.fraction:.0%}" if self.running else ""

    def line(self) -> str:
        """ "download 512.0/1024.0 KiB at 900.1 KiB/s, ETA 0.6 s" in plain words."""
        if self.phase in ("idle",):
            return "no update running"
        if self.error:
            return f"{self.phase}: {self.error}"
        eta = f", ETA {self.eta:.1f} s" if self.eta is not None and self.phase == "download" else ""
        kib = f"{self.done / 1024:.1f}/{self.total / 1024:.1f} KiB"
        result = f" — {self.result}" if self.result else ""
        return f"{self.phase}: {kib} at {self.rate / 1024:.1f} KiB/s{eta}{result}"
