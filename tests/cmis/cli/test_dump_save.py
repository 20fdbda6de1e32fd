"""`cmis dump --save`: what was shown is saved in a form `cmis decode` reads back, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmis.cli import main
from cmis.images import MemoryImage


def test_a_range_is_saved_and_loads_back_with_the_rest_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "part.txt"
    assert (
        main(["dump", "--page", "0x11", "--offset", "128", "--length", "16", "--save", str(path)])
        == 0
    )
    shown = capsys.readouterr().out
    image = MemoryImage.load(path)
    assert image.read(0x11, 128, 16).hex(" ") in shown
    assert image.is_known(0x11, 143) and not image.is_known(0x11, 144) and image.lower is None


def test_a_whole_page_saves_as_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lower.bin"
    assert main(["dump", "--save", str(path)]) == 0
    shown = capsys.readouterr().out
    image = MemoryImage.load(path)
    assert len(path.read_bytes()) == 128 and image.lower is not None and not image.page_keys()
    assert bytes(image.lower[:16]).hex(" ") in shown


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--length", "16", "--save", "x.bin"], "whole 128-byte pages"),
        (["--save", "x.csv"], ".txt, .hex or .bin"),
        (["--save", "no/such/dir/x.txt"], "does not exist"),
    ],
)
def test_bad_save_targets_exit_2_and_write_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["dump", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and list(tmp_path.iterdir()) == []
