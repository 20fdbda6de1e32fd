"""ImageTransport: a saved memory image read through the Transport contract, read-only."""

from __future__ import annotations

from typing import Protocol

from cmis.address import page_label
from cmis.errors import ReadOnlyError

__all__ = ["ImageTransport"]


class PageSource(Protocol):
    """What ImageTransport needs of an image (``cmis.images.MemoryImage`` is one)."""

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes: ...


class ImageTransport:
    """Reads come from the image (same addressing as Transport); every write is refused."""

    def __init__(self, image: PageSource, *, name: str | None = None) -> None:
        self.image = image
        self.name = name if name is not None else "this memory image"

    def __repr__(self) -> str:
        return f"ImageTransport({self.image!r})"

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        return self.image.read(page, offset, length, bank=bank)

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        raise ReadOnlyError(
            f"cannot write {len(data)} byte(s) at {page_label(page, bank)} byte {offset}: "
            f"{self.name} is a saved image and read-only; open the module itself to write"
        )
