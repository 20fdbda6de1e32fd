"""The ``cmis`` pytest plugin as a user's CI sees it: loaded by its pytest11 entry point in a
fresh pytest run (pytester), no conftest needed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]
ALONE = ("-p", "no:textual-snapshot", "-p", "no:asyncio")  # unused here; they warn or fail nested


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*ALONE, *args)


def test_cmis_module_is_ready_and_time_is_virtual(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_bring_up(cmis_module):
            assert cmis_module.module_state().name == "ModuleReady"
            before = cmis_module.clock.now()
            cmis_module.clock.sleep(3600)  # an hour, instantly
            assert cmis_module.clock.now() == before + 3600

        def test_fault_is_seen_by_the_host(cmis_module):
            cmis_module.device.faults.rx_los = [1, 2]
            cmis_module.clock.sleep(1)
            names = {(e["flag"], tuple(e["lanes"])) for e in cmis_module.dom()["flags"]}
            assert ("LOSFlagRx", (1, 2)) in names
        """
    )
    run(pytester).assert_outcomes(passed=2)


def test_profile_from_marker_and_indirect_parametrize(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.cmis_profile("osfp-xd-1.6t-dr16")
        def test_marker(cmis_module):
            assert cmis_module.lane_count == 16

        @pytest.mark.parametrize(
            "cmis_profile", ["osfp-800g-dr8", "qsfpdd-800g-2xfr4"], indirect=True
        )
        def test_each(cmis_module, cmis_profile):
            assert cmis_module.name == f"emu:{cmis_profile}"

        def test_default(cmis_module):
            assert cmis_module.name == "emu:osfp-800g-dr8"
        """
    )
    run(pytester, "--strict-markers").assert_outcomes(passed=4)


def test_a_failing_host_check_fails_the_users_test(pytester: pytest.Pytester) -> None:
    """The fixture is real: a wrong expectation about the module fails."""
    pytester.makepyfile(
        """
        def test_wrong(cmis_module):
            assert cmis_module.module_state().name == "ModuleLowPwr"
        """
    )
    run(pytester).assert_outcomes(failed=1)


def test_chassis_fixtures_run_or_skip_with_one_reason(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_chassis(cmis_chassis):
            assert cmis_chassis.port("port1").present
            assert cmis_chassis.link("port1", "port2").loss_db == 3.0

        def test_mounted(cmis_mounted_chassis):
            assert (cmis_mounted_chassis / "port1" / "eeprom").is_file()
        """
    )
    result = run(pytester, "-rs")
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == 0 and outcomes.get("error", 0) == 0
    assert outcomes.get("passed", 0) >= 1  # emulator.chassis is here: the in-process one runs
    for line in result.outlines:
        if line.startswith("SKIPPED"):
            assert "not available" in line or "not installed" in line


def test_mounted_chassis_runs_the_real_server_and_cleans_up(pytester: pytest.Pytester) -> None:
    """Where FUSE is (required in CI): the user's test drives the mount as a host would; the
    fixture leaves no mount behind."""
    from tests.emulator.service.mounted import need_fuse

    need_fuse()
    pytester.makepyfile(
        """
        import json, subprocess, sys, time
        from pathlib import Path

        BIN = Path(sys.executable).parent

        def run(*args):
            return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True,
                                  text=True, check=True).stdout

        def los(mount, port):
            rows = json.loads(run("cmis-emu", "status", str(mount), "--json"))
            return next(r["lanes_los"] for r in rows if r["port"] == port)

        def until(check, seconds=20):
            deadline = time.monotonic() + seconds
            while not check() and time.monotonic() < deadline:
                time.sleep(0.05)
            return check()

        def test_mounted(cmis_mounted_chassis):
            mount = cmis_mounted_chassis
            assert (mount / "port1" / "xcvr_lpmode").read_text() == "1\\n"  # asserted at start
            info = json.loads(run("cmis", "-t", f"optoe:{mount}/port1/eeprom", "info", "--json"))
            assert info["pins"]["lpmode"] is True
            for port in ("port1", "port2", "port3"):
                (mount / port / "xcvr_lpmode").write_text("0\\n")
                run("cmis", "-t", f"optoe:{mount}/{port}/eeprom", "apply", "1")
            assert until(lambda: los(mount, "port2") == [] and los(mount, "port3") == [])
            assert los(mount, "port4") == list(range(1, 9))  # no link, no plug: dark
            run("cmis-emu", "link", str(mount), "cut", "port1", "port2")
            assert until(lambda: los(mount, "port2") == list(range(1, 9)))
            Path("mount.txt").write_text(str(mount))  # pytester's folder: the outer test reads it
        """
    )
    result = run(pytester, "-rs", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
    mount = Path((pytester.path / "mount.txt").read_text())
    assert mount.is_dir() and not os.path.ismount(mount)
    assert str(mount) not in Path("/proc/mounts").read_text()
