"""A firmware file as the user names it: any file goes; our own OCFW format is checked first.

Shared by ``cmis fw update`` and the TUI, so both refuse the same files with the same words.
"""

from __future__ import annotations

import re
from pathlib import Path

from cmis.errors import cut, cut_path
from cmis.firmware.image import MAGIC, FirmwareImageError, check_image, check_size
from cmis.firmware.plan import Version

VERSION_LIMITS = (255, 255, 65535)  # major and minor are bytes, build is 16 bits


def read_firmware_file(path: Path) -> bytes:
    """The file's bytes; FirmwareImageError for a missing, empty, huge or damaged OCFW file."""
    try:
        check_size(path.stat().st_size)  # before reading a wrong, huge file into memory
        image = path.read_bytes()
    except OSError as err:
        raise FirmwareImageError(f"cannot read {cut_path(path)}: {err.strerror}") from None
    if not image:
        raise FirmwareImageError(f"{cut_path(path)} is empty; pass the firmware file itself")
    if image[: len(MAGIC)] == MAGIC:
        check_image(image)  # our own format: refuse a damaged file before opening a session
    return image


def parse_version(text: str) -> Version:
    """``3.8.0`` -> (3, 8, 0); FirmwareImageError naming the allowed form otherwise."""
    match = re.fullmatch(r"(\d{1,5})\.(\d{1,5})\.(\d{1,5})", text)
    parts = tuple(int(p) for p in match.groups()) if match else ()
    if len(parts) != 3 or any(p > top for p, top in zip(parts, VERSION_LIMITS, strict=True)):
        raise FirmwareImageError(
            f"{cut(text)}: expected MAJOR.MINOR.BUILD, 0-255.0-255.0-65535, e.g. 3.8.0"
        )
    return parts  # type: ignore[return-value]
