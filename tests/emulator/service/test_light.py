"""Light through the mount: Tx disable on port1 gives port2 Rx LOS; enabling clears it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from tests.emulator.service.mounted import Server, run

LAB = """
[chassis]
speed = 8.0
[[port]]
name = "port1"
profile = "osfp-800g-dr8"
lpmode = false
[[port]]
name = "port2"
profile = "osfp-800g-dr8"
lpmode = false
[[link]]
a = "port1"
b = "port2"
loss_db = 3.0
"""


def los_lanes(mount: Path, port: str) -> list[int]:
    rows = json.loads((mount / ".control" / "status.json").read_text())
    return next(row["lanes_los"] for row in rows if row["port"] == port)


def wait_for(check: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.05)
    return check()


def test_tx_disable_on_one_end_is_rx_los_on_the_other(
    serve: Callable[..., Server], tmp_path: Path
) -> None:
    lab = tmp_path / "lab.toml"
    lab.write_text(LAB)
    server = serve(str(lab))
    port1 = f"optoe:{server.mount}/port1/eeprom"
    for port in ("port1", "port2"):
        run("cmis", "-t", f"optoe:{server.mount}/{port}/eeprom", "apply", "1")
    assert wait_for(lambda: los_lanes(server.mount, "port2") == []), "no light on port2"
    run("cmis", "-t", port1, "tx", "disable", "1-8")
    assert wait_for(lambda: los_lanes(server.mount, "port2") == list(range(1, 9)))
    flags = json.loads(run("cmis", "-t", f"optoe:{server.mount}/port2/eeprom", "flags",
                           "--json").stdout)  # fmt: skip
    latched = {row["flag"]: row["lanes"] for row in flags["read"]}  # read clears them (COR)
    assert latched["LOSFlagRx"] == latched["CDRLOLFlagRx"] == list(range(1, 9))
    assert (server.mount / "port2" / "xcvr_intr_status").read_text() == "1\n"
    run("cmis", "-t", port1, "tx", "enable", "1-8")
    assert wait_for(lambda: los_lanes(server.mount, "port2") == [])
