"""``cmis dom --watch``, ``cmis lanes`` and ``cmis cdb`` against the default emulated module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.clock import VirtualClock
from tests.cmis.cli.test_commands import run, writes


def test_dom_watch_json_lines_move_with_the_module_clock(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "dom", "--watch", "2", "--count", "3", "--json")
    assert (code, err) == (0, "")
    snapshots = [json.loads(line) for line in out.splitlines()]
    assert [s["time"] for s in snapshots] == [60.0, 62.0, 64.0]  # virtual seconds: instant
    temps = {s["module"]["temperature_c"]["value"] for s in snapshots}
    assert len(temps) > 1  # time advanced, so the emulated monitors moved


def test_dom_watch_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "dom", "--watch", "1", "--count", "2")
    assert code == 0 and "dom #1 at t=60.000 s" in out and "dom #2 at t=61.000 s" in out


def test_dom_watch_ends_cleanly_on_ctrl_c(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: VirtualClock, seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(VirtualClock, "sleep", interrupted)
    code, out, err = run(capsys, "dom", "--watch", "1", "--json")  # no --count: until Ctrl-C
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 1


def test_lanes_is_state(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lanes", "--json"]) == 0
    lanes = json.loads(capsys.readouterr().out)
    assert main(["state", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == lanes
    code, out, _ = run(capsys, "lanes")
    assert code == 0 and "data path 0: AppSel 1 on lanes [1, 2, 3, 4, 5, 6, 7, 8]" in out


def test_cdb_query_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cdb", "0")
    assert code == 0 and out.startswith("CDB 0000h (QueryStatus): Success (status 0x01)")


def test_cdb_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cdb", "0041h", "--json")
    data = json.loads(out)
    assert code == 0 and (data["cmdid"], data["command"], data["status"]) == (
        0x41,
        "FirmwareFeatures",
        1,
    )
    assert data["reply_length"] == len(bytes.fromhex(data["reply_hex"])) > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cdb", "0x9999"], "(status 0x41); the module does not know this CMDID"),
        (["cdb", "0101h", "00", "00", "00"], "(status 0x42)"),
    ],
)
def test_cdb_module_failure_exits_1(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 1 and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["cdb", "0x10000"],  # CMDID > 0xFFFF
        ["cdb", "zz"],
        ["cdb", "0100h", "0"],  # odd hex
        ["cdb", "0100h", "ff" * 121],  # longer than the LPL
        ["cdb", "0103h", "--epl", "/no/such/file"],
        ["cdb", "0103h", "--epl", "BIG"],  # more than 16 EPL pages
        ["dom", "--count", "2"],  # --count without --watch
        ["dom", "--watch", "0"],
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_cdb_and_dom_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(16 * 128 + 1))
    log = tmp_path / "log.jsonl"
    args = [str(big) if a == "BIG" else a for a in args]
    code, _, err = run(capsys, "--record", str(log), *args)
    assert code == 2, err
    assert err.startswith("cmis: error: ") and err.count("\n") == 1
    assert writes(log) == []
