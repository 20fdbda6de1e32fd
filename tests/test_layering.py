"""Imports point down only: importing cmis (and its CLI) loads neither textual nor emulator."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["cmis", "cmis.cli", "cmis.report", "cmis.image"])
def test_cmis_does_not_import_ui_or_emulator(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        "bad = sorted(top & {'textual', 'emulator', 'tui'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
