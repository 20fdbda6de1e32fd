"""Hostile provisioning profiles end as one ``FILE:LINE`` error line, exit 2, nothing written,
in bounded time and memory (each case runs in a child process with RLIMIT_AS and RLIMIT_CPU)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bounded import one_error_line, run_cli


def bomb(keys: list[str]) -> bytes:
    """9 levels of 9 aliases (9^9 nodes if followed), under the ``keys`` given."""
    lines = [f"{keys[0]}: &a0 [" + ",".join(["x"] * 9) + "]"]
    lines += [f"{k}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i, k in enumerate(keys)]
    return "\n".join(lines[:1] + lines[2:]).encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (bomb([f"a{i}" for i in range(9)]), ":1: a0: unknown key (allowed: power"),
        (bomb(["power", "tx", "firmware", "applications", "thresholds"] * 2), ":1: power: anch"),
        (b"power: &p [*p]\n", ":1: power: anchors and aliases"),
        (b"power: high\ntx: *x\n", ":2: tx: anchors and aliases"),
        (b"power: " + b"[" * 5000 + b"\n", ":1: power"),
        (b"power: high\ntx: {enable: 1-4}\n# caf\xe9\n", ":3: not UTF-8 text"),
        (b"power: high\n" + b"#" * (300 * 1024) + b"\n", "larger than 256 KiB"),
        (b"power: high\nfoo: 1\n" + b"x: [\n" * 20000, ":2: foo: unknown key"),
        (b"power: " + b"x" * 200_000 + b"\n", ":1: power: 'xxxxx"),
        (b"thresholds: {" + b"Q" * 200_000 + b": 1}\n", ":1: thresholds.'QQQQ"),
        (b"tx: {? [1, 2]: 1}\n", ":1: tx: keys must be plain names"),
        (b"power: high\npower: \x1f", ":2: YAML syntax: unacceptable character #x001f"),
    ],
    ids=[
        "bomb",
        "bomb-allowed-keys",
        "recursive",
        "alias",
        "nested",
        "utf8",
        "size",
        "fail-fast",
        "long",
        "longkey",
        "complex-key",
        "control-char",
    ],  # fmt: skip
)
def test_hostile_profile_is_one_error_line(tmp_path: Path, text: bytes, expected: str) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_bytes(text)
    log = tmp_path / "log.jsonl"
    line = one_error_line(run_cli("--record", str(log), "provision", str(profile)))
    assert expected in line
    assert '"write"' not in (log.read_text() if log.exists() else "")


def test_nesting_deeper_than_the_bound_is_named(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("tx: {enable: " + "[" * 40 + "1" + "]" * 40 + "}\n")
    line = one_error_line(run_cli("provision", str(profile)))
    assert "nested deeper than 16 levels" in line
