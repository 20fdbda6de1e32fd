"""The fault matrix: every fault at every phase leaves a valid committed image, a clear error (or a
legitimate recovery), and a module that a rerun from scratch updates successfully."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cmis.cdb.replies import CdbCommand as C
from cmis.errors import CmisError
from emulator import EmulatedModule, make_firmware_image
from tests.cmis.firmware.fw_pair import (
    FaultBus,
    attach,
    committed_image_ok,
    make_pair,
    profile_variant,
)

SIZE = 8 * 1024  # four 2 KiB EPL blocks
PHASES = {
    "start": (C.StartDownload, 1),
    "early block": (C.WriteBlockEpl, 1),
    "middle block": (C.WriteBlockEpl, 2),
    "last block": (C.WriteBlockEpl, 4),
    "complete": (C.CompleteDownload, 1),
    "run": (C.RunImage, 1),
    "commit": (C.CommitImage, 1),
}


def _corrupt(m: EmulatedModule) -> None:
    m.memory.page(0, 0xA0)[0] ^= 0xFF  # EPL data is not covered by CdbChkCode
    m.memory.page(0, 0x9F)[8] ^= 0x01  # LPL is: a non-block command fails with 0x45


def _abort(m: EmulatedModule) -> None:
    raise KeyboardInterrupt


def _nack_burst(bus: FaultBus) -> Callable[[EmulatedModule], None]:
    return lambda m: setattr(bus, "nack_next", 12)


FAULTS: dict[str, tuple[Callable[[FaultBus], Callable[[EmulatedModule], None]], bool]] = {
    # name: (action factory, act before the trigger reaches the module)
    "reset": (lambda bus: lambda m: (m.assert_reset(), m.release_reset()), False),
    "power loss": (lambda bus: lambda m: (m.remove(), m.insert()), False),
    "nack burst": (_nack_burst, False),
    "corrupted block": (lambda bus: _corrupt, True),
    "user abort": (lambda bus: _abort, False),
    "slow busy": (lambda bus: lambda m: setattr(m.cdb, "busy_scale", 6.0), True),
    "password dropped": (lambda bus: lambda m: setattr(m, "unlocked", False), False),
}
MUST_SUCCEED = {"password dropped"}


def _profile() -> object:
    return profile_variant("osfp-800g-dr8", password_required="true")


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("fault", FAULTS)
def test_fault_at_phase(fault: str, phase: str) -> None:
    pair = make_pair(_profile(), password=0x1011)
    factory, before = FAULTS[fault]
    pair.bus.cmd, pair.bus.nth = PHASES[phase]
    pair.bus.action, pair.bus.before = factory(pair.bus), before
    try:
        pair.updater.update(make_firmware_image((5, 0, 1), SIZE))
        succeeded = True
    except (CmisError, KeyboardInterrupt):
        succeeded = False
    assert succeeded or fault not in MUST_SUCCEED
    _assert_recovers(pair.clock, pair.module)


@pytest.mark.parametrize("seed", range(4))
def test_random_nacks_on_one_percent_of_transactions_are_retried(seed: int) -> None:
    pair = make_pair(_profile(), password=0x1011)
    pair.bus.rng.seed(seed)
    pair.bus.nack_rate = 0.01
    info = pair.updater.update(make_firmware_image((5, 0, 2), SIZE))
    assert info.running.version == (5, 0, 2) and info.running.committed
    _assert_recovers(pair.clock, pair.module)


def _assert_recovers(clock, module: EmulatedModule) -> None:
    """Valid committed image after a power cycle, then a clean rerun from scratch succeeds."""
    module.cdb.busy_scale = 1.0
    assert committed_image_ok(module)
    clock.advance(5.0)
    rerun = attach(clock, module, password=0x1011)
    info = rerun.updater.update(make_firmware_image((6, 0, 0), SIZE))
    assert info.running.version == (6, 0, 0) and info.running.committed
    assert committed_image_ok(module)
