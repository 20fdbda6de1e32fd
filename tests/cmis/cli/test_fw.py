"""`cmis fw ...` as a user runs it against emulated targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main


def test_info_readable_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fw", "info"]) == 0
    out = capsys.readouterr().out
    assert "image A: 3.7.1204" in out and "EPL blocks of 2048" in out
    assert main(["fw", "info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["images"][0]["running"] and data["features"]["start_payload_size"] == 64


def test_make_image_then_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = tmp_path / "fw.bin"
    assert main(["fw", "make-image", str(image), "--version", "3.9.1", "--size", "64K"]) == 0
    assert image.stat().st_size == 64 * 1024 + 64
    assert main(["fw", "update", str(image)]) == 0
    assert "running image B: 3.9.1, committed" in capsys.readouterr().out


def test_update_with_password_on_an_lpl_module(tmp_path: Path, capsys) -> None:
    image = tmp_path / "fw.bin"
    main(["fw", "make-image", str(image), "--size", "8K"])
    args = ["-t", "emu:qsfpdd-800g-2xfr4", "fw", "update", "-q", str(image)]
    assert main([*args, "--password", "0x1011"]) == 0
    assert main(args) == 1
    assert "password" in capsys.readouterr().err


def test_broken_image_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = tmp_path / "bad.bin"
    main(["fw", "make-image", str(image), "--size", "8K", "--defect", "crc"])
    assert main(["fw", "update", "-q", str(image)]) == 2
    assert "CRC" in capsys.readouterr().err


def test_run_commit_abort(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fw", "run"]) == 0
    assert "running image B: 3.5.1102" in capsys.readouterr().out
    assert main(["fw", "commit"]) == 0
    assert main(["fw", "abort"]) == 0
    assert "aborted" in capsys.readouterr().out


def test_make_image_rejects_a_bad_version(tmp_path: Path) -> None:
    assert main(["fw", "make-image", str(tmp_path / "x"), "--version", "3.9"]) == 2


@pytest.mark.parametrize(
    "option", [("--version", "a.b.c"), ("--version", "3.-1.0"), ("--size", "-5"), ("--size", "-1K")]
)
def test_make_image_rejects_bad_numbers(tmp_path: Path, option: tuple[str, str]) -> None:
    """These escaped as ValueError tracebacks (exit 1) before."""
    assert main(["fw", "make-image", str(tmp_path / "x"), *option]) == 2


def test_info_shows_cdb_capabilities_and_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fw", "info"]) == 0
    out = capsys.readouterr().out
    assert "CDB: 1 instance(s), background, 16 EPL page(s)" in out
    assert "0102h abort" in out and "0105h" not in out  # read-back not offered by this profile
    assert main(["fw", "info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cdb"]["background"] and "0104h EPL write" in data["commands"]


def test_update_takes_a_file_of_any_format_and_reports_the_module_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "vendor.bin"
    image.write_bytes(b"\x7fVND" + bytes(range(256)) * 40)  # not ours: the module judges it
    assert main(["fw", "update", "-q", str(image), "--expect-version", "7.2.15"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cmis: error:") and "0x42" in err and "Traceback" not in err


def test_expect_version_that_the_module_does_not_run_fails_with_the_next_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "fw.bin"
    main(["fw", "make-image", str(image), "--version", "3.9.1", "--size", "8K"])
    assert main(["fw", "update", "-q", str(image), "--expect-version", "3.9.2"]) == 2
    assert "OCFW image of version 3.9.1" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [["fw", "update", "x", "--expect-version", "1.2"], ["fw", "read", "--length", "0"],
     ["fw", "read", "--address", "z" * 80]],
)  # fmt: skip
def test_fw_bad_options_are_one_line_exit_2(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").write_bytes(bytes(200))
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cmis: error:") and "z" * 41 not in err


def test_read_without_read_back_support_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fw", "read"]) == 1
    assert "read-back" in capsys.readouterr().err


def test_abort_running_on_an_idle_module_still_aborts_the_download(capsys) -> None:
    assert main(["fw", "abort", "--running"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "no CDB command was running",
        "download aborted",
    ]
