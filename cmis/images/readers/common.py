"""Shared pieces of the dump readers: types, hex cells, numbers as tools print them, windows."""

from __future__ import annotations

import re

from cmis.codec.address import check_page, is_banked
from cmis.errors import AddressError, ImageFormatError

NO_DUMP = "no memory dump found in {} (expected optoe binary or ethtool/i2cdump/sfputil hex)"
CMIS_DEVICE = 0x50  # the only I2C address of CMIS memory (0x51 is an SFP's A2h)
Window = tuple[int, int]  # (bank, page)
AreaKey = Window | None  # None is lower memory
Values = list[int | None]  # None: byte not in the dump
Areas = dict[AreaKey, dict[int, int | None]]  # byte address -> value, per area
TOKEN = re.compile(r"\S+")
HEX = re.compile(r"(?:[0-9a-f]{2}){1,4}", re.I)


def token_bytes(token: str) -> Values | None:
    """Bytes a token stands for: ``18``, ``0x18``, ``XX`` (unknown), xxd groups ``1852``."""
    if token.upper() == "XX":
        return [None]
    digits = token[2:] if token[:2].lower() == "0x" and len(token) == 4 else token
    if not HEX.fullmatch(digits):
        return None
    return [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]


def glyph(value: int | None) -> str:
    """How dump tools show a byte as a character ("\\0" where they print a placeholder)."""
    return chr(value) if value is not None and 32 <= value < 127 else "\0"


def number(text: str) -> int | None:
    """A number as tools print or take it: ``17``, ``0x11``, ``11h``; None if it is none."""
    digits = text.strip().lower()
    base = 16 if digits.endswith("h") else 0 if digits.startswith("0x") else 10
    try:
        return int(digits.removesuffix("h"), base)
    except ValueError:
        return None


def options(args: str) -> dict[str, str]:
    words = args.split()
    return {word: value for word, value in zip(words, words[1:], strict=False)}


def device_problem(device: int | None) -> str | None:
    if device == CMIS_DEVICE:
        return None
    shown = "an unknown I2C address" if device is None else f"I2C address 0x{device:02x}"
    return f"this is a dump of {shown}; CMIS memory is at 0x50 only (0x51 is an SFP's A2h)"


def window(bank: int, page: int) -> Window:
    bank = bank if is_banked(page) else 0  # CMIS ignores BankSelect for pages 00h-0Fh
    check_page(page, bank)
    return bank, page


def heading_window(bank: int, page: int, where: str) -> Window:
    try:
        return window(bank, page)
    except AddressError as err:
        raise ImageFormatError(f"{where}: {err}") from err


def command_window(
    bank: int | None, page: int | None, line: str, problem: str | None
) -> tuple[Window | None, str | None]:
    """(window, problem) of a dump command naming a page; a bad page becomes the problem."""
    if bank is None or page is None:
        return None, f"cannot tell the page from {line.strip()[:40]!r}"
    try:
        return window(bank, page), problem
    except AddressError as err:
        return None, f"{line.strip()[:40]!r}: {err}"
