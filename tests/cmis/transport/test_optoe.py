"""OptoeTransport against a regular file holding an optoe-linear image."""

from __future__ import annotations

from pathlib import Path

import pytest

import cmis
from cmis.errors import TargetError, TransportError
from cmis.images import MemoryImage, to_linear
from cmis.transport.optoe import OptoeTransport


@pytest.fixture
def eeprom(tmp_path: Path, dr8_image: MemoryImage) -> Path:
    path = tmp_path / "eeprom"
    path.write_bytes(to_linear(dr8_image))
    return path


def test_reads_match_the_image(eeprom: Path, dr8_image: MemoryImage) -> None:
    transport = OptoeTransport(eeprom)
    assert transport.read(0, 0, 128) == dr8_image.read(0, 0, 128)
    assert transport.read(0x11, 128, 128) == dr8_image.page(0x11)
    assert transport.read(0x01, 120, 16) == dr8_image.read(0x01, 120, 16)  # spans 127/128


def test_write_lands_at_the_linear_offset(eeprom: Path) -> None:
    OptoeTransport(eeprom).write(0x10, 130, b"\x0f")
    assert eeprom.read_bytes()[0x10 * 128 + 130] == 0x0F


def test_missing_page_is_a_transport_error(eeprom: Path) -> None:
    with pytest.raises(TransportError, match="page 9Fh bank 0 byte 128.*not in the file"):
        OptoeTransport(eeprom).read(0x9F, 128, 8)


def test_optoe_target_decodes(eeprom: Path) -> None:
    module = cmis.open(f"optoe:{eeprom}")
    assert module.info()["identity"]["vendor_pn"] == "OSFP-800G-DR8"
    assert [p.appsel for p in module.data_paths()] == [1]


def test_optoe_target_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="no such file"):
        cmis.open(f"optoe:{tmp_path / 'nope'}")
