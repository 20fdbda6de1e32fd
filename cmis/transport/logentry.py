"""Transaction-log lines read back, bounded: file size, line length, nesting, keys, types, ranges.

A log line is one flat JSON object (see record.py); anything else is an ImageFormatError naming
``LOG:LINE`` (bad input, exit 2) before a single request is replayed.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from cmis.errors import ImageFormatError, cut_path

MAX_LOG_BYTES = 32 * 1024 * 1024  # a 1 MiB firmware update records 3.2 MB; more is not a log
MAX_LINE = 65536  # characters; a real line is under 1 KB (256 data bytes and an error text)
WINDOW = 256  # bytes of one access at most: the module's 256-byte I2C window
ENTRY_KEYS = {"op": str, "page": int, "offset": int, "bank": int, "data": str}
HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")


def read_entries(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every entry of the log at ``path``, checked; at most MAX_LOG_BYTES are ever read."""
    name = cut_path(os.fspath(path))
    with open(path, "rb") as file:
        raw = file.read(MAX_LOG_BYTES + 1)
    if len(raw) > MAX_LOG_BYTES:
        raise ImageFormatError(f"{name}: larger than {MAX_LOG_BYTES >> 20} MiB, not a replay log")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ImageFormatError(f"{name}:{line}: not UTF-8 text") from None
    lines = enumerate(text.splitlines(), start=1)
    return [entry(line, f"{name}:{n}") for n, line in lines if line.strip()]


def entry(line: str, where: str) -> dict[str, Any]:
    """One logged request, checked for the keys replay uses, their types and ranges."""
    if len(line) > MAX_LINE:
        raise ImageFormatError(f"{where}: line longer than {MAX_LINE} characters")
    try:
        found = json.loads(line)
    except json.JSONDecodeError as err:
        raise ImageFormatError(f"{where}: not a JSON line ({err.msg})") from None
    except RecursionError:
        raise ImageFormatError(
            f"{where}: nested deeper than a log line (one flat object)"
        ) from None
    if not isinstance(found, dict):
        found = {}
    bad = [key for key, kind in ENTRY_KEYS.items() if type(found.get(key)) is not kind]
    bad += [k for k in ("page", "offset", "bank") if k not in bad and not 0 <= found[k] < WINDOW]
    bad += [] if found.get("op") in ("read", "write") or "op" in bad else ["op"]
    bad += [] if _length_ok(found.get("length")) else ["length"]
    bad += [] if found.get("error") is None or type(found["error"]) is str else ["error"]
    if bad:
        raise ImageFormatError(
            f"{where}: not a transaction entry (bad or missing: {', '.join(bad)}; each line needs "
            f"op read/write, page, offset and bank 0-255, and data as hex)"
        )
    found["data"] = _hex(found["data"], where)
    return found


def _length_ok(length: Any) -> bool:
    return length is None or (type(length) is int and 0 <= length <= WINDOW)


def _hex(data: str, where: str) -> str:
    if not HEX.fullmatch(data):
        raise ImageFormatError(f"{where}: data: not whole hex bytes (two hex digits a byte)")
    if len(data) > 2 * WINDOW:
        raise ImageFormatError(f"{where}: data: more than {WINDOW} bytes in one access")
    return data.lower()  # replay compares written bytes as lowercase hex
