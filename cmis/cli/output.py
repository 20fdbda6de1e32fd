"""Output shared by commands: JSON, the rich console, cut echoes and safe output files."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from cmis.errors import CmisError, InputError, cut

if TYPE_CHECKING:
    pass

console = Console(highlight=False, markup=False)  # module data is never markup
MAX_PATH, MAX_NAME = 4095, 255  # Linux PATH_MAX - 1 and NAME_MAX, in bytes


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


def check_output_path(path: str | os.PathLike[str], *, append: bool = False) -> Path:
    """The file a command will write, checked before anything is read or written (InputError).

    The directory must exist and take a new file (probed: permission bits mean nothing to root);
    an existing target must be a regular file, or with ``append`` any writable file (a log may
    go to a device such as /dev/stdout).
    """
    target = Path(path)
    shown = cut(os.fspath(path))
    if len(os.fsencode(target)) > MAX_PATH or len(os.fsencode(target.name)) > MAX_NAME:
        raise InputError(f"output file {shown}: path too long (at most {MAX_PATH} bytes)")
    if target.is_dir():
        raise InputError(f"output file {shown}: is a directory (name a file)")
    if append and target.exists():
        _probe(lambda: target.open("ab").close(), shown, "file is not writable")
        return target
    if target.exists() and not target.is_file():
        raise InputError(f"output file {shown}: not a regular file (name a file to create)")
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"output file {shown}: directory {cut(str(parent))} does not exist")
    _probe(lambda: tempfile.TemporaryFile(dir=parent).close(), shown, "directory is not writable")
    return target


def _probe(attempt: Callable[[], None], shown: str, reason: str) -> None:
    try:
        attempt()
    except OSError as err:
        raise InputError(f"output file {shown}: {reason} ({err.strerror})") from None


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename: never a half file.

    A failure while writing (disk full...) is a CmisError (operation failed); nothing is left.
    """
    target = Path(path)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, _new_file_mode())
        os.replace(temp, target)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise CmisError(f"writing {cut(str(target))} failed: {err.strerror}") from None


def check_image_path(path: str | os.PathLike[str]) -> tuple[Path, str]:
    """A memory-image file to write: its format (from the suffix) and a writable place."""
    from cmis.images.writers import SUFFIX_FORMATS

    fmt = SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(
            f"image file {cut(os.fspath(path))}: name it .txt, .hex or .bin (its format)"
        )
    return check_output_path(path), fmt


def _new_file_mode() -> int:
    """What ``open(path, "w")`` would give (mkstemp makes 0600 files)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
