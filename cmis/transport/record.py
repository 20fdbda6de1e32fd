"""Transaction logs: RecordingTransport writes every request as a JSON line; ReplayTransport plays
a log back (the ``file:LOG.jsonl`` target), so a session on real hardware can be re-run offline.

One line per Transport request: ``{"time", "op", "bank", "page", "offset", "data" (hex),
"error"}``; ``time`` comes from the injected clock.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cmis.clock import Clock
from cmis.codec.address import page_label
from cmis.errors import CmisError, InputError, TransportError, cut_path
from cmis.transport.base import Transport
from cmis.transport.logentry import read_entries


class RecordingTransport:
    """Passes every request to ``inner`` and appends it (and any failure) to ``path``."""

    def __init__(self, inner: Transport, path: str | os.PathLike[str], clock: Clock) -> None:
        self.inner, self.path, self.clock = inner, Path(path), clock
        try:
            self._file = self.path.open("a", encoding="utf-8")
        except OSError as err:
            raise InputError(f"cannot record to {cut_path(path)}: {err.strerror}") from None

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        try:
            data = self.inner.read(page, offset, length, bank)
        except CmisError as err:
            self._log("read", page, offset, bank, b"", str(err), length)
            raise
        self._log("read", page, offset, bank, data)
        return data

    @property
    def max_write(self) -> int:
        """The inner transport's write limit, so a CDB client can raise it per call through us;
        an inner transport without one splits writes itself (optoe) and takes no per-call limit."""
        return int(getattr(self.inner, "max_write", 1 << 16))

    def write(self, page: int, offset: int, data: bytes, bank: int = 0, **limits: int) -> None:
        try:
            self.inner.write(page, offset, data, bank, **limits)  # limits: a CDB max_write
        except CmisError as err:
            self._log("write", page, offset, bank, bytes(data), str(err))
            raise
        self._log("write", page, offset, bank, bytes(data))

    def invalidate(self) -> None:
        invalidate = getattr(self.inner, "invalidate", None)
        if callable(invalidate):
            invalidate()

    def _log(
        self,
        op: str,
        page: int,
        offset: int,
        bank: int,
        data: bytes,
        error: str | None = None,
        length: int | None = None,
    ) -> None:
        entry: dict[str, Any] = {
            "time": self.clock.now(),
            "op": op,
            "bank": bank,
            "page": page,
            "offset": offset,
            "data": data.hex(),
            "error": error,
        }
        if length is not None:
            entry["length"] = length
        try:
            self._file.write(json.dumps(entry) + "\n")
            self._file.flush()
        except OSError as err:  # disk full (ENOSPC), I/O error: the recording failed
            raise CmisError(f"recording to {cut_path(self.path)} failed: {err.strerror}") from None

    def close(self) -> None:
        self._file.close()


class ReplayTransport:
    """Answers requests from a recorded log, in order: each request takes the next matching
    entry (skipping others); a request the log does not hold raises TransportError."""

    def __init__(self, entries: list[dict[str, Any]], name: str = "log") -> None:
        self.entries, self.name, self.cursor = entries, name, 0

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ReplayTransport:
        return cls(read_entries(path), str(path))

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        entry = self._next("read", page, offset, bank, lambda e: _size(e) == length)
        if entry.get("error"):
            raise TransportError(f"(replayed) {entry['error']}")
        return bytes.fromhex(entry["data"])

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        entry = self._next("write", page, offset, bank, lambda e: e["data"] == bytes(data).hex())
        if entry.get("error"):
            raise TransportError(f"(replayed) {entry['error']}")

    def _next(self, op: str, page: int, offset: int, bank: int, same: Any) -> dict[str, Any]:
        for index in range(self.cursor, len(self.entries)):
            e = self.entries[index]
            key = (e["op"], e["page"] if e["offset"] >= 128 else 0, e["offset"], e["bank"])
            if key == (op, page if offset >= 128 else 0, offset, bank) and same(e):
                self.cursor = index + 1
                return e
        raise TransportError(
            f"{self.name}: no recorded {op} at {page_label(page, bank)} byte {offset} after "
            f"entry {self.cursor} (the replay diverged from the recording)"
        )


def _size(entry: dict[str, Any]) -> int:
    return int(entry.get("length") or len(entry["data"]) // 2)
