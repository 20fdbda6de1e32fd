"""The ``cmis`` commands against the default emulated module: output, JSON, exit codes, no writes
on bad input (proved with ``--record``: the log holds no write)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.images import MemoryImage


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def writes(log: Path) -> list[dict[str, object]]:
    if not log.exists():
        return []
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    return [e for e in entries if e["op"] == "write" and e["offset"] not in (126, 127)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["info"], "OSFP-800G-DR8"),
        (["apps"], "400GBASE-DR4"),
        (["state"], "DPActivated"),
        (["dom"], "Rx dBm"),
        (["flags"], "ModuleStateChangedFlag"),
        (["dump"], "0x0000:\t\t19 52"),
        (["dump", "--page", "11h", "--hex"], "0x0080:"),
        (["dump", "--all"], "Page: 0x11"),
        (["apply", "2", "--lanes", "1-4"], "AppSel 2 on lanes [1, 2, 3, 4]"),
        (["apply", "3"], "AppSel 3 on lanes [8]"),
        (["power", "low"], "ModuleLowPwr"),
        (["reset"], "ModuleReady"),
        (["tx", "disable", "1-3"], "mask 0x07"),
        (["rx", "disable", "8"], "mask 0x80"),
        (["datapath", "deinit", "1-8"], "mask 0xff"),
        (["write", "10h", "130", "0f", "--verify"], "wrote 1 byte"),
    ],
)
def test_commands_work_with_no_options(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    assert expected in out


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["info"], "identity"),
        (["state"], "lanes"),
        (["dom"], "lanes"),
        (["flags"], "history"),
        (["dump", "-p", "1"], "hex"),
        (["dump", "--all"], "pages"),
        (["apply", "2"], "data_paths"),
        (["power", "high"], "module_state"),
        (["tx", "enable", "1"], "result"),
    ],
)
def test_json_everywhere(capsys: pytest.CaptureFixture[str], args: list[str], key: str) -> None:
    code, out, _ = run(capsys, *args, "--json")
    assert code == 0 and key in json.loads(out)


def test_apps_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "apps", "--json")
    assert [a["appsel"] for a in json.loads(out)] == [1, 2, 3]


def test_state_json_explains(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "state", "--json")
    data = json.loads(out)
    assert data["module_state"] == "ModuleReady" and "high power" in data["module_state_help"]
    assert data["data_paths"] == [{"appsel": 1, "data_path_id": 0, "lanes": list(range(1, 9))}]


def test_dump_hex_loads_back_as_an_image(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "dump", "--all", "--hex")
    (tmp_path / "dump.txt").write_text("$ ethtool -m eth0 hex on pages on\n" + out)
    image = MemoryImage.load(tmp_path / "dump.txt")
    assert image.has_page(0x11) and image.read(0, 0, 1) == b"\x19"


def test_dump_raw(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["dump", "--page", "0", "--offset", "0", "--length", "2", "--raw"]) == 0
    assert capsysbinary.readouterr().out == b"\x19\x52"


def test_apply_rejected_by_module_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "apply", "2", "--lanes", "3-6", "--no-check")
    assert code == 1
    assert err.strip() == (
        "cmis: error: lane 3: ConfigRejectedInvalidDataPath (0x4) after ApplyDPInit of AppSel 2 "
        "— lane group must start on lane 1 or 5"
    )


BAD_INPUTS = [
    ["-t", "bogus:x", "tx", "disable", "1"],
    ["-t", "i2c:nope", "tx", "disable", "1"],
    ["-t", "emu:no-such-profile", "tx", "disable", "1"],
    ["write", "0", "14", "00"],  # read-only temperature monitor
    ["write", "10h", "240", "01"],  # vendor bytes
    ["write", "10h", "130", "0"],  # odd hex
    ["write", "10h", "130", "zz"],
    ["write", "10h", "255", "01", "02"],  # runs past byte 255
    ["write", "300", "130", "01"],  # page out of range
    ["write", "0", "26", "01", "--bank", "1"],  # page 00h is not banked
    ["dump", "--page", "0x100"],
    ["dump", "--offset", "200", "--length", "100"],
    ["dump", "--bank", "x"],
    ["apply", "2", "--lanes", "3-6"],  # lane group must start on 1 or 5
    ["apply", "9"],  # not advertised
    ["apply", "2", "--lanes", "0-3"],
    ["apply", "16"],
    ["tx", "disable", "9"],
    ["tx", "disable", "1-"],
    ["rx", "maybe", "1"],
    ["power", "medium"],
    ["datapath", "deinit", "1,x"],
]


@pytest.mark.parametrize("args", BAD_INPUTS, ids=lambda a: " ".join(a))
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    log = tmp_path / "log.jsonl"
    code, out, err = run(capsys, "--record", str(log), *args)
    assert code == 2, err
    assert err.startswith("cmis: error: ") and err.count("\n") == 1
    assert writes(log) == []


def test_file_target_write_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    sample = Path(__file__).parents[3] / "samples" / "osfp-800g-dr8.bin"
    code, _, err = run(capsys, "-t", f"file:{sample}", "write", "10h", "130", "01")
    assert code == 2 and "read-only" in err


def test_record_and_replay_through_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "s.jsonl"
    code, live, _ = run(capsys, "--record", str(log), "info", "--json")
    assert code == 0
    code, replayed, _ = run(capsys, "-t", f"file:{log}", "info", "--json")
    live_data, replayed_data = json.loads(live), json.loads(replayed)
    assert live_data.pop("pins") is not None and replayed_data.pop("pins") is None  # a log has none
    assert code == 0 and replayed_data == live_data


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--margin", "0.5", "info"], "(see: cmis --help)"),
        (["read", "0", "0"], "(see: cmis read --help)"),
    ],
)
def test_usage_error_hint_names_the_command(
    capsys: pytest.CaptureFixture[str], args: list[str], hint: str
) -> None:
    """A group-level option error pointed at 'cmis cmis --help' before."""
    code, _, err = run(capsys, *args)
    assert code == 2 and err.rstrip().endswith(hint)
