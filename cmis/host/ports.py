"""``--chassis DIR``: the ports of a switch (or ``cmis-emu serve``) folder, read in parallel.

A port is a folder holding an optoe ``eeprom`` file (``DIR/port1/eeprom``), PDDF pin files
beside it when the platform has them. Each port gets its own Module on its own thread; a port
that fails or hangs becomes an error for that port only, never the end of the command.
"""

from __future__ import annotations

import errno
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cmis.clock import RealClock
from cmis.errors import InputError, TransportError, cut

MAX_WORKERS = 16  # enough to hide per-port latency; a 64-port switch is four rounds
PORT_TIMEOUT = 20.0  # s a port may take before it is reported as not answering
_ERRNO_TEXT = {errno.ENXIO: "no module (ENXIO)", errno.EIO: "module did not answer (EIO)"}


def discover(directory: str) -> dict[str, Path]:
    """Port name -> eeprom path, in natural order (port2 before port10)."""
    root = Path(directory)
    shown = cut(directory)
    if not os.path.isdir(root):  # False for a too-long name too
        raise InputError(f"--chassis {shown}: no such directory")
    try:
        found = {d.name: d / "eeprom" for d in root.iterdir() if (d / "eeprom").is_file()}
    except OSError as err:
        raise InputError(f"--chassis {shown}: cannot list it ({err.strerror})") from None
    if not found:
        raise InputError(f"--chassis {shown}: holds no ports (expected folders like port1/eeprom)")
    return {name: found[name] for name in sorted(found, key=natural_key)}


def natural_key(name: str) -> list[Any]:
    """Sort key putting port2 before port10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def error_text(err: BaseException, eeprom: Path | None = None) -> str:
    """A port's failure in a few words (the row names the port, so not its path); a NACK or an
    empty cage by its errno."""
    if isinstance(err, TransportError) and err.errno in _ERRNO_TEXT:
        return _ERRNO_TEXT[err.errno]
    text = str(err) or type(err).__name__
    if eeprom is not None:
        text = text.removeprefix(f"{eeprom}: ").removeprefix(f"optoe:{eeprom}: ")
    return cut(text, 100, quote=False)


class PortTimeout(Exception):
    """A port that did not finish within the timeout (its thread is left behind)."""


def run_all(
    jobs: dict[str, Callable[[], Any]],
    *,
    workers: int = MAX_WORKERS,
    timeout: float = PORT_TIMEOUT,
) -> dict[str, Any]:
    """Run every job on daemon threads, ``workers`` at once; name -> result or the exception.

    Threads are daemons so a port hung in the kernel cannot keep the command from exiting; its
    slot is handed to the next port when it times out.
    """
    clock, gate, done = RealClock(), threading.Semaphore(workers), threading.Condition()
    results: dict[str, Any] = {}
    started: dict[str, float] = {}

    def run(name: str, job: Callable[[], Any]) -> None:
        gate.acquire()
        with done:
            started[name] = clock.now()
        try:
            value: Any = job()
        except Exception as err:  # any failure is this port's row, not the command's end
            value = err
        with done:
            if name not in results:
                gate.release()
            results.setdefault(name, value)
            done.notify_all()

    for name, job in jobs.items():
        threading.Thread(target=run, args=(name, job), daemon=True, name=f"port {name}").start()
    with done:
        while len(results) < len(jobs):
            now = clock.now()
            for name, since in started.items():
                if name not in results and now - since > timeout:
                    results[name] = PortTimeout(f"no answer in {timeout:g} s")
                    gate.release()
            done.wait(0.05)
    return {name: results[name] for name in jobs}
