"""The shared output-file helpers: checked before any work, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cmis.cli.output import atomic_write, check_output_path
from cmis.errors import CmisError, InputError, cut


def test_cut_keeps_short_values_and_cuts_long_ones() -> None:
    assert cut("abc") == "'abc'"
    long = cut("x" * 5000)
    assert len(long) == 40 and long.endswith("...")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/nonexistent/x.bin", "does not exist"),
        ("/tmp", "is a directory"),
        ("/dev/null", "not a regular file"),
        ("/" + "a" * 5000, "path too long"),
        ("/tmp/" + "b" * 300, "path too long"),
    ],
)
def test_unwritable_paths_are_bad_input_with_a_short_message(path: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        check_output_path(path)
    assert len(str(info.value)) < 160


def test_a_file_in_a_read_only_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ro").mkdir()
    os.chmod(tmp_path / "ro", 0o500)
    try:
        if os.access(tmp_path / "ro", os.W_OK) and os.geteuid() == 0:
            pytest.skip("root writes into read-only directories")
        with pytest.raises(InputError, match="not writable"):
            check_output_path(tmp_path / "ro" / "x.bin")
    finally:
        os.chmod(tmp_path / "ro", 0o700)


def test_append_accepts_a_device_and_an_existing_log(tmp_path: Path) -> None:
    assert check_output_path("/dev/full", append=True) == Path("/dev/full")
    (tmp_path / "log.jsonl").write_text("kept\n")
    check_output_path(tmp_path / "log.jsonl", append=True)
    assert (tmp_path / "log.jsonl").read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.jsonl"]


def test_atomic_write_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "x.bin"
    target.write_bytes(b"old")
    atomic_write(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.bin"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CmisError, match="No space left") as info:
        atomic_write(target, b"new")
    assert not isinstance(info.value, InputError)  # an operation failure, exit 1
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
