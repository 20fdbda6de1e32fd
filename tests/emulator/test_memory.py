"""Access dispatch: RO/RW/trigger/COR bytes, selects, unadvertised pages, write limits."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cmis.errors import TransportError
from emulator.access import LOWER_ACCESS, PAGE10_ACCESS
from tests.emulator.helpers import read, select, write

FIELDS = Path(__file__).parents[2] / "specs" / "fields.csv"


def _bits(bits: str) -> int:
    if not bits:
        return 0xFF
    hi, _, lo = bits.partition("-")
    lo = lo or hi
    return (2 << int(hi)) - (1 << int(lo))


@pytest.mark.parametrize(("page", "access"), [("lower", LOWER_ACCESS), ("10h", PAGE10_ACCESS)])
def test_rw_table_agrees_with_specs_fields_csv(page, access):
    rows = [r for r in csv.DictReader(FIELDS.open()) if r["page"] == page]
    for row in rows:
        first, _, last = row["bytes"].partition("-")
        for byte in range(int(first), int(last or first) + 1):
            writable = access.rw[byte - access.base] & _bits(row["bits"])
            want_rw = row["access"] in ("RW", "RWW")
            assert bool(writable) == want_rw, f"{page} byte {byte} {row['name']}: {row['access']}"
            assert writable in (0, _bits(row["bits"])), f"{row['name']} partly writable"


def test_read_only_bytes_ack_and_ignore_writes(module):
    before = module.twi_read(0, 4)
    module.twi_write(0, b"\x00\x00\x00\x00")
    assert module.twi_read(0, 4) == before
    write(module, 0x01, 130, b"\xaa")
    assert read(module, 0x01, 130) != b"\xaa"


def test_cor_clears_exactly_the_bytes_read(module):
    lower = module.memory.lower
    lower[8:12] = b"\x01\x02\x04\x08"
    assert module.twi_read(9, 1) == b"\x02"
    assert module.twi_read(8, 4) == b"\x01\x00\x04\x08"
    assert module.twi_read(8, 4) == bytes(4)


def test_lane_flags_clear_on_read_and_masks_gate_intl(module):
    module.twi_read(8, 1)  # clear ModuleStateChangedFlag
    assert not module.intl
    module.memory.page(0, 0x11)[147 - 128] = 0x04  # Rx LOS lane 3
    module.refresh_interrupt()
    assert module.intl and module.twi_read(4, 1)[0] & 1  # flag summary bank 0
    write(module, 0x10, 226, b"\x04")  # LOSMaskRx lane 3
    assert not module.intl and module.twi_read(3, 1)[0] & 1
    write(module, 0x10, 226, b"\x00")
    assert module.intl
    assert read(module, 0x11, 147) == b"\x04"
    assert read(module, 0x11, 147) == b"\x00" and not module.intl


def test_password_bytes_are_write_only(module):
    module.twi_write(122, (0x1011).to_bytes(4, "big"))
    assert module.twi_read(118, 8) == bytes(8) and module.unlocked


def test_bank_select_acts_only_with_page_select(module):
    select(module, 0x11)
    module.twi_write(126, b"\x01")
    assert module.memory.selected == (0, 0x11)
    module.twi_write(127, b"\x10")
    assert module.memory.selected == (1, 0x10)


def test_unadvertised_page_reads_zeros_and_ignores_writes(module):
    select(module, 0x22)  # VDM group 3: the module advertises groups 1-2 only
    module.twi_write(128, b"\x55")
    assert module.twi_read(128, 128) == bytes(128)
    assert module.twi_read(127, 1) == b"\x22"  # PageSelect keeps what the host wrote


def test_long_writes_and_overruns_nack(module):
    with pytest.raises(TransportError, match="limit of 8"):
        write(module, 0x10, 145, bytes(9))
    with pytest.raises(TransportError):
        module.twi_read(250, 8)
    select(module, 0x9F)  # CDB page advertises 8 * (1 + 15) bytes
    module.twi_write(136, bytes(range(100)))
    assert module.twi_read(136, 100) == bytes(range(100))
