"""Hostile command lines end as ONE ``cmis: error: ...`` line, exit 2, nothing written (module
or files): bad numbers, unwritable outputs, huge paths, click usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmis.cli import main

LONG = "a" * 5000


def one_line(capsys: pytest.CaptureFixture[str], args: list[str], code: int = 2) -> str:
    assert main(args) == code
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cmis: error: "), err[:500]
    assert len(lines[0]) < 300 and "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["power"], "Missing argument"),
        (["dump", "--page"], "requires an argument"),
        (["nosuch"], "No such command"),
        (["dom", "--watch", "nan"], "finite"),
        (["dom", "--watch", "inf"], "finite"),
        (["dom", "--watch", "-1"], "outside 0.01-86400"),
        (["dom", "--watch", "1e308"], "1e+308 is outside"),
        (["fw", "make-image", "/tmp/x.bin", "--version", "256.0.0"], "0-255"),
        (["fw", "make-image", "/tmp/x.bin", "--version", "1.2.70000"], "0-65535"),
        (["fw", "make-image", "/tmp/x.bin", "--size", "99999999999999999999"], "16 MiB"),
        (["fw", "make-image", "/tmp/x.bin", "--size", "0"], "at least 1"),
        (["fw", "make-image", "/tmp/x.bin", "--header-size", "300"], "56<=x<=255"),
        (["-t", f"file:{LONG}", "info"], "too long"),
        (["-t", f"optoe:{'/d' * 2500}", "info"], "too long"),
        (["-t", f"i2c:{'1' * 5000}@0x50", "info"], "too long"),
        (["-t", f"i2c:{'1' * 100}@0x50", "info"], "BUS@ADDR"),
        (["-t", f"emu:{LONG}", "info"], "too long"),
        (["-t", f"emu:{LONG[:4000]}", "info"], "no such emulator profile"),
        (["-t", f"x{LONG}", "info"], "unknown scheme"),
        (["tx", "disable", LONG], "not a lane"),
        (["provision", f"/tmp/{LONG}.yaml"], "no such file"),
        (["provision", "/tmp"], "is a directory"),
    ],
)
def test_bad_input_is_one_short_line(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    assert said in one_line(capsys, args)


def test_help_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["power", "--help"]) == 0
    assert "Usage: cmis power" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["fw", "make-image", "/nonexistent/x.bin"],
        ["dump", "--all", "--save", "/nonexistent/x.bin"],
        ["--record", "/nonexistent/x.jsonl", "power", "low"],
        ["--record", "/tmp", "power", "low"],
        ["fw", "make-image", "/dev/null"],
    ],
)
def test_unwritable_output_is_refused_before_the_module_is_touched(
    capsys: pytest.CaptureFixture[str], args: list[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.jsonl"
    line = one_line(capsys, ["--record", str(log), *args] if "--record" not in args else args)
    assert "output file" in line or "record" in line
    assert not log.exists() or log.read_text() == ""


def test_record_to_a_full_disk_is_an_operation_failure(capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line(capsys, ["--record", "/dev/full", "info"], code=1)
    assert "No space left on device" in line


def test_make_image_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "fw.bin"
    target.write_bytes(b"previous image")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    assert main(["fw", "make-image", str(target), "--size", "8K"]) == 1
    assert target.read_bytes() == b"previous image"
    assert [p.name for p in tmp_path.iterdir()] == ["fw.bin"]


def test_an_argument_that_is_not_text_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line(capsys, ["--record", "\ud800", "apps"])  # found by the CLI fuzz
    assert "not valid text" in line


def test_a_password_wider_than_four_bytes_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line(capsys, ["fw", "abort", "--password", "99999999999999999999"])  # CLI fuzz
    assert "outside 0-4294967295" in line
