"""Hostile replay logs (``-t file:LOG.jsonl``) end as one ``LOG:LINE`` error line, exit 2, in
bounded time and memory (child processes with RLIMIT_AS and RLIMIT_CPU)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bounded import one_error_line, run_cli

GOOD = b'{"op": "read", "page": 0, "offset": 0, "bank": 0, "data": "19"}\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD + b'{"op": "read", "data": "\xff"}\n', ":2: not UTF-8 text"),
        (b"[" * 100_000 + b"\n", ":1: line longer than 65536"),
        (b"[" * 5000 + b"\n", ":1: nested deeper than"),
        (b'{"a":' * 5000 + b"\n", ":1: nested deeper than"),
        (GOOD.replace(b'"19"', b'"193"'), ":1: data: not whole hex bytes"),
        (GOOD.replace(b'"19"', b'"zz"'), ":1: data: not whole hex bytes"),
        (GOOD.replace(b"0,", b"true,", 1), ":1: not a transaction entry (bad or missing: page"),
        (GOOD.replace(b'"offset": 0', b'"offset": 1e999'), "offset"),
        (GOOD.replace(b'"offset": 0', b'"offset": -5'), "offset"),
        (GOOD.replace(b'"bank": 0', b'"bank": 99999999999999999999'), "bank"),
        (GOOD.replace(b'"19"', b'"' + b"00" * 300 + b'"'), ":1: data: more than 256 bytes"),
        (GOOD[:-2] + b', "length": "x"}\n', "length"),
        (GOOD[:-2] + b', "error": 5}\n', "error"),
        (GOOD + b"x" * (33 * 1024 * 1024), "larger than 32 MiB"),
        (GOOD + b"{" + b" " * 70_000 + b"}\n", ":2: line longer than 65536"),
        (b"NaN\n", ":1: not a transaction entry"),
    ],
    ids=[
        "utf8",
        "long-nested",
        "nested",
        "nested-obj",
        "odd-hex",
        "junk-hex",
        "bool-page",
        "huge-float",
        "negative",
        "huge-int",
        "long-data",
        "length-type",
        "error-type",
        "size",
        "long-line",
        "nan",
    ],  # fmt: skip
)
def test_hostile_replay_log_is_one_error_line(tmp_path: Path, text: bytes, expected: str) -> None:
    log = tmp_path / "log.jsonl"
    log.write_bytes(text)
    assert expected in one_error_line(run_cli("-t", f"file:{log}", "dump", "-l", "1"))


def test_a_good_log_still_replays(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_bytes(GOOD)
    result = run_cli("-t", f"file:{log}", "dump", "-l", "1")
    assert result.code == 0 and "19" in result.out, result
