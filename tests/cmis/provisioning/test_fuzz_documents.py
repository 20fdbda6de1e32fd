"""Generated hostile provisioning profiles and replay logs: exit 0 or 2 (one line, nothing
written), each in a child process bounded by RLIMIT_AS and RLIMIT_CPU (tests/bounded.py)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bounded import Result, run_cli
from tests.conftest import SUMMARY

EXAMPLES = max(8, settings.default.max_examples // 10)  # each one is a process: dev 8, ci 60
COUNTS = {"profiles": 0, "logs": 0}
KEYS = ["power", "applications", "tx", "thresholds", "firmware", "enable", "appsel", "lanes",
        "TempHighAlarmThreshold", "version", "x" * 300, "<<", "? [1]", "'q'"]  # fmt: skip
SCALARS = ["high", "low", "1-4", "[1, 2]", "3", "-1", "1e999", ".nan", "null", '"3.7"', "3.7",
           "!!binary aGk=", "!!python/object:os.system", "!x y", "&a 1", "*a", "&a [*a]",
           "{appsel: 2, lanes: 1-4}", "[" * 300, "]", "'" + "v" * 5000 + "'", "|"]  # fmt: skip
line = st.builds(
    lambda indent, key, value: f"{' ' * indent}{key}: {value}",
    st.sampled_from([0, 0, 2, 4]),
    st.sampled_from(KEYS),
    st.sampled_from(SCALARS) | st.text(max_size=6),
)
junk = st.binary(max_size=8) | st.sampled_from([b"\xff\xfe", b"\x00", b"\xc3("])
profiles = st.builds(
    lambda lines, tail: "\n".join(lines).encode("utf-8", "surrogatepass") + tail,
    st.lists(line | st.sampled_from(["  - {appsel: 1, lanes: 1-8}", "- x", "---"]), max_size=8),
    st.just(b"") | junk,
)
fields = {"op": st.sampled_from(["read", "write", "READ", 1, None]),
          "page": st.sampled_from([0, 1, 0x11, 255, 256, -1, True, 1.5, "0", 10**30]),
          "offset": st.sampled_from([0, 127, 128, 255, 256, -1, None]),
          "bank": st.sampled_from([0, 1, 255, 256, False]),
          "data": st.sampled_from(["", "19", "1", "zz", "00" * 300, "AbCd", 5]),
          "length": st.sampled_from([1, 0, 256, 257, -1, "1", None])}  # fmt: skip
entries = st.fixed_dictionaries({}, optional=fields).map(lambda e: json.dumps(e).encode())
logs = st.lists(
    entries | st.sampled_from([b"[" * 3000, b"{", b"NaN", b"\xff", b"[]", b'"x"']), max_size=6
).map(b"\n".join)


def _check(result: Result) -> None:
    assert result.code in (0, 2), result  # a killed child (limits) has a negative code
    assert "Traceback" not in result.err, result.err[:2000]
    if result.code == 2:
        lines = result.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("cmis: error: ") and len(lines[0]) < 300


def _writes(log: Path) -> list[int]:
    text = log.read_text() if log.exists() else ""
    entries = [json.loads(x) for x in text.splitlines()]
    return [e["offset"] for e in entries if e["op"] == "write" and e["offset"] not in (126, 127)]


@settings(max_examples=EXAMPLES)
@given(document=profiles)
def test_generated_profiles_exit_cleanly(document: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        profile, record = Path(tmp, "p.yaml"), Path(tmp, "rec.jsonl")
        profile.write_bytes(document)
        result = run_cli("--record", str(record), "provision", str(profile))
        COUNTS["profiles"] += 1
        _check(result)
        if result.code == 2:
            assert _writes(record) == []


@settings(max_examples=EXAMPLES)
@given(document=logs)
def test_generated_replay_logs_exit_cleanly(document: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp, "log.jsonl")
        log.write_bytes(document)
        result = run_cli("-t", f"file:{log}", "dump", "-l", "4")
        COUNTS["logs"] += 1
        assert result.code in (0, 1, 2), result  # 1: a good log that diverges from the request
        if result.code:
            assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err, result.err


def test_report_document_examples(pytestconfig: pytest.Config) -> None:
    """Runs after the properties (file order): the counts show in the terminal summary."""
    pytestconfig.stash.setdefault(SUMMARY, []).append(
        f"document fuzz: {COUNTS['profiles']} profiles, {COUNTS['logs']} replay logs "
        "(each in a bounded child process)"
    )
