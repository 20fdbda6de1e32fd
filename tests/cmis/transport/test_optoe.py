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


def test_file_is_opened_once_and_reopened_after_a_failure(
    eeprom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mounted chassis pays for every open(2): keep the file open, but a failed access (a
    restarted server answers ENOTCONN on the old descriptor) must not stick."""
    import os

    opens: list[str] = []
    real_open, real_pread = os.open, os.pread
    monkeypatch.setattr(os, "open", lambda *a, **k: opens.append("open") or real_open(*a, **k))
    transport = OptoeTransport(eeprom)
    for _ in range(10):
        transport.read(0x11, 128, 16)
    assert len(opens) == 1
    fail = iter([OSError(107, "Transport endpoint is not connected")])

    def pread_once(fd: int, size: int, where: int) -> bytes:
        err = next(fail, None)
        if err is not None:
            raise err
        return real_pread(fd, size, where)

    monkeypatch.setattr(os, "pread", pread_once)
    with pytest.raises(TransportError, match="not connected"):
        transport.read(0, 0, 1)
    assert transport.read(0x11, 128, 2) == eeprom.read_bytes()[0x11 * 128 + 128 :][:2]
    assert len(opens) == 2


def test_read_only_file_reads_and_refuses_writes(eeprom: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root opens a read-only file for writing anyway")
    eeprom.chmod(0o444)
    transport = OptoeTransport(eeprom)
    assert transport.read(0, 0, 1) == eeprom.read_bytes()[:1]
    with pytest.raises(TransportError, match="Permission denied"):
        transport.write(0x10, 130, b"\x0f")
    assert transport.read(0, 1, 1) == eeprom.read_bytes()[1:2]


def test_a_replaced_file_is_read_afresh(eeprom: Path, tmp_path: Path) -> None:
    transport = OptoeTransport(eeprom)
    first = transport.read(0, 0, 1)
    swapped = tmp_path / "other"
    swapped.write_bytes(bytes([first[0] ^ 0xFF]) + eeprom.read_bytes()[1:])
    swapped.replace(eeprom)
    assert transport.read(0, 0, 1) == bytes([first[0] ^ 0xFF])
    eeprom.unlink()
    with pytest.raises(TransportError, match="No such file"):
        transport.read(0, 0, 1)
