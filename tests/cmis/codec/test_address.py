"""CMIS address arithmetic: banked pages, optoe-linear offsets and access checks."""

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.address import (
    LAST_LINEAR,
    check_access,
    from_linear,
    is_banked,
    linear_offset,
    page_label,
)
from cmis.errors import AddressError

bytes_ = st.integers(0, 255)
pages_and_banks = st.integers(0, 255).flatmap(
    lambda page: st.tuples(st.integers(0, 255) if page >= 0x10 else st.just(0), st.just(page))
)


def test_pages_from_10h_are_banked() -> None:
    assert [is_banked(page) for page in (0x00, 0x0F, 0x10, 0x11, 0x9F, 0xFF)] == [
        False,
        False,
        True,
        True,
        True,
        True,
    ]


@pytest.mark.parametrize(
    ("bank", "page", "byte", "offset"),
    [
        (0, 0x00, 0, 0),
        (0, 0x00, 127, 127),
        (0, 0x00, 128, 128),  # page 00h upper = 128-255, as optoe/SONiC
        (0, 0x00, 255, 255),
        (0, 0x01, 128, 256),
        (0, 0x01, 255, 383),
        (0, 0x02, 128, 384),
        (0, 0x11, 128, 0x11 * 128 + 128),  # 2304
        (1, 0x11, 128, (256 + 0x11) * 128 + 128),  # 35072
        (1, 0x9F, 128, (256 + 0x9F) * 128 + 128),  # CDB instance 2 keeps its bank
        (255, 0xFF, 255, LAST_LINEAR),
    ],
)
def test_known_linear_offsets(bank: int, page: int, byte: int, offset: int) -> None:
    assert linear_offset(bank, page, byte) == offset
    assert from_linear(offset) == (bank, page, byte)


def test_page_11h_bank_1_byte_128_is_35072() -> None:
    assert linear_offset(1, 0x11, 128) == 35072


def test_lower_memory_ignores_page_and_bank() -> None:
    assert linear_offset(3, 0x11, 5) == 5
    assert from_linear(5) == (0, 0, 5)


@given(pages_and_banks, bytes_)
def test_from_linear_inverts_linear_offset(key: tuple[int, int], byte: int) -> None:
    bank, page = key
    back = from_linear(linear_offset(bank, page, byte))
    # a byte below 128 is lower memory: page and bank come back as 0
    assert back == ((bank, page, byte) if byte >= 128 else (0, 0, byte))


@given(st.integers(0, LAST_LINEAR))
def test_every_linear_offset_is_a_byte_or_a_hole(offset: int) -> None:
    try:
        bank, page, byte = from_linear(offset)
    except AddressError as err:
        assert "not banked" in str(err)  # bank > 0 of pages 00h-0Fh
        return
    assert linear_offset(bank, page, byte) == offset


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: linear_offset(1, 0x01, 128), r"bank 1 given for page 01h.*not banked"),
        (lambda: linear_offset(0, 256, 128), r"page 256 is out of range \(allowed 0-255"),
        (lambda: linear_offset(256, 0x11, 128), r"bank 256 is out of range"),
        (lambda: linear_offset(0, 0, 256), r"byte 256 is out of range"),
        (lambda: from_linear(-1), r"linear offset -1 is out of range"),
        (lambda: from_linear(LAST_LINEAR + 1), r"is out of range"),
        (lambda: from_linear(256 * 128 + 128), r"bank 1 of page 00h.*not banked"),
    ],
)
def test_bad_addresses_say_what_is_wrong(call: Callable[[], object], message: str) -> None:
    with pytest.raises(AddressError, match=message):
        call()


@pytest.mark.parametrize(
    ("page", "offset", "length", "bank"),
    [(0x00, 0, 128, 0), (0x00, 120, 16, 0), (0x11, 128, 128, 3), (0x01, 0, 256, 0), (0, 255, 1, 0)],
)
def test_accesses_inside_the_window_pass(page: int, offset: int, length: int, bank: int) -> None:
    check_access(page, offset, length, bank)  # 120+16 spans lower and upper: allowed


@pytest.mark.parametrize(
    ("page", "offset", "length", "bank", "message"),
    [
        (0x00, 256, 1, 0, r"offset 256 is out of range \(allowed 0-255"),
        (0x00, -1, 1, 0, r"offset -1 is out of range"),
        (0x00, 10, 0, 0, r"length 0 is too small"),
        (0x01, 250, 10, 0, r"10 bytes at offset 250 run past byte 255 \(at most 6 fit"),
        (300, 128, 1, 0, r"page 300 is out of range"),
        (0x01, 128, 1, 1, r"bank 1 given for page 01h: pages 00h-0Fh are not banked"),
        (0x11, 128, 1, 256, r"bank 256 is out of range \(allowed 0-255\)"),
    ],
)
def test_bad_accesses_name_the_problem(
    page: int, offset: int, length: int, bank: int, message: str
) -> None:
    with pytest.raises(AddressError, match=message):
        check_access(page, offset, length, bank)


def test_address_errors_are_value_errors() -> None:
    with pytest.raises(ValueError):
        check_access(0, 0, 0)


def test_page_labels_mention_the_bank_only_for_banked_pages() -> None:
    assert page_label(0x01) == "page 01h"
    assert page_label(0x11, 0) == "page 11h bank 0"
    assert page_label(0x9F, 1) == "page 9Fh bank 1"
