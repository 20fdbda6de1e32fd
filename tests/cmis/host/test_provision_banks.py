"""apply_application with lanes numbered across banks (9-16 = bank 1), as the CLI numbers them."""

from __future__ import annotations

import pytest

import cmis
from cmis.errors import ApplicationError, InputError

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


@pytest.mark.parametrize(
    ("appsel", "lanes", "said"),
    [
        (1, [9, 10, 11], "lanes 9-11 for AppSel 1: AppSel 1 needs groups of 8 consecutive"),
        (2, [9, 10, 11], "got lanes 9-11"),
        (2, [14, 15, 16], "got lanes 14-16"),
    ],
)
def test_a_bad_bank_1_group_is_named_by_its_lanes_9_to_16(appsel, lanes, said):
    with pytest.raises(InputError) as caught:
        cmis.open(TARGET).apply_application(appsel, lanes)
    assert said in str(caught.value)
    assert "[1," not in str(caught.value) and "lanes 1-" not in str(caught.value)


def test_a_bank_1_group_off_its_start_lanes_names_9_and_13():
    said = "lanes 11-14 for AppSel 2: lane group must start on lane 9 or 13"
    with pytest.raises(InputError, match=said):
        cmis.open(TARGET).apply_application(2, [11, 12, 13, 14])


def test_the_module_refusing_a_bank_1_group_is_explained_in_lanes_9_to_16():
    with pytest.raises(ApplicationError) as caught:
        cmis.open(TARGET).apply_application(2, [11, 12, 13, 14], check=False)
    assert str(caught.value).startswith("lane 11: ConfigRejectedInvalidDataPath")
    assert str(caught.value).endswith("lane group must start on lane 9 or 13")
