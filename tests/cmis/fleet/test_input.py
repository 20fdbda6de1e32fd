"""Refusals: bad input is one line and exit 2, a switch that does not answer exit 1; nothing
is written to a module or a state file either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from tests.cmis.fleet.lab import make_image, write_inventory
from tests.cmis.fleet.sshd import free_port
from tests.cmis.fleet.test_plan import fake_chassis


@pytest.fixture
def lab(tmp_path: Path) -> dict[str, Path]:
    chassis = fake_chassis(tmp_path / "sw1", 4)
    inv = write_inventory(tmp_path / "inv", {"sw1": {"chassis": str(chassis)}})
    return {"inv": inv, "chassis": chassis, "image": make_image(tmp_path / "fw.bin", "4.0.0"),
            "state": tmp_path / "st.json", "tmp": tmp_path}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(chassis: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(chassis.glob("*/eeprom"))}


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--filter", "name=sw9"], "--filter 'name=sw9' matches no switch"),
        (["--filter", "nokey"], "expected KEY=VALUE"),
        (["--filter", "site=" + "x" * 300], "matches no switch"),
        (["--wave", "0"], "--wave"),
        (["--max-failures", "-1"], "--max-failures"),
        (["--parallel", "0"], "--parallel"),
        (["--canary", "1", "--canary-group", "local"], "not both"),
        (["--canary-group", "spine"], "no such group (groups: local, ssh)"),
    ],
)
def test_bad_policy_or_filter_is_one_line_exit_2_and_writes_nothing(
    capsys, lab: dict[str, Path], extra: list[str], says: str
) -> None:
    before = snapshot(lab["chassis"])
    code, out, err = run(capsys, "fleet", "fw-update", str(lab["image"]), "--inventory",
                         str(lab["inv"]), "--state", str(lab["state"]), *extra)  # fmt: skip
    assert code == 2 and err.startswith("cmis: error: ") and err.count("\n") == 1, err
    assert says in err and len(err) < 300 and out == ""
    assert not lab["state"].exists() and snapshot(lab["chassis"]) == before


def test_bad_files_are_refused(capsys, lab: dict[str, Path]) -> None:
    tmp = lab["tmp"]
    damaged = make_image(tmp / "bad.bin", "4.0.0", defect="crc")
    (tmp / "empty.bin").write_bytes(b"")
    (tmp / "noinv").mkdir()
    (tmp / "badinv").mkdir()
    (tmp / "badinv" / "hosts.yaml").write_text("sw1: {data: {reach: telnet, chassis: /x}}\n")
    (tmp / "other.json").write_text(json.dumps({"action": "provision", "what": "x", "done": {},
                                                "failed": {}}))  # fmt: skip
    cases = [
        (["fw-update", str(damaged), "--inventory", str(lab["inv"])], "CRC"),
        (["fw-update", str(tmp / "empty.bin"), "--inventory", str(lab["inv"])], "empty"),
        (["status", "--inventory", str(tmp / "noinv")], "no hosts.yaml"),
        (["status", "--inventory", str(tmp / "badinv")], "reach 'telnet' is not local or ssh"),
        (
            [
                "fw-update",
                str(lab["image"]),
                "--inventory",
                str(lab["inv"]),
                "--state",
                str(tmp / "other.json"),
            ],
            "belongs to another rollout",
        ),  # fmt: skip
        (["provision", str(lab["image"]), "--inventory", str(lab["inv"])], "not UTF-8"),
    ]
    for args, says in cases:
        code, _, err = run(capsys, "fleet", *args)
        assert code == 2 and err.count("\n") == 1 and says.lower() in err.lower(), (args, err)


def test_a_switch_that_does_not_answer_refuses_the_rollout_exit_1(
    capsys, lab: dict[str, Path]
) -> None:
    switches = {"sw1": {"chassis": str(lab["chassis"])},
                "down": {"reach": "ssh", "chassis": "/srv/x", "cmis": "cmis"}}  # fmt: skip
    inv = write_inventory(lab["tmp"] / "inv2", switches, lab["tmp"] / "nokey", free_port())
    before = snapshot(lab["chassis"])
    code, out, err = run(capsys, "fleet", "fw-update", str(lab["image"]), "--inventory", str(inv))
    assert code == 1 and "switch down not reachable" in err and "nothing was changed" in err
    assert err.count("\n") == 1 and snapshot(lab["chassis"]) == before
    code, out, err = run(capsys, "fleet", "status", "--inventory", str(inv), "--filter",
                         "name=down", "--json")  # fmt: skip
    rows = json.loads(out)
    assert code == 1 and rows[0]["switch"] == "down" and not rows[0]["ok"]
