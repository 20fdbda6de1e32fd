"""Rows -> byte addresses of lower memory and pages, with bytes dumped twice checked."""

from __future__ import annotations

from collections.abc import Callable

from cmis.codec.address import UPPER, WINDOW, from_linear, page_label
from cmis.errors import AddressError, ImageFormatError
from cmis.images.readers.common import NO_DUMP, AreaKey, Areas, Window
from cmis.images.readers.engine import Block
from cmis.images.volatile import volatile_lower_bytes

# BankSelect/PageSelect: dumps of different pages differ there by design; the first is kept
SELECT_BYTES = (126, 127)
Resolver = Callable[[Block], Window]
Seen = dict[AreaKey, dict[int, tuple[int | None, int]]]


def assemble(
    blocks: list[Block], source: str, resolvers: dict[str, Resolver], notes: list[str]
) -> Areas:
    """Byte address -> value maps for lower memory (key None) and each (bank, page) dumped.

    Lower memory dumped more than once: volatile bytes keep the last snapshot (one note in
    ``notes`` says which differed); any other byte differing is an error.
    """
    seen: Seen = {}
    changed: set[int] = set()
    for block in (block for block in blocks if any(row.values for row in block.rows)):
        if block.problem:
            raise ImageFormatError(f"{source}:{block.rows[0].line}: {block.problem}")
        resolve = resolvers.get(block.kind)
        window = resolve(block) if resolve else block.window
        for row in block.rows:
            for address, value in enumerate(row.values, start=row.address):
                key, byte = _locate(block, window, address, f"{source}:{row.line}")
                area = seen.setdefault(key, {})
                if key is None and byte in SELECT_BYTES:  # the first page's select is kept
                    area.setdefault(byte, (value, row.line))
                elif key is None and byte in volatile_lower_bytes():
                    changed |= _replace(area, byte, value, row.line)
                else:
                    _store(area, key, byte, value, row.line, source)
    if not seen:
        raise ImageFormatError(NO_DUMP.format(source))
    if changed:
        notes.append(_volatile_note(sorted(changed)))
    return {key: {byte: value for byte, (value, _) in area.items()} for key, area in seen.items()}


def _locate(block: Block, window: Window | None, address: int, where: str) -> tuple[AreaKey, int]:
    """Where one dumped byte belongs: (lower memory or (bank, page), byte address 0-255)."""
    if block.relative and address < UPPER:
        address += UPPER
    if window is not None and address < WINDOW:
        return (None if address < UPPER else window), address
    try:
        bank, page, byte = from_linear(address)
    except AddressError as err:
        raise ImageFormatError(f"{where}: address 0x{address:x} is not a CMIS byte: {err}") from err
    if window is not None and byte >= UPPER and (bank, page) != window:
        raise ImageFormatError(
            f"{where}: address 0x{address:x} is {page_label(page, bank)} as an optoe-linear "
            f"offset, but this section is {page_label(window[1], window[0])}"
        )
    return (None if byte < UPPER else (bank, page)), byte


def _replace(
    area: dict[int, tuple[int | None, int]], byte: int, value: int | None, line: int
) -> set[int]:
    """Keep the later value of a volatile byte; {byte} if it differs from the earlier one."""
    old, _ = area.get(byte, (None, 0))
    if value is None:
        area.setdefault(byte, (None, line))
        return set()
    area[byte] = (value, line)
    return {byte} if old is not None and old != value else set()


def _volatile_note(bytes_: list[int]) -> str:
    shown = ", ".join(str(byte) for byte in bytes_[:8]) + (", ..." if len(bytes_) > 8 else "")
    return (
        f"lower memory was dumped more than once and its volatile bytes (flags, state, "
        f"monitors) differ between the snapshots (bytes {shown}): the last snapshot is shown"
    )


def _store(
    area: dict[int, tuple[int | None, int]],
    key: AreaKey,
    byte: int,
    value: int | None,
    line: int,
    source: str,
) -> None:
    old, old_line = area.get(byte, (None, 0))
    if old is None or value is None or old == value:
        if old is None:
            area[byte] = (value, line)
        return
    what = "lower memory" if key is None else page_label(key[1], key[0])
    raise ImageFormatError(
        f"{source}:{line}: {what} byte {byte} is 0x{value:02x} here but 0x{old:02x} at line "
        f"{old_line}: {what} was dumped twice with different bytes; keep one snapshot per file"
    )
