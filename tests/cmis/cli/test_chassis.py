"""``cmis --chassis DIR``: one row per port of a folder laid out like a switch (or our mount)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.codec.address import linear_offset

SAMPLE = Path(__file__).parents[3] / "samples" / "osfp-800g-dr8.bin"
RX_LOS_FLAGS = 147  # page 11h: latched Rx LOS, one bit per lane


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def port(root: Path, name: str, *, present: str | None = "1", eeprom: bytes | None = None) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "eeprom").write_bytes(SAMPLE.read_bytes() if eeprom is None else eeprom)
    if present is not None:
        for pin, level in (("present", present), ("lpmode", "0"), ("reset", "0")):
            (folder / f"xcvr_{pin}").write_text(level + "\n")
        (folder / "xcvr_intr_status").write_text("0\n")
    return folder


@pytest.fixture
def chassis(tmp_path: Path) -> Path:
    """port1 a healthy module, port2 an empty cage, port3 a broken eeprom, port10 Rx LOS 2-3."""
    port(tmp_path, "port1")
    port(tmp_path, "port2", present="0", eeprom=b"")
    port(tmp_path, "port3", present=None, eeprom=b"")
    los = bytearray(SAMPLE.read_bytes())
    los[linear_offset(0, 0x11, RX_LOS_FLAGS)] = 0b0000_0110
    port(tmp_path, "port10", eeprom=bytes(los))
    return tmp_path


def test_status_json_has_a_row_per_port_in_natural_order(
    capsys: pytest.CaptureFixture[str], chassis: Path
) -> None:
    code, out, err = run(capsys, "--chassis", str(chassis), "status", "--json")
    rows = {row["port"]: row for row in json.loads(out)}
    assert code == 0, err
    assert list(rows) == ["port1", "port2", "port3", "port10"]
    assert rows["port1"]["module_state"] == "ModuleReady" and rows["port1"]["lanes_los"] == []
    assert rows["port1"]["data_paths"][0]["application"].startswith("800GBASE-DR8")
    assert rows["port2"] == {"port": "port2", "present": False, "pins": rows["port2"]["pins"]}
    assert "error" in rows["port3"] and str(chassis) not in rows["port3"]["error"]
    assert rows["port10"]["lanes_los"] == [2, 3]


def test_status_table_shows_every_port_even_a_failing_one(
    capsys: pytest.CaptureFixture[str], chassis: Path
) -> None:
    code, out, _ = run(capsys, "--chassis", str(chassis), "status")
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip().startswith("port")}
    assert code == 0
    assert "ModuleReady" in lines["port1"] and " no " in lines["port2"] + " "
    assert "error" in lines["port3"] and "2-3" in lines["port10"]


@pytest.mark.parametrize(("command", "key"), [("dom", "lanes"), ("info", "identity")])
def test_dom_and_info_json_are_the_usual_objects_per_port(
    capsys: pytest.CaptureFixture[str], chassis: Path, command: str, key: str
) -> None:
    code, out, _ = run(capsys, "--chassis", str(chassis), command, "--json")
    rows = json.loads(out)
    assert code == 0 and [r["port"] for r in rows][:2] == ["port1", "port2"]
    assert key in rows[0] and key in rows[3] and "error" in rows[2]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--chassis", "{missing}", "status"], "no such directory"),
        (["--chassis", "{empty}", "status"], "holds no ports"),
        (["--chassis", "{root}", "read", "0", "0", "1"], "works with status, dom, info"),
        (["--chassis", "{root}", "dom", "--watch", "1"], "--watch does not work"),
        (["--chassis", "{root}", "-t", "emu:osfp-800g-dr8", "info"], "give one"),
        (["--chassis", "{root}", "--record", "{root}/log", "info"], "--record"),
    ],
)
def test_bad_chassis_use_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], chassis: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    (tmp_path / "empty").mkdir()
    where = {"missing": tmp_path / "nope", "empty": tmp_path / "empty", "root": chassis}
    code, out, err = run(capsys, *(a.format(**where) for a in args))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("cmis: error: ") and says in err
    assert not (chassis / "log").exists()


def test_a_long_chassis_path_is_cut_in_the_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--chassis", str(tmp_path / ("x" * 300)), "status")
    assert code == 2 and len(err) < 120


def test_status_of_one_target_is_one_row(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--json")
    row = json.loads(out)
    assert code == 0 and row["present"] and row["module_state"] == "ModuleReady"
    assert row["pins"] == {
        "present": True,
        "intl": row["pins"]["intl"],
        "lpmode": False,
        "reset": False,
    }


def test_port_folders_copied_from_a_switch_layout_work_as_optoe_targets(
    capsys: pytest.CaptureFixture[str], chassis: Path, tmp_path: Path
) -> None:
    shutil.copy(SAMPLE, tmp_path / "plain.bin")
    code, out, _ = run(capsys, "-t", f"optoe:{chassis}/port1/eeprom", "state", "--json")
    assert code == 0
    assert json.loads(out)["pins"] == {
        "present": True,
        "intl": False,
        "lpmode": False,
        "reset": False,
    }
    code, out, _ = run(capsys, "-t", f"optoe:{tmp_path}/plain.bin", "state", "--json")
    assert code == 0 and json.loads(out)["pins"] is None
