"""Numbers as CMIS users write them: ``17``, ``0x11`` or ``11h`` (pages, offsets, codes, CMDIDs)."""

from __future__ import annotations

from cmis.errors import InputError


def parse_number(text: str) -> int:
    """``17``, ``0x11`` or ``11h`` -> int; InputError (a ValueError) for anything else."""
    digits = text.strip().lower()
    try:
        return int(digits[:-1], 16) if digits.endswith("h") else int(digits, 0)
    except ValueError:
        raise InputError(f"{digits!r} is not a number (use 17, 0x11 or 11h)") from None
