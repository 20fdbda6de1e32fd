"""Output helpers shared by commands: JSON (finite, rounded), the rich console, safe files."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import click
from rich.console import Console

console = Console(highlight=False, markup=False)  # module data is never markup


def _clean(value: Any) -> Any:
    """JSON has no infinities; floats are rounded to 6 decimals (display precision, not data)."""
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def print_json(data: Any) -> None:
    print(json.dumps(_clean(data), indent=2))


def json_line(data: Any) -> str:
    """One compact JSON object (for streams: one per line)."""
    return json.dumps(_clean(data))


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """A file path we may write: not a directory, its directory exists and is writable."""
    target = Path(path)
    shown = os.fspath(path)
    shown = shown if len(shown) <= 60 else "..." + shown[-57:]
    if target.is_dir():
        raise click.BadParameter(f"{shown} is a directory; give a file name")
    parent = target.parent
    if not parent.is_dir():
        raise click.BadParameter(f"{shown}: the directory does not exist")
    if not os.access(parent, os.W_OK):
        raise click.BadParameter(f"{shown}: the directory is not writable")
    return target


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (temp file in the same dir, os.replace)."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise
