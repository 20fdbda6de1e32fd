"""The grid's worker: a port that hangs past the timeout never shares its Module with the
next refresh (two threads on one Module would mix their reads into one row)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import tui.chassis_watch as watch


def test_a_late_port_read_never_shares_its_module_with_the_next_refresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[object] = []
    busy: set[int] = set()
    shared: list[int] = []
    release = threading.Event()
    calls: list[int] = []

    def fake_open(path: str) -> object:
        module = type("FakeModule", (), {"pins": None, "forget_cache": lambda self: None})()
        opened.append(module)
        return module

    def fake_status(module: Any) -> dict[str, Any]:
        if id(module) in busy:
            shared.append(id(module))
        busy.add(id(module))
        try:
            if module is opened[0]:
                calls.append(1)
                if len(calls) == 2:
                    release.wait(10)  # its second read hangs until the test lets it go
            return {"present": False, "pins": {"present": False}}
        finally:
            busy.discard(id(module))

    monkeypatch.setattr(watch, "open_optoe", fake_open)
    monkeypatch.setattr(watch, "port_status", fake_status)
    monkeypatch.setattr(watch, "PORT_TIMEOUT", 0.2)
    ports = watch.PortWatch({"port1": Path("port1/eeprom")})
    assert ports.read_all()["port1"][2] == ("empty cage", "dim")
    late = ports.read_all()["port1"]
    assert late[2] == ("error", "red") and "no answer" in late[3][0]
    after = ports.read_all()["port1"]
    assert after[2] == ("empty cage", "dim")  # answered, by a Module of its own
    release.set()
    assert len(opened) == 2 and not shared
