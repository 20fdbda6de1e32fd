"""VDM through the host API against the emulator: freeze handshake, JSON shape, no-VDM modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.cli.memory import all_pages
from cmis.clock import VirtualClock
from cmis.errors import TransportError
from cmis.host.module import Module
from cmis.host.vdm import VdmUnsupportedError, level, read_vdm
from cmis.images.writers import save_image
from cmis.transport.twi import TwiTransport
from emulator.module import EmulatedModule
from emulator.profile import PROFILE_DIR, parse_profile
from emulator.targets import open_emulated

KEYS = {"type_id", "name", "lane", "unit", "value", "thresholds", "flags"}
LEVELS = {"high_alarm", "low_alarm", "high_warning", "low_warning"}


def freeze_byte(module: Module) -> int:
    return module.read(0x2F, 144, 1)[0]


def test_every_instance_has_the_documented_keys_and_the_freeze_bit_ends_clear(
    module: Module,
) -> None:
    rows = module.vdm()
    assert len(rows) == 8 * 14  # 14 observables on each of the 8 media lanes
    assert all(set(r) == KEYS and set(r["thresholds"]) == set(r["flags"]) == LEVELS for r in rows)
    assert {r["lane"] for r in rows} == set(range(1, 9))
    ber = [r for r in rows if r["name"] == "PreFecBerCurMedia"]
    assert len(ber) == 8 and all(0 < r["value"] < 1e-6 and level(r) == "ok" for r in ber)
    assert freeze_byte(module) & 0x80 == 0
    assert module.read(0x2F, 145, 1)[0] & 0xC0 == 0xC0  # both handshakes completed


def test_a_read_failing_midway_still_unfreezes(monkeypatch: pytest.MonkeyPatch) -> None:
    module = open_emulated("osfp-800g-dr8")
    real = module.transport.read

    def failing(page: int, offset: int, length: int, bank: int = 0) -> bytes:
        if page == 0x24:  # the values page, after the freeze took effect
            raise TransportError("NACK (test)")
        return real(page, offset, length, bank)

    monkeypatch.setattr(module.transport, "read", failing)
    with pytest.raises(TransportError):
        module.vdm()
    monkeypatch.undo()
    assert freeze_byte(module) & 0x80 == 0


def test_statistics_hold_while_frozen_and_move_again_after_unfreeze() -> None:
    module = open_emulated("osfp-800g-dr8")
    clock = module.clock
    assert isinstance(clock, VirtualClock)
    module.write(0x2F, 144, b"\x80")
    assert module.read(0x2F, 145, 1)[0] & 0x80 == 0  # cleared by the write, set when done
    clock.advance(0.01)
    assert module.read(0x2F, 145, 1)[0] & 0x80
    frozen = module.read(0x24, 128, 128)
    clock.advance(5)  # 50 new samples
    still = module.read(0x24, 128, 128)
    stat, basic = slice(2 * 4, 2 * 5), slice(2 * 1, 2 * 2)  # lane 1: BER minimum, eSNR
    assert still[stat] == frozen[stat] and still[basic] != frozen[basic]
    module.write(0x2F, 144, b"\x00")
    clock.advance(0.01)
    assert module.read(0x24, 128, 128)[stat] != frozen[stat]  # a new interval's minimum


def plain_module() -> Module:
    """The DR8 without its ``[vdm]`` section: a module that does not advertise VDM."""
    text = (PROFILE_DIR / "osfp-800g-dr8.toml").read_text().split("\n[vdm]")[0]
    clock = VirtualClock()
    device = EmulatedModule(parse_profile("no-vdm", text), clock, lpmode=False)
    return Module(TwiTransport(device, clock=clock), clock=clock, name="plain")


def test_a_module_without_vdm_says_so() -> None:
    module = plain_module()
    with pytest.raises(VdmUnsupportedError, match="plain: no VDM telemetry"):
        read_vdm(module)
    assert module.read(0x01, 142, 1)[0] & 0x40 == 0
    assert module.read(0x2F, 144, 1) == b"\x00"  # nothing was frozen


def test_cli_vdm_json_and_text_and_no_vdm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["vdm", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["lane"] for r in rows[:14]] == [1] * 14 and set(rows[0]) == KEYS
    assert main(["vdm"]) == 0
    out = capsys.readouterr().out
    assert "EsnrMediaInput" in out and "lane 8" in out
    image = tmp_path / "plain.txt"
    save_image(all_pages(plain_module()), image)
    assert main(["-t", f"file:{image}", "vdm"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("cmis: error: ") and "no VDM" in err[0]
