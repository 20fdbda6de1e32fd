"""The proof with real parts: 4 mounted chassis of 8 ports, 2 local and 2 through a real sshd."""

from __future__ import annotations

from pathlib import Path

from emulator.service.client import Mount
from tests.cmis.fleet.conftest import Fleet
from tests.cmis.fleet.lab import cmis, cmis_emu, fleet, fw_images, make_image

PROFILE = Path(__file__).parents[3] / "examples" / "provision-2x400g.yaml"
OLD = "3.7.1204"  # what every emulated DR8 module runs at start


def failures(report: dict[str, list[dict[str, str]]]) -> list[tuple[str, str, str]]:
    return [(r["switch"], r["port"], r["error"]) for r in report["results"] if not r["ok"]]


def running(images: list[dict[str, object]]) -> dict[str, object]:
    return next(i for i in images if i["running"])


def test_status_of_all_32_ports_two_local_two_over_ssh(fleet4: Fleet) -> None:
    code, rows, err = fleet("status", "--inventory", str(fleet4.inventory))
    assert code == 0, err
    assert sorted(f"{r['switch']}:{r['port']}" for r in rows) == sorted(fleet4.eeproms())
    assert all(r["ok"] and r["status"]["present"] for r in rows)
    assert {r["status"]["module_state"] for r in rows} == {"ModuleLowPwr"}


def test_filter_narrows_to_the_ssh_switches(fleet4: Fleet) -> None:
    code, rows, err = fleet("dom", "--inventory", str(fleet4.inventory), "--filter", "group=ssh")
    assert code == 0, err
    assert {r["switch"] for r in rows} == {"sw3", "sw4"} and len(rows) == 16
    assert all("temperature" in str(r["dom"]["module"]).lower() for r in rows)
    # low power reads no light: not an alarm, as fleet status says of the same ports
    assert {r["dom"]["worst_alarm"]["level"] for r in rows} == {"ok"}


def test_a_damaged_image_is_refused_before_any_module_is_touched(
    fleet4: Fleet, tmp_path: Path
) -> None:
    bad = make_image(tmp_path / "bad.bin", "4.0.0", defect="crc")
    before = {k: fw_images(e) for k, e in list(fleet4.eeproms().items())[::7]}
    done = cmis("fleet", "fw-update", str(bad), "--inventory", str(fleet4.inventory),
                "--state", str(tmp_path / "st.json"))  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("cmis: error: ") and not (tmp_path / "st.json").exists()
    assert {k: fw_images(fleet4.eeproms()[k]) for k in before} == before


def test_provisioning_rollout_canary_then_waves(fleet4: Fleet, tmp_path: Path) -> None:
    state = tmp_path / "provision.json"
    args = ("provision", str(PROFILE), "--inventory", str(fleet4.inventory), "--canary", "2",
            "--wave", "8", "--state", str(state))  # fmt: skip
    code, report, err = fleet(*args)
    assert code == 0, failures(report)
    assert [w["name"] for w in report["waves"]] == [
        "canary",
        "wave 1",
        "wave 2",
        "wave 3",
        "wave 4",
    ]
    assert len(report["results"]) == 32 and all(r["ok"] for r in report["results"])
    assert all(r["provision"]["applied"] > 0 for r in report["results"])
    again, report, err = fleet(*args)  # the state file says all is done: nothing to do
    assert again == 0 and report["results"] == [] and len(report["already_done"]) == 32
    code, rows, err = fleet("status", "--inventory", str(fleet4.inventory))
    assert all(len(r["status"]["data_paths"]) == 2 for r in rows)


def test_firmware_rollout_stops_on_a_bad_wave_and_a_rerun_finishes_the_rest(
    fleet4: Fleet, tmp_path: Path
) -> None:
    image, state = make_image(tmp_path / "fw.bin", "4.1.0"), tmp_path / "fw.json"
    eeproms = fleet4.eeproms()
    args = ("fw-update", str(image), "--inventory", str(fleet4.inventory), "--canary", "2",
            "--wave", "8", "--max-failures", "1", "--state", str(state))  # fmt: skip
    _, plan, _ = fleet(*args, "--dry-run")
    waves = {w["name"]: [f"{p['switch']}:{p['port']}" for p in w["ports"]] for w in plan["waves"]}
    assert len(waves["canary"]) == 2 and [len(w) for w in list(waves.values())[1:]] == [8, 8, 8, 6]
    one_bad = waves["wave 1"][2]  # alone: within --max-failures 1
    faults = {one_bad: "cdb_fail=0107:0x45"}  # fails at Complete, after the whole download
    for n, key in enumerate(waves["wave 2"]):  # the whole wave fails: past the threshold
        faults[key] = "cdb_fail=0101:0x42" if n % 2 else "cdb_fail=0107:0x45"
    for key, setting in faults.items():
        switch, port = key.split(":")
        assert cmis_emu("fault", str(fleet4.mounts[switch]), port, setting) == 0

    code, report, err = fleet(*args)
    assert code == 1 and err.count("\n") == 1, err
    assert "rollout stopped in wave 2" in err, failures(report)
    failed = {f"{r['switch']}:{r['port']}": r for r in report["results"] if not r["ok"]}
    assert sorted(failed) == sorted(faults) and report["stopped"]
    assert all("0107h" in r["error"] or "0101h" in r["error"] for r in failed.values())
    assert all(r["firmware"]["version"] == OLD for r in failed.values())
    first = {f"{r['switch']}:{r['port']}": r for r in report["results"] if r["ok"]}
    assert len(first) == 2 + 7 and all(r["firmware"]["version"] == "4.1.0" for r in first.values())
    for key, eeprom in eeproms.items():  # every module still boots a valid, committed image
        images = fw_images(eeprom)
        assert running(images)["valid"] and running(images)["committed"], (key, images)
        if key in waves["wave 3"] + waves["wave 4"]:
            assert running(images)["version"] == OLD  # never reached: untouched

    for key in faults:  # in-process: 9 more CLI starts would double the test's time
        switch, port = key.split(":")
        there = Mount(str(fleet4.mounts[switch]))
        there.send(there.port_file(port, "fault"), "clear")
    code, rerun, err = fleet(*args)
    assert code == 0, failures(rerun)
    redone = {f"{r['switch']}:{r['port']}" for r in rerun["results"]}
    assert redone == set(eeproms) - set(first)  # only what was left; no port flashed twice
    for key, eeprom in eeproms.items():
        now = running(fw_images(eeprom))
        assert now["version"] == "4.1.0" and now["committed"], key
        if key in first:  # flashed once: still the slot the first run put it in
            assert now["slot"] == first[key]["firmware"]["slot"], key
