"""A whole 800G image through the stub's pages (byte mode), decoded; no stale page reads."""

from __future__ import annotations

import random

import pytest
from smbus2 import SMBus

from cmis.codec.report import module_report
from cmis.images import MemoryImage
from cmis.transport import i2c
from cmis.transport.base import Transaction
from cmis.transport.twi import PAGE_SELECT, TwiTransport
from tests.kernel.vm_tests.conftest import CHIP, PAGES
from tests.kernel.vm_tests.framing import ByteDevice

BYTE_MODE = "byte"  # the backend framing on SMBus byte-data transfers


@pytest.fixture(params=["backend", "reference"])
def device(request: pytest.FixtureRequest, blank: SMBus) -> object:
    """The backend in byte mode, and the reference framing in framing.py for comparison."""
    if request.param == "reference":
        return ByteDevice(blank, CHIP)
    if BYTE_MODE not in i2c.MODES:
        pytest.xfail(
            f"cmis.transport.i2c has no {BYTE_MODE!r} mode (modes: {', '.join(i2c.MODES)}); "
            "i2c-stub banks byte-data transfers only, so its paged areas need one"
        )
    return i2c.I2cDevice(blank, CHIP, mode=BYTE_MODE)


def test_full_image_round_trips_and_decodes_like_the_emulator(
    device: object, image: MemoryImage
) -> None:
    writer = TwiTransport(device)
    writer.write(0, 0, image.read(0, 0, 126))  # 126-127 are the select bytes, not data
    for page in PAGES:
        writer.write(page, 128, image.page(page))
    reader = TwiTransport(device)
    reader.invalidate()
    for page in PAGES:
        assert reader.read(page, 128, 128) == image.page(page), f"page {page:02X}h differs"
    assert reader.read(0, 0, 126) == image.read(0, 0, 126)
    expected, got = module_report(image), module_report(reader)
    assert got["identity"] == expected["identity"]
    assert got["applications"] == expected["applications"]
    assert [lane["dp_state"] for lane in got["lanes"]] == ["DPActivated"] * 8
    assert got["lanes"] == expected["lanes"]
    assert got["missing_pages"] == []


def signature(page: int) -> bytes:
    return bytes((page * 7 + i) & 0xFF for i in range(128))


def _selects_page(t: Transaction) -> bool:
    """A write covering PageSelect (127): one select, whether 126-127 go together or not."""
    return t.op == "write" and t.offset <= PAGE_SELECT < t.offset + len(t.data)


def test_page_select_cache_never_reads_a_stale_page(device: object) -> None:
    pages = (*PAGES, 0x20)
    writer = TwiTransport(device)
    for page in pages:
        writer.write(page, 128, signature(page))
    selects: list[int] = []
    reader = TwiTransport(device, log=lambda t: _selects_page(t) and selects.append(t.page))
    reader.invalidate()
    rng, changes, last = random.Random(7), 0, None
    for _ in range(60):
        page, offset = rng.choice(pages), rng.randrange(128, 256)
        length = rng.randint(1, 256 - offset)
        assert reader.read(page, offset, length) == signature(page)[offset - 128 :][:length]
        changes += page != last
        last = page
    assert len(selects) == changes  # a select only when the page changes


def test_a_select_behind_the_transports_back_needs_invalidate(device: object) -> None:
    transport = TwiTransport(device)
    for page in (0x01, 0x02):
        transport.write(page, 128, signature(page))
    assert transport.read(0x01, 128, 4) == signature(0x01)[:4]
    with SMBus(0) as other:  # another process selects page 02h
        other.write_byte_data(CHIP, PAGE_SELECT, 0x02)
    assert transport.read(0x01, 128, 4) == signature(0x02)[:4]  # the cache cannot know
    transport.invalidate()
    assert transport.read(0x01, 128, 4) == signature(0x01)[:4]
