"""pytest fixtures for testing host code against the emulator (entry point ``pytest11: cmis``).

``cmis_module``: a host ``Module`` over an emulated module on one VirtualClock (profile from
``@pytest.mark.cmis_profile("...")`` or ``parametrize("cmis_profile", [...], indirect=True)``).
``cmis_chassis``: an in-process chassis with fibres (``@pytest.mark.cmis_chassis(toml)``).
``cmis_mounted_chassis``: the same chassis served by ``cmis-emu serve`` on a temporary mount.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cmis.clock import RealClock, VirtualClock

DEFAULT_PROFILE = "osfp-800g-dr8"
DEFAULT_CHASSIS = """\
[chassis]
speed = 1.0
[[port]]
name = "port1"
[[port]]
name = "port2"
[[port]]
name = "port3"
[[port]]
name = "port4"
[[link]]
a = "port1"
b = "port2"
loss_db = 3.0
[[plug]]
port = "port3"
loss_db = 1.0
"""
MOUNT_TIMEOUT = 15.0  # s for cmis-emu serve to show port1/eeprom
FUSE_REQUIRED = "CMIS_FUSE_REQUIRED"  # set in CI: a missing FUSE fails instead of skipping


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "cmis_profile(name): emulator profile for cmis_module")
    config.addinivalue_line("markers", "cmis_chassis(toml): chassis file text for cmis_*chassis")


@pytest.fixture
def cmis_profile(request: pytest.FixtureRequest) -> str:
    """The profile: an indirect parametrize value, else the cmis_profile marker, else the DR8."""
    if hasattr(request, "param"):
        return str(request.param)
    marker = request.node.get_closest_marker("cmis_profile")
    return str(marker.args[0]) if marker else DEFAULT_PROFILE


@pytest.fixture
def cmis_module(cmis_profile: str) -> Any:
    """A host Module, ModuleReady with its default application; ``.device`` is the emulated
    module (faults, pins), ``.clock`` the VirtualClock both share (``.advance(s)`` moves time)."""
    from emulator.targets import open_emulated

    return open_emulated(cmis_profile)


def _chassis_file(request: pytest.FixtureRequest, folder: Path) -> Path:
    marker = request.node.get_closest_marker("cmis_chassis")
    path = folder / "chassis.toml"
    path.write_text(str(marker.args[0]) if marker else DEFAULT_CHASSIS)
    return path


@pytest.fixture
def cmis_chassis(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """An in-process Chassis on a VirtualClock: by default port1<->port2 on a 3 dB fibre, a
    loopback plug in port3 and port4 dark."""
    chassis = pytest.importorskip("emulator.chassis", reason="emulator.chassis is not available")
    return chassis.load_chassis(_chassis_file(request, tmp_path), clock=VirtualClock())


def _server() -> str | None:
    """``cmis-emu`` beside this Python (a venv need not be on PATH), else on PATH."""
    beside = Path(sys.executable).parent / "cmis-emu"
    return str(beside) if beside.is_file() else shutil.which("cmis-emu")


def _fuse_missing() -> str | None:
    from emulator.service.mount import fuse_problem  # no libfuse import: it only looks

    if _server() is None:
        return "cmis-emu is not installed (pip install cmis-tools)"
    return fuse_problem()


@pytest.fixture
def cmis_mounted_chassis(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """The chassis served by ``cmis-emu serve`` in a subprocess; yields the mount folder
    (``DIR/port1/eeprom`` for ``cmis -t optoe:...``; pin files beside it)."""
    missing = _fuse_missing()
    if missing is not None:
        if os.environ.get(FUSE_REQUIRED):
            pytest.fail(f"{FUSE_REQUIRED} is set but {missing}")
        pytest.skip(missing)
    mount = tmp_path / "mount"
    mount.mkdir()
    config = _chassis_file(request, tmp_path)
    log = tmp_path / "cmis-emu.log"  # a file, not a pipe nobody drains while the test runs
    with log.open("w") as err:
        server = subprocess.Popen(
            [str(_server()), "serve", str(config), "--mount", str(mount)],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        _wait_mounted(server, mount, log)
        yield mount
    finally:
        _stop(server, mount)


def _wait_mounted(server: subprocess.Popen[bytes], mount: Path, log: Path) -> None:
    clock = RealClock()
    start = clock.now()
    while not any(mount.glob("*/eeprom")):
        if server.poll() is not None:
            err = log.read_text(errors="replace").strip()[-200:]
            pytest.fail(f"cmis-emu serve exited {server.returncode}: {err}")
        if clock.now() - start > MOUNT_TIMEOUT:
            pytest.fail(f"cmis-emu serve did not mount within {MOUNT_TIMEOUT:g} s")
        clock.sleep(0.05)


def _stop(server: subprocess.Popen[bytes], mount: Path) -> None:
    """SIGTERM our server (it unmounts itself); unmount by hand if it could not."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if os.path.ismount(mount) and shutil.which("fusermount3"):
        subprocess.run(["fusermount3", "-u", "-z", str(mount)], check=False)
