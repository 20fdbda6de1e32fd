"""`cmis decode` on what users really pass it: partial dumps, empty, huge, unreadable, odd paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.images import MemoryImage, to_linear
from cmis.images.source import MAX_DUMP_BYTES

PAGE11 = bytes([0x44] * 8) + bytes(range(1, 121))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("cmis: error:") and "Traceback" not in err


def test_page_11h_only_binary_derives_nothing_from_the_zero_fill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = MemoryImage()
    image.set_page(0x11, PAGE11)
    path = tmp_path / "p11.bin"
    path.write_bytes(to_linear(image))  # lower memory and pages 00h-10h zero-filled
    code, out, _ = run(["decode", str(path), "--json"], capsys)
    report = json.loads(out)
    assert code == 0 and report["status"] is None and report["monitors"] is None
    assert report["identity"] == {} and report["checksums"] == {}
    assert {"lower memory", "00h", "01h"} <= set(report["missing_pages"])
    assert len(report["lanes"]) == 8 and report["lanes"][0]["tx_bias_ma"] is None
    code, out, _ = run(["decode", str(path)], capsys)
    assert code == 0 and "absent (no lower memory)" in out and "Unknown" not in out
    assert "not in this image: lower memory" in out


def test_sfputil_dump_of_page_11h_only_decodes_what_is_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        f"{0x900 + r:08x} " + " ".join(f"{b:02x}" for b in PAGE11[r : r + 16])
        for r in range(0, 128, 16)
    ]
    path = tmp_path / "dump.txt"
    path.write_text(
        "admin@sonic:~$ sudo sfputil dump -s 0x900 -l 128 Ethernet0\n" + "\n".join(rows)
    )
    code, out, _ = run(["decode", str(path), "--json"], capsys)
    assert code == 0 and json.loads(out)["missing_pages"][0] == "lower memory"


def test_empty_file_says_empty(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["decode", "/dev/null"], capsys)
    assert code == 2 and one_error_line(err) and "empty" in err and "no such" not in err


def test_a_5000_character_path_is_one_short_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["decode", "d" * 5000], capsys)
    assert code == 2 and one_error_line(err) and len(err) < 200


def test_unreadable_proc_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["decode", "/proc/self/mem"], capsys)
    assert code == 2 and one_error_line(err) and "/proc/self/mem" in err


def test_a_file_over_the_bound_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: the size alone must refuse it
        handle.truncate(MAX_DUMP_BYTES + 1)
    code, _, err = run(["decode", str(path)], capsys)
    assert code == 2 and one_error_line(err) and "too big" in err and "4 MiB" in err


def test_endless_non_regular_input_is_cut_at_the_bound(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["decode", "/dev/zero"], capsys)
    assert code == 2 and one_error_line(err) and "too big" in err
