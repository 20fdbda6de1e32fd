"""Module.pins: LPMode and ResetL driven, IntL and presence read, on emu: and optoe: targets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.codec.codes import ModuleState
from cmis.errors import InputError, TransportError
from cmis.host import registers as r
from cmis.transport.pinfiles import PinFiles
from emulator.targets import open_emulated

SAMPLE = Path(__file__).parents[3] / "samples" / "osfp-800g-dr8.bin"


def test_power_by_pin_drives_the_emulated_lpmode_pin_and_waits() -> None:
    module = open_emulated("osfp-800g-dr8")
    assert module.set_power_by_pin("low") == ModuleState.ModuleLowPwr
    assert module.device.lpmode is True  # type: ignore[attr-defined]
    assert module.set_power_by_pin("high") == ModuleState.ModuleReady
    assert module.pins is not None and module.pins.lpmode is False


def test_reset_pin_holds_the_module_in_reset_then_it_comes_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = open_emulated("osfp-800g-dr8")
    seen: list[bool] = []
    pin = type(module.device).reset_pin  # type: ignore[attr-defined]

    def record(device: object, level: bool) -> None:
        seen.append(level)
        pin.fset(device, level)

    monkeypatch.setattr(type(module.device), "reset_pin", property(pin.fget, record))
    assert module.reset(pin=True) == ModuleState.ModuleReady
    assert seen == [True, False]


def test_pins_without_pins_is_bad_input() -> None:
    import cmis

    module = cmis.open(f"file:{SAMPLE}")
    with pytest.raises(InputError, match="no ResetL pin"):
        module.reset(pin=True)
    with pytest.raises(InputError, match="no LPMode pin"):
        module.set_power_by_pin("low")


def test_cli_power_low_use_pin_on_emu_asserts_the_pin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["power", "low", "--use-pin", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["module_state"] == "ModuleLowPwr" and out["pins"]["lpmode"] is True


@pytest.fixture
def cage(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "eeprom")
    for name, level in (("present", 1), ("lpmode", 1), ("reset", 0), ("intr_status", 1)):
        (tmp_path / f"xcvr_{name}").write_text(f"{level}\n")
    return tmp_path


def test_pin_files_read_and_write_like_pddf(cage: Path) -> None:
    pins = PinFiles.beside(cage / "eeprom")
    assert pins is not None and (pins.present, pins.intl, pins.lpmode, pins.reset) == (
        True,
        True,
        True,
        False,
    )
    pins.lpmode = False
    assert (cage / "xcvr_lpmode").read_text() == "0\n"
    (cage / "xcvr_reset").unlink()
    assert pins.reset is None
    with pytest.raises(TransportError, match="xcvr_reset"):
        pins.reset = True
    (cage / "xcvr_intr_status").write_text("maybe\n")
    with pytest.raises(TransportError, match="not 0 or 1"):
        _ = pins.intl


def test_no_pin_files_no_pins(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "eeprom")
    assert PinFiles.beside(tmp_path / "eeprom") is None


def test_cli_power_high_use_pin_releases_the_lpmode_file(
    cage: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["-t", f"optoe:{cage}/eeprom", "power", "high", "--use-pin", "--json"])
    out = json.loads(capsys.readouterr().out)
    controls = (cage / "eeprom").read_bytes()[r.CONTROLS]
    assert code == 0 and out["module_state"] == "ModuleReady"
    assert (cage / "xcvr_lpmode").read_text() == "0\n"
    assert controls & r.LOW_PWR_ALLOW_HW and not controls & r.LOW_PWR_SW
    assert out["pins"]["lpmode"] is False and out["pins"]["intl"] is True


def test_cli_reset_pin_leaves_reset_released(
    cage: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (cage / "xcvr_reset").write_text("1\n")
    code = main(["-t", f"optoe:{cage}/eeprom", "reset", "--pin"])
    assert code == 0 and "ModuleReady" in capsys.readouterr().out
    assert (cage / "xcvr_reset").read_text() == "0\n"


def test_cli_info_shows_the_pins(cage: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-t", f"optoe:{cage}/eeprom", "info"]) == 0
    assert "Pins: present yes, IntL asserted, LPMode asserted, ResetL released" in (
        capsys.readouterr().out
    )
