"""Provisioning profiles on the host API: applied idempotently, refused with FILE:LINE before any
write when they cannot be applied."""

from __future__ import annotations

from pathlib import Path

import pytest

import cmis
from cmis.codec.codes import ModuleState
from cmis.host.module import Module
from cmis.host.provisioning.plan import RequirementError, apply, plan
from cmis.host.provisioning.profile import load_profile
from cmis.host.provisioning.yamlnodes import ProfileError
from tests.cmis.host.conftest import WriteCounter

EXAMPLE = Path(__file__).parents[3] / "examples" / "provision-2x400g.yaml"


def test_example_applies_then_a_second_run_writes_nothing(module: Module) -> None:
    profile = load_profile(EXAMPLE)
    assert apply(plan(module, profile)) == 2
    assert [(p.appsel, p.lanes) for p in module.data_paths()] == [
        (2, (1, 2, 3, 4)),
        (2, (5, 6, 7, 8)),
    ]
    counter = WriteCounter(module.transport)
    module.transport = counter  # type: ignore[assignment]
    again = plan(module, profile)
    assert apply(again) == 0 and counter.writes == []
    assert not any(change.action for change in again)


def test_power_tx_and_single_lane_paths(module: Module, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("power: low\napplications:\n  - {appsel: 3, lanes: 1-8}\ntx: {disable: 7-8}\n")
    profile = load_profile(path)
    assert apply(plan(module, profile)) == 3
    assert module.module_state() == ModuleState.ModuleLowPwr
    assert [p.lanes for p in module.data_paths()] == [(k,) for k in range(1, 9)]
    assert module.read(0x10, 130, 1)[0] == 0xC0
    assert apply(plan(module, profile)) == 0


def test_dry_run_plan_lists_what_differs(module: Module) -> None:
    items = {c.what: c for c in plan(module, load_profile(EXAMPLE))}
    assert items["lanes 1-4"].have == "AppSel 1 on lanes 1-8"
    assert items["lanes 1-4"].want == "AppSel 2 on lanes 1-4"
    assert items["firmware"].action is None and items["firmware"].want == ">= 3.0"


BAD = [
    ("colour: blue\n", 1, "unknown key"),
    ("power: medium\n", 1, "'medium' is not low or high"),
    ("power: high\napplications:\n  - {appsel: 9, lanes: 1-4}\n", 3, "AppSel 9 is not advertised"),
    ("applications:\n  - appsel: 2\n    lanes: 3-6\n", 3, "lanes do not form data paths"),
    ("applications:\n  - {appsel: 2, lanes: 1-3}\n", 2, "groups of 4 consecutive"),
    ("applications:\n  - {appsel: 2, lanes: 9-12}\n", 2, "do not exist: lanes 1-8"),
    ("applications:\n  - {appsel: two, lanes: 1-4}\n", 2, "not an AppSel code"),
    ("applications:\n  - {appsel: 2}\n", 2, "missing lanes"),
    (
        "applications:\n  - {appsel: 3, lanes: 1}\n  - {appsel: 3, lanes: 1-2}\n",
        3,
        "claimed on line 2",
    ),
    ("applications: {appsel: 2}\n", 1, "expected a list"),
    ("tx: {enable: 1-4, disable: 4}\n", 1, "both enabled and disabled"),
    ("tx:\n  enable: 0-3\n", 2, "outside lanes 1-32"),
    ("tx: [1, 2]\n", 1, "expected a mapping"),
    ("thresholds:\n  TempHighAlarmThreshold: 80\n", 2, "TempHighAlarmThreshold: read-only on"),
    ("thresholds:\n  VendorPN: 1\n", 2, "not a page 02h threshold"),
    ("thresholds:\n  TempHighAlarmThreshold: hot\n", 2, "expected a number"),
    ("firmware:\n  version: 3.7\n", 2, "quoted major.minor"),
    ("power: high\npower: low\n", 2, "duplicate key"),
    ("power: [high\n", 2, "YAML syntax"),
    ("- power\n", 1, "expected a mapping"),
]


@pytest.mark.parametrize(("text", "line", "reason"), BAD, ids=[b[2] for b in BAD])
def test_bad_profiles_are_refused_with_line_and_reason(
    module: Module, counted: WriteCounter, tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ProfileError) as err:
        plan(module, load_profile(path))
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert reason in str(err.value) and "\n" not in str(err.value)
    assert counted.writes == []


def test_unmet_firmware_requirement_writes_nothing(
    module: Module, counted: WriteCounter, tmp_path: Path
) -> None:
    path = tmp_path / "fw.yaml"
    path.write_text('power: low\nfirmware:\n  min_version: "4.0"\n')
    with pytest.raises(
        RequirementError, match=r"fw.yaml:3: .* runs 3.7, the profile requires >= 4.0"
    ):
        plan(module, load_profile(path))
    assert counted.writes == []


def test_a_bad_bank_1_group_in_a_profile_names_lanes_9_to_16(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("applications:\n  - {appsel: 2, lanes: 10-13}\n")
    with pytest.raises(ProfileError, match="must start on lane 9 or 13"):
        plan(cmis.open("emu:osfp-xd-1.6t-dr16"), load_profile(path))
