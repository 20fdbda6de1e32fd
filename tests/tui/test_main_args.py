"""``cmis-tui`` refuses a bad --target, --chassis or --rate: one line, exit 2, before the screen."""

from __future__ import annotations

import pytest

from tests.bounded import one_error_line, run_cli
from tui.main import main


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--target", "nonsense"], "unknown scheme"),
        (["--target", "emu:" + "x" * 5000], "too long"),
        (["--rate", "-1"], "outside 0.05-3600"),
        (["--rate", "0"], "outside 0.05-3600"),
        (["--rate", "nan"], "not a finite number"),
        (["--rate", "inf"], "not a finite number"),
        (["--rate", "fast"], "not a number"),
        (["--chassis", "/no/such/folder"], "no such directory"),
        (["--chassis", "/", "--target", "emu:osfp-800g-dr8"], "not allowed with argument"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_arguments_are_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    try:
        code = main(args)
    except SystemExit as done:
        code = int(done.code or 0)
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1, err
    assert err.startswith("cmis-tui: error: ") and said in err and len(err) < 300


def test_a_bad_target_never_starts_the_app() -> None:
    line = one_error_line(run_cli("--target", "nonsense", program="tui.main"), prog="cmis-tui")
    assert "allowed: emu:PROFILE" in line
