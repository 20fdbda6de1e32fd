"""Imports point down only: importing cmis (and its CLI) loads neither textual nor emulator."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "cmis",
        "cmis.cli",
        "cmis.codec.report",
        "cmis.images",
        "cmis.host.module",
        "cmis.host.targets",
        "cmis.transport.i2c",
        "cmis.transport.optoe",
        "cmis.transport.record",
    ],
)
def test_cmis_does_not_import_ui_or_emulator(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        "bad = sorted(top & {'textual', 'emulator', 'tui'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_smbus2_is_imported_only_when_an_i2c_device_is_used() -> None:
    code = "import sys, cmis.cli, cmis.transport.i2c\nprint('smbus2' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
