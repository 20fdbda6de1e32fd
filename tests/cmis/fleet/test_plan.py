"""Plans without modules: buses, the canary and waves, the state file (dry runs touch nothing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.fleet.ports import FleetPort, bus_of, interleave
from cmis.fleet.state import RolloutState
from tests.cmis.fleet.lab import make_image, write_inventory


def fake_chassis(root: Path, ports: int) -> Path:
    """Folders with eeprom files: enough to list ports; any write would change their bytes."""
    for n in range(1, ports + 1):
        (root / f"port{n}").mkdir(parents=True)
        (root / f"port{n}" / "eeprom").write_bytes(bytes(range(256)))
    return root


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    switches = {f"sw{n}": {"chassis": str(fake_chassis(tmp_path / f"sw{n}", 4)), "site": "a"}
                for n in (1, 2)}  # fmt: skip
    switches["sw3"] = {"ports": {"p1": "i2c:5@0x50", "p2": "i2c:5@0x51", "p3": "i2c:6@0x50"}}
    return write_inventory(tmp_path / "inv", switches)


def dry_run(capsys: pytest.CaptureFixture[str], inventory: Path, *args: str) -> dict:
    image = make_image(inventory.parent / "fw.bin", "4.0.0")
    code = main(["fleet", "fw-update", str(image), "--inventory", str(inventory), "--dry-run",
                 "--json", *args])  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    return {w["name"]: [f"{p['switch']}:{p['port']}" for p in w["ports"]]
            for w in json.loads(out.out)["waves"]}  # fmt: skip


def test_bus_of_names_the_shared_bus() -> None:
    assert bus_of("i2c:3@0x50") == bus_of("i2c:/dev/i2c-3@0x51") == "i2c-3"
    assert bus_of("optoe:/sys/bus/i2c/devices/5-0050/eeprom") == "i2c-5"
    assert bus_of("optoe:/srv/sw1/port3/eeprom") == "/srv/sw1"


def test_interleave_spreads_consecutive_ports_over_buses() -> None:
    ports = [FleetPort(s, f"p{n}", "t", b) for s, b in (("a", "x"), ("a", "y"), ("b", "x"))
             for n in range(2)]  # fmt: skip
    assert [(p.switch, p.bus) for p in interleave(ports)[:3]] == [
        ("a", "x"),
        ("a", "y"),
        ("b", "x"),
    ]


def test_canary_then_waves_over_every_port(capsys, inventory: Path) -> None:
    waves = dry_run(capsys, inventory, "--canary", "2", "--wave", "4")
    assert waves["canary"] == ["sw1:port1", "sw2:port1"]
    assert [len(w) for w in waves.values()] == [2, 4, 4, 1]
    assert sorted(sum(waves.values(), [])) == sorted(
        [f"sw{s}:port{n}" for s in (1, 2) for n in range(1, 5)] + ["sw3:p1", "sw3:p2", "sw3:p3"]
    )
    assert waves["wave 1"][:2] == ["sw3:p1", "sw3:p3"]  # sw3's buses i2c-5 and i2c-6


def test_a_named_group_is_the_canary_and_filters_narrow(capsys, inventory: Path) -> None:
    waves = dry_run(capsys, inventory, "--canary-group", "local", "--filter", "site=a")
    assert len(waves["canary"]) == 8 and list(waves) == ["canary"]
    waves = dry_run(capsys, inventory, "--filter", "name=sw3")
    assert waves == {"wave 1": ["sw3:p1", "sw3:p3", "sw3:p2"]}


def test_the_state_file_leaves_finished_ports_out(capsys, inventory: Path) -> None:
    image = make_image(inventory.parent / "fw.bin", "4.0.0")
    from cmis.fleet.state import fingerprint

    path = inventory.parent / "st.json"
    state = RolloutState(path, "fw-update", fingerprint(image.read_bytes(), True, True))
    state.record({"switch": "sw1", "port": "port1", "ok": True, "firmware": {"version": "4.0.0"}})
    state.record({"switch": "sw2", "port": "port1", "ok": False, "error": "NACK"})
    waves = dry_run(capsys, inventory, "--state", str(path), "--canary", "1")
    ports = sum(waves.values(), [])
    assert "sw1:port1" not in ports and "sw2:port1" in ports and len(ports) == 10
    again = RolloutState(path, "fw-update", state.what)
    assert again.done["sw1:port1"]["version"] == "4.0.0" and again.failed == {"sw2:port1": "NACK"}


def test_the_shipped_example_inventory_loads_one_local_and_one_ssh_switch() -> None:
    from cmis.fleet.inventory import load

    nr = load(str(Path(__file__).parents[3] / "examples" / "fleet"))
    reach = {name: host.get("reach") for name, host in nr.inventory.hosts.items()}
    assert reach == {"rack1-leaf1": "local", "rack1-leaf2": "ssh"}
    ssh = nr.inventory.hosts["rack1-leaf2"].get_connection_parameters("paramiko")
    assert ssh.extras["key_filename"] and ssh.password is None
