"""Ports of a chassis run in parallel; a failing or hung port is its own result, not the end."""

from __future__ import annotations

import errno
import threading

import pytest

from cmis.errors import TransportError
from cmis.host.ports import PortTimeout, error_text, run_all


def test_ports_run_at_the_same_time() -> None:
    """Four jobs meet at a barrier: run one after another, the barrier would break."""
    barrier = threading.Barrier(4, timeout=5)
    results = run_all({f"port{i}": barrier.wait for i in range(4)}, workers=4)
    assert sorted(results.values()) == [0, 1, 2, 3]


def test_a_hung_port_times_out_and_the_others_finish() -> None:
    never = threading.Event()
    jobs = {"port1": never.wait, "port2": lambda: "ok", "port3": lambda: "ok"}
    try:
        results = run_all(jobs, workers=1, timeout=0.2)
    finally:
        never.set()
    assert isinstance(results["port1"], PortTimeout)
    assert results["port2"] == results["port3"] == "ok"
    assert list(results) == ["port1", "port2", "port3"]


def test_a_failing_port_is_its_exception() -> None:
    def nack() -> None:
        raise TransportError("bus: NACK", errno.EIO)

    results = run_all({"port1": nack, "port2": lambda: 7})
    assert isinstance(results["port1"], TransportError) and results["port2"] == 7


@pytest.mark.parametrize(
    ("err", "text"),
    [
        (TransportError("x", errno.ENXIO), "no module (ENXIO)"),
        (TransportError("x", errno.EIO), "module did not answer (EIO)"),
        (PortTimeout("no answer in 20 s"), "no answer in 20 s"),
        (TransportError("y" * 500), "y" * 97 + "..."),
    ],
)
def test_error_text_is_short_and_says_what_happened(err: BaseException, text: str) -> None:
    assert error_text(err) == text
