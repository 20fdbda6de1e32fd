"""``cmis.open`` target strings: every scheme, the default, and one-line errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

import cmis
from cmis.codec.codes import ModuleState
from cmis.errors import TargetError
from cmis.host.targets import register_scheme
from cmis.images import save_image


def test_default_target_is_a_ready_emulated_800g() -> None:
    module = cmis.open()
    assert module.name == "emu:osfp-800g-dr8"
    assert module.module_state() == ModuleState.ModuleReady


def test_other_profiles() -> None:
    module = cmis.open("emu:osfp-xd-1.6t-dr16")
    assert module.banks == 2 and len(module.lanes()) == 16


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("bogus:1", "unknown scheme 'bogus'.*allowed: emu:PROFILE"),
        ("osfp", "unknown scheme"),
        ("emu:", "nothing after 'emu:'"),
        ("emu:no-such", "no such emulator profile.*osfp-800g-dr8"),
        ("i2c:3", "expected BUS@ADDR"),
        ("i2c:999@0x50", "/dev/i2c-999 does not exist"),
        ("file:/no/such.bin", "no such file"),
    ],
)
def test_bad_targets(target: str, message: str) -> None:
    with pytest.raises(TargetError, match=message):
        cmis.open(target)


def test_file_target_is_read_only(dr8_image, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dump.bin"
    save_image(dr8_image, path)
    module = cmis.open(f"file:{path}")
    assert module.info()["identity"]["vendor_pn"] == "OSFP-800G-DR8"
    with pytest.raises(cmis.errors.ReadOnlyError):
        module.write(0x10, 130, b"\x01")


def test_registered_scheme_is_resolved_by_import_string() -> None:
    register_scheme("emu2", "emulator.targets:open_emulated")
    assert cmis.open("emu2:osfp-800g-dr8").module_state() == ModuleState.ModuleReady
