"""apply_application with lanes numbered across banks (9-16 = bank 1), as the CLI numbers them."""

from __future__ import annotations

import pytest

import cmis
from cmis.errors import InputError

TARGET = "emu:osfp-xd-1.6t-dr16"


def test_lanes_9_to_12_provision_bank_1():
    module = cmis.open(TARGET)
    paths = module.apply_application(2, [9, 10, 11, 12])
    assert [(p.bank, p.appsel, p.lanes) for p in paths][0] == (1, 2, (1, 2, 3, 4))
    assert [p.appsel for p in module.data_paths(0)] == [1]  # bank 0 left alone


def test_lanes_across_both_banks_provision_each():
    module = cmis.open(TARGET)
    module.apply_application(3, list(range(7, 11)))
    assert {(p.bank, p.lanes) for p in module.data_paths(0) if p.appsel == 3} == {
        (0, (7,)),
        (0, (8,)),
    }
    assert {p.lanes for p in module.data_paths(1) if p.appsel == 3} == {(1,), (2,)}


def test_a_bad_group_in_bank_1_writes_nothing_in_bank_0():
    module = cmis.open(TARGET)
    with pytest.raises(InputError, match="needs groups of 4"):
        module.apply_application(2, [5, 6, 7, 8, 9, 10])  # 9-10 is no 4-lane group
    assert [p.appsel for p in module.data_paths(0)] == [1]
