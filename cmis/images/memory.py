"""MemoryImage: the bytes a dump holds, per lower memory and (bank, page), and which it lacks.

Addressing is the module's own: ``read(page, offset, length, bank)`` with ``offset`` a byte
address 0-255 (0-127 lower memory, 128-255 the upper half of (bank, page)), exactly like a
Transport. Pages 00h-0Fh are stored under bank 0 (CMIS ignores BankSelect for them).
``load``/``loads`` detect the format from the content (``cmis.images.readers``); writing is in
``cmis.images.writers``.

Unknown bytes: a dump may lack bytes (``ethtool ... offset 128 length 16``, ``XX`` from a failed
i2cdump read, a row range). Such bytes read as 0x00 and are reported by ``is_known``; ``partial``
lists the pages with unknown bytes and ``lower_partial`` says the same of lower memory.
"""

from __future__ import annotations

import os

from cmis.codec import address
from cmis.codec.address import PAGE_SIZE, UPPER, check_access, check_page, halves, page_label
from cmis.errors import AddressError, ImageFormatError, MissingPageError
from cmis.images import readers
from cmis.images.source import read_dump, shown

__all__ = ["MemoryImage"]

PageKey = tuple[int, int]  # (bank, page)
AreaKey = PageKey | None  # None is lower memory


class MemoryImage:
    """Lower memory (``lower``, 128 bytes or None) and upper pages keyed by (bank, page)."""

    def __init__(self) -> None:
        self.lower: bytearray | None = None
        self._pages: dict[PageKey, bytearray] = {}
        self._unknown: dict[AreaKey, set[int]] = {}  # byte addresses not in the dump
        self.notes: list[str] = []  # what loading the dump had to say (kept snapshots)

    def __repr__(self) -> str:
        pages = ", ".join(_short_label(bank, page) for bank, page in self.page_keys())
        return f"MemoryImage(lower={self.lower is not None}, pages=[{pages}])"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MemoryImage):
            return NotImplemented
        mine, theirs = (_nonempty(image._unknown) for image in (self, other))
        return (self.lower, self._pages, mine) == (other.lower, other._pages, theirs)

    __hash__ = None  # type: ignore[assignment]  # mutable

    # building and querying

    def set_lower(self, data: bytes) -> None:
        self.lower = bytearray(_whole_page(data, "lower memory"))
        self._unknown.pop(None, None)

    def set_page(self, page: int, data: bytes, bank: int = 0) -> None:
        """Store the 128 bytes of an upper page (bytes 128-255 of the window)."""
        check_page(page, bank)
        self._pages[bank, page] = bytearray(_whole_page(data, page_label(page, bank)))
        self._unknown.pop((bank, page), None)

    def has_page(self, page: int, bank: int = 0) -> bool:
        check_page(page, bank)
        return (bank, page) in self._pages

    def page_keys(self) -> list[PageKey]:
        """The (bank, page) of every upper page held, sorted."""
        return sorted(self._pages)

    def page(self, page: int, bank: int = 0) -> bytes:
        """The 128 bytes of an upper page; MissingPageError if the image does not hold it."""
        check_page(page, bank)
        return bytes(self._area(page, bank, UPPER))

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        """``length`` bytes from byte address ``offset``; may span lower and upper memory."""
        check_access(page, offset, length, bank)
        return b"".join(
            bytes(self._area(page, bank, start)[start % PAGE_SIZE : stop - _base(start)])
            for start, stop in halves(offset, offset + length)
        )

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        """Write like ``read`` addresses; absent lower memory or pages are created zero-filled."""
        check_access(page, offset, len(data), bank)
        for start, stop in halves(offset, offset + len(data)):
            area = self._area(page, bank, start, create=True)
            area[start % PAGE_SIZE : stop - _base(start)] = data[start - offset : stop - offset]
            self._unknown.get(_key(page, bank, start), set()).difference_update(range(start, stop))

    def mark_unknown(self, page: int, offset: int, length: int = 1, bank: int = 0) -> None:
        """Record bytes as not in the dump (they read as 0x00); used by loaders."""
        self.write(page, offset, bytes(length), bank)
        for start, stop in halves(offset, offset + length):
            self._unknown.setdefault(_key(page, bank, start), set()).update(range(start, stop))

    def is_known(self, page: int, offset: int, bank: int = 0) -> bool:
        """True if byte address ``offset`` of (bank, page) is held and was in the dump."""
        check_access(page, offset, 1, bank)
        key = _key(page, bank, offset)
        held = self.lower is not None if key is None else key in self._pages
        return held and offset not in self._unknown.get(key, ())

    @property
    def partial(self) -> set[PageKey]:
        """The (bank, page) of upper pages with unknown bytes."""
        return {key for key in _nonempty(self._unknown) if key is not None}

    @property
    def lower_partial(self) -> bool:
        return bool(self._unknown.get(None))

    def _area(self, page: int, bank: int, byte: int, create: bool = False) -> bytearray:
        """The buffer that holds ``byte`` (lower memory or the page), created if asked."""
        key = _key(page, bank, byte)
        if key is None:
            if self.lower is None and create:
                self.lower = bytearray(PAGE_SIZE)
            if self.lower is None:
                raise MissingPageError("lower memory is not in this image")
            return self.lower
        if key not in self._pages and create:
            self._pages[key] = bytearray(PAGE_SIZE)
        if key not in self._pages:
            raise MissingPageError(f"{page_label(page, bank)} is not in this image")
        return self._pages[key]

    # loading

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> MemoryImage:
        """Read a dump file of any supported format (detected from its content)."""
        return cls.loads(read_dump(path), source=shown(path))

    @classmethod
    def loads(cls, data: bytes | str, source: str = "<input>") -> MemoryImage:
        """Parse dump content; ``source`` names it in error messages."""
        areas, notes = readers.parse(data, source)
        image = cls.from_areas(areas)
        image.notes = notes
        return image

    @classmethod
    def from_linear(cls, data: bytes, source: str = "<input>") -> MemoryImage:
        """An image from optoe-linear bytes: 128*k bytes, lower memory first."""
        if len(data) < PAGE_SIZE or len(data) % PAGE_SIZE:
            raise ImageFormatError(
                f"{source}: {len(data)} bytes is not an optoe-linear dump "
                f"(expected a multiple of 128 bytes, at least 128)"
            )
        return cls.from_areas(readers.optoe_binary.parse(data, source))

    @classmethod
    def from_areas(cls, areas: dict[AreaKey, dict[int, int | None]]) -> MemoryImage:
        """An image from byte address -> value maps (None or absent = unknown), as parsed."""
        image = cls()
        for key, values in sorted(areas.items(), key=lambda item: item[0] or (-1, -1)):
            bank, page = key or (0, 0)
            base = UPPER if key is not None else 0
            image.write(page, base, bytes(values.get(a) or 0 for a in _span(base)), bank)
            for byte in (a for a in _span(base) if values.get(a) is None):
                image.mark_unknown(page, byte, 1, bank)
        return image


def _key(page: int, bank: int, byte: int) -> AreaKey:
    return None if byte < UPPER else (bank, page)


def _base(byte: int) -> int:
    return 0 if byte < UPPER else UPPER


def _span(base: int) -> range:
    return range(base, base + PAGE_SIZE)


def _whole_page(data: bytes, what: str) -> bytes:
    if len(data) != PAGE_SIZE:
        raise AddressError(f"{what} must be 128 bytes, got {len(data)}")
    return bytes(data)


def _nonempty(unknown: dict[AreaKey, set[int]]) -> dict[AreaKey, set[int]]:
    return {key: bytes_ for key, bytes_ in unknown.items() if bytes_}


def _short_label(bank: int, page: int) -> str:
    return f"{page:02X}h/{bank}" if address.is_banked(page) else f"{page:02X}h"
