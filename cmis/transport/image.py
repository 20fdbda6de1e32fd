"""ImageTransport: a saved memory image read through the Transport contract, read-only."""

from __future__ import annotations

from typing import Protocol

from cmis.codec.address import page_label
from cmis.errors import MissingPageError, ReadOnlyError

__all__ = ["ImageTransport"]


class PageSource(Protocol):
    """What ImageTransport needs of an image (``cmis.images.MemoryImage`` is one)."""

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes: ...

    def is_known(self, page: int, offset: int, bank: int = 0) -> bool: ...


class ImageTransport:
    """Reads come from the image (same addressing as Transport); every write is refused.

    Absent is not zero: a read that covers a byte the dump did not hold fails with
    MissingPageError (as a read of an absent page does), so nothing is decoded from filler.
    """

    def __init__(self, image: PageSource, *, name: str | None = None) -> None:
        self.image = image
        self.name = name if name is not None else "this memory image"

    def __repr__(self) -> str:
        return f"ImageTransport({self.image!r})"

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        data = self.image.read(page, offset, length, bank=bank)
        lacking = [
            b for b in range(offset, offset + length) if not self.image.is_known(page, b, bank)
        ]
        if lacking:
            where = "lower memory" if lacking[0] < 128 else page_label(page, bank)
            raise MissingPageError(
                f"{where} byte {lacking[0]} is not in {self.name} "
                f"({len(lacking)} of the {length} bytes read are absent)"
            )
        return data

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        raise ReadOnlyError(
            f"cannot write {len(data)} byte(s) at {page_label(page, bank)} byte {offset}: "
            f"{self.name} is a saved image and read-only; open the module itself to write"
        )
