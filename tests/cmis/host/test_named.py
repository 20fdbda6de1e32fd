"""Fields by name on the host API, in every framing: just the field's bytes, only its bits."""

from __future__ import annotations

import pytest

from cmis.errors import AddressError, WriteRefusedError
from cmis.host.advertised import check_advertised
from cmis.host.module import Module
from tests.cmis.host.conftest import WriteCounter


def test_read_and_write_a_field(module: Module, counted: WriteCounter) -> None:
    assert module.write_field("10h.OutputDisableTx", "0x0f") == b"\x0f"
    assert counted.writes == [(0x10, 130, b"\x0f", 0)]
    reading = module.read_field("10h.OutputDisableTx")
    assert (reading.value, reading.to_dict()["offset"]) == (0x0F, 130)


def test_a_bit_field_keeps_the_other_bits(module: Module) -> None:
    module.write_field("lower.ModuleGlobalControls.LowPwrAllowRequestHW", "true")
    module.write_field("lower.LowPwrRequestSW", "true")
    assert module.read(0, 26, 1) == b"\x50"


def test_read_only_field_writes_nothing(module: Module, counted: WriteCounter) -> None:
    with pytest.raises(WriteRefusedError, match="11h.DPStateHostLane"):
        module.write_field("11h.DPStateHostLane", "4,4,4,4,4,4,4,4")
    assert counted.writes == []


@pytest.mark.parametrize(
    ("page", "bank"),
    [(0x03, 0), (0x05, 0), (0x11, 1), (0x9F, 2), (0x16, 0), (0x20, 1)],  # 20h: VDM, one bank
)
def test_unadvertised_pages(module: Module, page: int, bank: int) -> None:
    with pytest.raises(AddressError, match="advertise"):
        check_advertised(module, page, bank)


@pytest.mark.parametrize(
    ("page", "bank"), [(0x00, 0), (0x11, 0), (0x13, 0), (0x9F, 0), (0xA0, 0), (0x80, 0)]
)
def test_advertised_pages(module: Module, page: int, bank: int) -> None:
    check_advertised(module, page, bank)
