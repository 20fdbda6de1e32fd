"""``--state FILE``: which ports a rollout finished, so a rerun resumes and never redoes one.

The file is JSON, rewritten whole (temp file + rename) after every port, so an interrupted
rollout loses at most the port in flight. It belongs to one rollout: the action and a hash of
what is rolled out (the image or profile bytes and the options); another rollout refuses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from cmis.errors import InputError, cut_path

VERSION = 1


def fingerprint(payload: bytes, *options: object) -> str:
    return hashlib.sha256(payload + repr(options).encode()).hexdigest()


class RolloutState:
    """``done``: port key -> what its row said; ``failed``: port key -> reason (retried)."""

    def __init__(self, path: Path | None, action: str, what: str) -> None:
        self.path, self.action, self.what = path, action, what
        self.done: dict[str, Any] = {}
        self.failed: dict[str, str] = {}
        self.lock = threading.Lock()
        if path is not None and path.exists():
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text())
            owner = (data["action"], data["what"])
            done, failed = dict(data["done"]), dict(data["failed"])
        except (OSError, ValueError, KeyError, TypeError):
            raise InputError(f"--state {cut_path(path)}: not a rollout state file") from None
        if owner != (self.action, self.what):
            raise InputError(
                f"--state {cut_path(path)}: belongs to another rollout ({owner[0]} of other "
                "contents or options); give a new file for this one"
            )
        self.done, self.failed = done, failed

    def check_writable(self) -> None:
        """Before any module is touched: the folder exists and takes files."""
        if self.path is not None and not os.access(self.path.parent or Path("."), os.W_OK):
            raise InputError(f"--state {cut_path(self.path)}: cannot write in its folder")

    def record(self, row: dict[str, Any]) -> None:
        key = f"{row['switch']}:{row['port']}"
        with self.lock:
            if row["ok"]:
                fw = row.get("firmware") or {}
                self.done[key] = {k: fw.get(k) for k in ("slot", "version", "committed")}
                self.failed.pop(key, None)
            else:
                self.failed[key] = str(row["error"])
            self.save()

    def save(self) -> None:
        if self.path is None:
            return
        data = {"version": VERSION, "action": self.action, "what": self.what,
                "done": self.done, "failed": self.failed}  # fmt: skip
        folder = self.path.parent or Path(".")
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{self.path.name}.")
        with os.fdopen(fd, "w") as out:
            json.dump(data, out, indent=1)
        os.replace(temp, self.path)
