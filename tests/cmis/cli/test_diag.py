"""``cmis diag``: PRBS across a chassis link and loopbacks from the command line; refusals."""

from __future__ import annotations

import json

import pytest

from cmis.cli import main
from cmis.cli.session import Session
from cmis.clock import VirtualClock
from cmis.host.module import Module
from cmis.transport.twi import TwiTransport
from emulator.chassis import Chassis
from emulator.module import EmulatedModule
from emulator.profile import PROFILE_DIR, parse_profile
from tests.emulator.chassis.lab import host_on, linked_pair


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def pair(clock: VirtualClock) -> Chassis:
    return linked_pair(clock)


def on(monkeypatch: pytest.MonkeyPatch, pair: Chassis, port: str, clock: VirtualClock) -> None:
    """Point the CLI's --target at a chassis port (so state lasts between commands)."""
    module = host_on(clock, pair.port(port))
    monkeypatch.setattr(Session, "module", property(lambda self: module))


def test_prbs_across_a_link_from_the_cli(
    pair: Chassis, clock: VirtualClock, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    on(monkeypatch, pair, "port1", clock)
    start = ["diag", "prbs", "start", "--side", "media", "--pattern", "PRBS31Q", "--lanes", "1-8"]
    assert main([*start, "--generator-only"]) == 0
    on(monkeypatch, pair, "port2", clock)
    assert main([*start, "--checker-only"]) == 0
    pair.set_loss("port1", "port2", 7.0)  # pre-FEC BER ~1e-4, as VDM reports it
    clock.advance(5)
    capsys.readouterr()
    assert main(["diag", "prbs", "read", "--json"]) == 0
    lanes = json.loads(capsys.readouterr().out)
    assert [row["lane"] for row in lanes] == list(range(1, 9))
    assert all(row["locked"] and row["errors"] > 0 and 0 < row["ber"] < 1e-2 for row in lanes)
    assert main(["diag", "prbs", "read"]) == 0
    assert "PRBS31Q" in capsys.readouterr().out
    assert main(["diag", "prbs", "stop", "--lanes", "1-4"]) == 0
    capsys.readouterr()
    assert main(["diag", "prbs", "read", "--json"]) == 0
    assert [row["lane"] for row in json.loads(capsys.readouterr().out)] == [5, 6, 7, 8]


def test_loopback_from_the_cli_darkens_the_far_end(
    pair: Chassis, clock: VirtualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, pair, "port1", clock)
    loop = ["diag", "loopback", "--type", "media-side-output", "--lanes", "1-4"]
    assert main([*loop, "on"]) == 0
    assert pair.status()[1]["lanes_los"] == [1, 2, 3, 4]
    assert main([*loop, "off"]) == 0
    assert pair.status()[1]["lanes_los"] == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["prbs", "start", "--side", "media", "--pattern", "PRBS31", "--lanes", "1"], "offers"),
        (["prbs", "start", "--side", "host", "--pattern", "x" * 90, "--lanes", "1"], "unknown"),
        (["prbs", "start", "--side", "host", "--pattern", "SSPRQ", "--lanes", "9"], "lane 9"),
        (["prbs", "start", "--side", "side", "--pattern", "SSPRQ", "--lanes", "1"], "side"),
        (["prbs", "start", "--side", "host", "--pattern", "SSPRQ", "--lanes", "1",
          "--generator-only", "--checker-only"], "exclude"),
        (["loopback", "--type", "sideways", "--lanes", "1", "on"], "type"),
        (["loopback", "--type", "host-side-input", "--lanes", "12", "on"], "lane 12"),
    ],
)  # fmt: skip
def test_bad_requests_are_one_line_exit_2_and_write_nothing(
    pair: Chassis, clock: VirtualClock, monkeypatch: pytest.MonkeyPatch, capsys, args, says
) -> None:  # type: ignore[no-untyped-def]
    on(monkeypatch, pair, "port1", clock)
    before = bytes(pair.port("port1").module.memory.page(0, 0x13))  # type: ignore[union-attr]
    assert main(["diag", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmis: error: ") and err.count("\n") == 1 and says in err
    assert "x" * 50 not in err
    assert bytes(pair.port("port1").module.memory.page(0, 0x13)) == before  # type: ignore[union-attr]


def test_a_module_without_diagnostics_pages_says_so(
    clock: VirtualClock, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    text = (PROFILE_DIR / "osfp-800g-dr8.toml").read_text()
    start, end = text.index("[diagnostics]"), text.index("[thresholds]")
    device = EmulatedModule(parse_profile("plain", text[:start] + text[end:]), clock)
    module = Module(TwiTransport(device, clock=clock), clock=clock)
    monkeypatch.setattr(Session, "module", property(lambda self: module))
    assert main(["diag", "prbs", "read"]) == 2
    assert "page 13h is not advertised" in capsys.readouterr().err
