"""Garbled dumps through `cmis decode`: exit 0 or 2, one line on error, never a traceback."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmis.cli import cli
from cmis.cli.runner import BAD_INPUT_ERRORS
from tests.conftest import SUMMARY

SAMPLE = (Path(__file__).parents[3] / "samples" / "osfp-800g-dr8.txt").read_text()
LINES = SAMPLE.splitlines()[:40] + [
    "QSFP-DD Lower Page",
    "Addr    0    1    2    3    4    5    6    7    8    9    a    b    c    d    e    f",
    "-" * 40,
    "0x00   18   50   04   00",
    "0x80=18500400",
    "  eeprom:",
    "Bank: 0x1",
    "Page: 0x11",
    "ethtool -m eth0 hex on page 0x11 bank 9",
    "i2cdump -y 1 0x51",
    "     0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f    0123456789abcdef",
    "00000900 XX 01 zz",
    "*",
]
EXAMPLES: list[int] = []
RUN_CLI = "import sys; from cmis.cli import main; sys.exit(main(sys.argv[1:]))"


def garbled() -> st.SearchStrategy[bytes]:
    line = st.one_of(st.sampled_from(LINES), st.text(max_size=60))
    text = st.lists(line, max_size=40).map(lambda ls: "\n".join(ls).encode("utf-8", "replace"))
    binary = st.binary(max_size=1024).map(lambda b: b * 2 if len(b) % 2 else b)
    return st.one_of(text, binary, st.binary(min_size=128, max_size=128).map(lambda b: b * 3))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=garbled())
def test_garbled_dumps_exit_0_or_2_with_one_line(
    tmp_path: Path, request: pytest.FixtureRequest, data: bytes
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["decode", str(path)], standalone_mode=False)
    EXAMPLES.append(1)
    request.config.stash[SUMMARY] = [f"decode fuzz: {len(EXAMPLES)} garbled dumps through decode"]
    if result.exception is not None:  # main() turns exactly these into exit 2 and one line
        assert isinstance(result.exception, BAD_INPUT_ERRORS), repr(result.exception)
        assert "\n" not in str(result.exception) and len(str(result.exception)) < 400


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))


def test_a_garbled_sample_in_a_limited_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("\n".join(LINES * 200))
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "decode", str(path)],
        capture_output=True,
        text=True,
        preexec_fn=_limits,
        timeout=60,
        check=False,
    )
    assert done.returncode in (0, 2) and "Traceback" not in done.stderr
    assert done.returncode == 0 or done.stderr.count("\n") == 1
