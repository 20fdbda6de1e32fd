"""The ``cmis`` CLI against a live mount: ``--chassis`` over every port, apply after LPMode."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.service.mounted import Server, run


def chassis(mount: Path, command: str) -> tuple[dict[str, dict[str, Any]], str]:
    done = run("cmis", "--chassis", str(mount), command, "--json")
    return {row["port"]: row for row in json.loads(done.stdout)}, done.stderr


@pytest.fixture
def four(serve: Callable[..., Server]) -> Path:
    """port1-port4 powered up: port2 pulled out, port3 NACKing every access."""
    server = serve("--ports", "4", "--speed", "8")
    for n in (1, 2, 3, 4):
        (server.mount / f"port{n}" / "xcvr_lpmode").write_text("0\n")
    run("cmis-emu", "remove", str(server.mount), "port2")
    run("cmis-emu", "fault", str(server.mount), "port3", "nack_rate=1")
    return server.mount


def test_status_json_is_a_row_per_port_with_errors_in_their_rows(four: Path) -> None:
    rows, err = chassis(four, "status")
    assert list(rows) == ["port1", "port2", "port3", "port4"] and err == ""
    assert rows["port1"]["present"] and rows["port1"]["module_state"] in (
        "ModulePwrUp",
        "ModuleReady",
    )
    assert rows["port2"]["present"] is False and rows["port2"]["pins"]["lpmode"] is False
    assert rows["port3"] == {"port": "port3", "error": "module did not answer (EIO)"}
    assert rows["port4"]["data_paths"][0]["application"].startswith("800GBASE-DR8")


@pytest.mark.parametrize(("command", "key"), [("dom", "lanes"), ("info", "identity")])
def test_dom_and_info_json_go_on_past_a_removed_and_a_nacking_port(
    four: Path, command: str, key: str
) -> None:
    rows, _ = chassis(four, command)
    assert key in rows["port1"] and key in rows["port4"]
    assert rows["port2"]["present"] is False and "error" in rows["port3"]


def test_status_table_shows_the_error_row_and_exits_0(four: Path) -> None:
    done = run("cmis", "--chassis", str(four), "status")
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if "port" in line}
    assert "error" in lines["port3"] and "module did not" in lines["port3"]
    assert lines["port2"].split()[1] == "no" and "Module" in lines["port4"]


def test_cutting_the_default_link_darkens_both_ends(four: Path) -> None:
    """``--ports N`` links neighbours: port4 loses light when port3-port4 is cut."""
    run("cmis-emu", "fault", str(four), "port3", "clear")
    run("cmis", "-t", f"optoe:{four}/port3/eeprom", "apply", "1")
    run("cmis", "-t", f"optoe:{four}/port4/eeprom", "apply", "1")
    assert status_of(four, "port4")["lanes_los"] == []
    run("cmis-emu", "link", str(four), "cut", "port3", "port4")
    assert status_of(four, "port4")["lanes_los"] == list(range(1, 9))


def status_of(mount: Path, port: str) -> dict[str, Any]:
    done = run("cmis-emu", "status", str(mount), "--json")
    return next(row for row in json.loads(done.stdout) if row["port"] == port)


def test_apply_right_after_lpmode_release_returns_with_data_paths_activated(
    serve: Callable[..., Server],
) -> None:
    """The module is in ModulePwrUp when apply starts; apply waits for ModuleReady first."""
    server = serve("--ports", "1")
    (server.mount / "port1" / "xcvr_lpmode").write_text("0\n")
    done = run("cmis", "-t", f"optoe:{server.mount}/port1/eeprom", "apply", "2", "--json")
    reply = json.loads(done.stdout)
    assert reply["module_state"] == "ModuleReady"
    assert [lane["dp_state"] for lane in reply["lanes"]] == ["DPActivated"] * 8
    assert [lane["appsel"] for lane in reply["lanes"]] == [2] * 8
