"""``cmis-emu`` bad input without a mount: one line on stderr, exit 2, nothing started."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulator.service import mount
from emulator.service.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["serve"], "Missing option '--mount'"),
        (["serve", "--mount", "{tmp}"], "give CHASSIS.toml or --ports N"),
        (["serve", "--mount", "{tmp}", "--ports", "0"], "--ports"),
        (["serve", "lab.toml", "--ports", "2", "--mount", "{tmp}"], "are for a chassis without"),
        (["status", "{tmp}"], "is not a cmis-emu mount"),
        (["fault", "{tmp}", "port1", "rx_los=1"], "is not a cmis-emu mount"),
        (["link", "{tmp}", "loss", "port1", "port2"], "give DB with 'loss'"),
        (["link", "{tmp}", "cut", "port1", "port2", "3"], "give DB with 'loss'"),
        (["link", "{tmp}", "bend", "port1", "port2"], "'bend' is not one of"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if argv[0] == "serve" and mount.fuse_problem():
        pytest.skip("serve checks FUSE first")
    assert main([arg.replace("{tmp}", str(tmp_path)) for arg in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmis-emu: error: ") and err.count("\n") == 1 and message in err
    assert list(tmp_path.iterdir()) == []


def test_without_fuse_serve_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(mount.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setattr(mount.os.path, "exists", lambda path: True)
    assert main(["serve", "--ports", "2", "--mount", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        "cmis-emu: error: FUSE is not available "
        "(no libfuse3; install fuse3: apt-get install fuse3)\n"
    )
