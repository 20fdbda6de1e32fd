"""``cmis-tui --chassis DIR``: the port grid over a mounted chassis (real time, FUSE)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Markdown, Static
from textual.widgets._footer import FooterKey

from cmis.host.ports import discover
from tests.emulator.service.mounted import run
from tests.tui.conftest import SIZE
from tui.app import BACK, CmisApp
from tui.chassis_app import ChassisApp
from tui.chassis_watch import COLUMNS
from tui.main import main
from tui.session import Session

CHASSIS = """\
[chassis]
speed = 10.0
[[port]]
name = "port1"
lpmode = false
[[port]]
name = "port2"
lpmode = false
[[port]]
name = "port3"
lpmode = false
[[link]]
a = "port1"
b = "port2"
"""
WAIT = 15.0  # s of real time for the grid to show a change (refreshes come every second)
pytestmark = pytest.mark.cmis_chassis(CHASSIS)


def cells(app: ChassisApp, port: str) -> dict[str, str]:
    row = app.grid.shown.get(port)
    return {} if row is None else {c: text for c, (text, _) in zip(COLUMNS, row, strict=True)}


def linked_and_clear(app: ChassisApp) -> bool:
    """Both ends ready and the LOS latched while they came up read (and so cleared)."""
    rows = [cells(app, port) for port in ("port1", "port2")]
    return all(r["module state"] == "ModuleReady" and r["Rx LOS"] == "" for r in rows)


def los_and_alarm(app: ChassisApp, port: str) -> bool:
    row = cells(app, port)
    return row["Rx LOS"] == "1-8" and row["worst alarm"] == "alarm rx_power 1-8"


async def until(app: ChassisApp, pilot, check, what: str) -> None:
    """Wait (real time) until ``check()`` holds on the grid as shown."""
    for _ in range(int(WAIT / 0.1)):
        if app.refreshes and check():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"the grid never showed {what}: {app.grid.shown}")


@pytest.mark.asyncio
async def test_the_grid_shows_each_port_and_los_after_a_link_cut(
    cmis_mounted_chassis: Path,
) -> None:
    mount = str(cmis_mounted_chassis)
    app = ChassisApp(mount, discover(mount))
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: linked_and_clear(app), "two linked modules, no LOS")
        application = cells(app, "port1")["application"]
        assert application.startswith("AppSel 1 800GBASE-DR8")
        drawn = app.grid.query_one(DataTable).columns["application"]
        assert drawn.get_render_width(app.grid.query_one(DataTable)) > len(application)  # not cut
        assert cells(app, "port2")["worst alarm"] == "ok"
        await until(app, pilot, lambda: cells(app, "port3")["Rx LOS"] == "1-8", "dark port3")
        run("cmis-emu", "link", mount, "cut", "port1", "port2")
        await until(app, pilot, lambda: los_and_alarm(app, "port2"), "LOS and alarm on port2")
        run("cmis-emu", "remove", mount, "port1")
        await until(app, pilot, lambda: cells(app, "port1")["present"] == "no", "port1 empty")
        assert cells(app, "port1")["module state"] == "empty cage"


@pytest.mark.asyncio
async def test_enter_picks_the_port_under_the_cursor(cmis_mounted_chassis: Path) -> None:
    mount = str(cmis_mounted_chassis)
    app = ChassisApp(mount, discover(mount))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(app, pilot, lambda: bool(cells(app, "port3")), "port3")
        keys = [k.key for k in app.screen.query(FooterKey)]
        assert keys[:2] == ["question_mark", "q"], keys
        assert "Enter opens one" in str(app.grid.query_one("#chassis-status", Static).content)
        await pilot.press("question_mark")
        assert "Chassis grid" in str(app.screen.query_one(Markdown).source)
        await pilot.press("escape")
        await pilot.press("down", "down", "enter")
    assert app.return_value == "port3"
    back = ChassisApp(mount, discover(mount), cursor="port3")  # b in port3's view comes here
    async with back.run_test(size=(80, 24)) as pilot:
        await until(back, pilot, lambda: bool(cells(back, "port3")), "port3 again")
        await pilot.press("enter")
    assert back.return_value == "port3"


@pytest.mark.asyncio
async def test_b_in_the_module_view_goes_back_only_when_opened_from_the_grid(
    session: Session,
) -> None:
    alone = CmisApp(session, poll_interval=None)
    async with alone.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert alone.is_running
    from_grid = CmisApp(session, poll_interval=None, chassis=True)
    async with from_grid.run_test(size=SIZE) as pilot:
        await pilot.press("b")
    assert from_grid.return_value == BACK


def test_a_folder_without_ports_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--chassis", str(tmp_path)]) == 2
    assert "holds no ports" in capsys.readouterr().err
