"""``cmis read`` / ``cmis write`` by field name and by raw offset, against the default module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.codec.fieldref import resolve
from cmis.codec.fieldvalue import decode, encode, parse_value
from cmis.errors import InputError, WriteRefusedError
from cmis.host.module import Module
from cmis.host.named import read_field, write_field
from emulator.targets import open_emulated
from tests.cmis.cli.test_commands import run, writes


@pytest.fixture
def module() -> Module:
    return open_emulated("osfp-800g-dr8")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["read", "11h.DPStateHostLane"], "DPStateHostLane = DPActivated, DPActivated"),
        (["read", "lower.ModuleGlobalControls.LowPwrRequestSW"], "= false  (byte 26 bit 4)"),
        (["read", "lower.LowPwrRequestSW"], "lower.ModuleGlobalControls.LowPwrRequestSW"),
        (["read", "01h.ApplicationDescriptors[9]"], "[9].LaneCounts.HostLaneCount = 0"),
        (["read", "02h.TempHighAlarmThreshold"], "= 75 degC"),
        (["read", "00h.VendorPN"], "'OSFP-800G-DR8   '"),
        (["read", "--page", "11h", "128", "4"], "0x0080:\t\t44 44 44 44"),
        (["write", "10h.OutputDisableTx", "0x0f", "--verify"], "(00 -> 0f)"),
        (["write", "lower.ModuleGlobalControls.LowPwrRequestSW", "true"], "(40 -> 50)"),
        (["write", "10h.SCS0.DPConfigLane[1].AppSelCode", "2"], "(10 -> 20)"),
        (["write", "10h.OutputDisableRx", "0"], "(unchanged)"),
    ],
)
def test_read_and_write_by_name(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    assert expected in out


def test_read_field_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "read", "11h.OpticalPowerTx", "--json")
    data = json.loads(out)
    assert (data["page"], data["offset"], data["length"], data["unit"]) == (0x11, 154, 16, "mW")
    assert len(data["value"]) == 8 and all(0.5 < mw < 2 for mw in data["value"])


def test_a_named_write_changes_only_its_bits(module: Module) -> None:
    module.write(0, 26, b"\x40")  # LowPwrAllowRequestHW set
    old, new = write_field(module, "lower.LowPwrRequestSW", "on")
    assert (old, new) == (b"\x40", b"\x50")
    assert read_field(module, "lower.ModuleGlobalControls.LowPwrAllowRequestHW").value is True


def test_values_in_units_and_enum_names() -> None:
    temp = resolve("02h.TempHighAlarmThreshold")
    assert encode(temp, b"\0\0", parse_value(temp, "80.5 degC")) == bytes.fromhex("5080")
    state = resolve("11h.DPStateHostLane")
    raw = encode(state, bytes(4), parse_value(state, "DPActivated,1,2,3,4,5,6,7"))
    assert decode(state, raw)[0].name == "DPActivated"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("10h.OutputDisableTx", "256", "does not fit the field"),
        ("10h.OutputDisableTx", "lots", "is not a number"),
        ("lower.LowPwrRequestSW", "maybe", "is not a flag"),
        ("11h.DPStateHostLane", "1,2", "8 values, one per lane"),
        ("01h.ApplicationDescriptors[9]", "1", "is a group of 5 fields"),
    ],
)
def test_bad_values(module: Module, name: str, value: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        write_field(module, name, value)


def test_read_only_field_needs_force(module: Module) -> None:
    with pytest.raises(WriteRefusedError, match="00h.VendorPN: read-only|refusing to write"):
        write_field(module, "00h.VendorPN", "X")
    write_field(module, "lower.custom_13", "01", force=True)  # vendor byte, forced


def test_unknown_field_suggests_the_closest_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "read", "11h.DPStateHostLanes")
    assert code == 2 and err.count("\n") == 1
    assert "did you mean 11h.DPStateHostLane" in err


BAD_FIELD_INPUTS = [
    ["write", "10h.OutputDisableTxx", "0x0f"],  # unknown field
    ["write", "lower.TempMonValue", "30"],  # read-only monitor
    ["write", "10h.custom_240", "00"],  # vendor
    ["write", "10h.OutputDisableTx", "0x100"],  # does not fit
    ["write", "12h.Anything", "1"],  # a page without field names
    ["write", "10h.OutputDisableTx"],  # no value
    ["read", "11h.DPStateHostLane", "4"],  # a field has its own length
    ["read", "--page", "11h", "250", "8"],  # runs past byte 255
    ["read", "--page", "3", "128", "1"],  # page 03h is not advertised
    ["read", "--page", "11h", "--bank", "1", "128", "1"],  # one bank only
    ["dump", "--page", "11h", "--bank", "1"],
    ["dump", "--page", "5"],
    ["write", "11h", "128", "00", "--bank", "2"],
]


@pytest.mark.parametrize("args", BAD_FIELD_INPUTS, ids=lambda a: " ".join(a))
def test_bad_field_input_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    log = tmp_path / "log.jsonl"
    code, _, err = run(capsys, "--record", str(log), *args)
    assert code == 2, err
    assert err.startswith("cmis: error: ") and err.count("\n") == 1
    assert writes(log) == []
