"""ImageTransport reads a MemoryImage with Transport addressing and refuses every write."""

from __future__ import annotations

import pytest

from cmis.errors import MissingPageError, ReadOnlyError
from cmis.images import MemoryImage
from cmis.transport.base import Transport
from cmis.transport.image import ImageTransport


@pytest.fixture
def image() -> MemoryImage:
    image = MemoryImage()
    image.set_lower(bytes(range(128)))
    image.set_page(0x00, bytes(range(128, 256)))
    image.set_page(0x11, bytes([0x11]) * 128, bank=1)
    return image


def test_reads_use_transport_addressing(image: MemoryImage) -> None:
    transport = ImageTransport(image)
    assert isinstance(transport, Transport)
    assert transport.read(0x00, 0, 4) == bytes(range(4))
    assert transport.read(0x00, 124, 8) == bytes(range(124, 132))
    assert transport.read(0x11, 200, 3, bank=1) == b"\x11\x11\x11"


def test_absent_page_is_an_error(image: MemoryImage) -> None:
    with pytest.raises(MissingPageError):
        ImageTransport(image).read(0x11, 128, 1, bank=0)


def test_writes_are_refused_and_change_nothing(image: MemoryImage) -> None:
    transport = ImageTransport(image, name="file:dump.bin")
    with pytest.raises(ReadOnlyError, match="file:dump.bin is a saved image and read-only"):
        transport.write(0x00, 130, b"\xff")
    assert transport.read(0x00, 130, 1) == b"\x82"
