"""``cmis.open(target)``: target strings to Modules through a registry of schemes.

Schemes are resolved by import string when used (python-can style), so ``cmis`` never imports
the emulator or smbus2 unless a target asks for them. Register more with ``register_scheme``.
The openers of the built-in transports live here, not in cmis/transport: a transport knows
nothing of the Module built on it.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cmis.clock import Clock, RealClock
from cmis.errors import TargetError, cut
from cmis.host.module import Module

DEFAULT_TARGET = "emu:osfp-800g-dr8"
SCHEMES: dict[str, str] = {
    "emu": "emulator.targets:open_emulated",
    "i2c": "cmis.host.targets:open_i2c",
    "optoe": "cmis.host.targets:open_optoe",
    "file": "cmis.host.targets:open_file",
}
ALLOWED = "emu:PROFILE, i2c:BUS@ADDR (e.g. i2c:3@0x50), optoe:PATH, file:PATH"
_I2C = re.compile(r"^(?:/dev/i2c-)?(\d{1,6})@(0x[0-9a-fA-F]{1,4}|\d{1,5})$")
MAX_PATH = 4095  # bytes, Linux PATH_MAX - 1: a longer target names nothing


def register_scheme(scheme: str, opener: str) -> None:
    """Add ``scheme:`` targets, opened by ``"package.module:function"`` (called with the rest)."""
    SCHEMES[scheme] = opener


def open(  # noqa: A001 - cmis.open, like builtins.open, is the natural name
    target: str = DEFAULT_TARGET,
    *,
    clock: Clock | None = None,
    record: str | os.PathLike[str] | None = None,
    **options: Any,
) -> Module:
    """Open the module ``target`` names; ``record=PATH`` logs every transaction to JSON lines."""
    scheme, rest = split_target(target)
    opener = _resolve(scheme)
    module: Module = opener(rest, clock=clock, **options)
    if record is not None:
        from cmis.transport.record import RecordingTransport

        module.transport = RecordingTransport(module.transport, record, module.clock)
    return module


def split_target(target: str) -> tuple[str, str]:
    scheme, sep, rest = target.partition(":")
    if not sep or scheme not in SCHEMES:
        raise TargetError(
            f"target {cut(target)}: unknown scheme {cut(scheme, 20)} (allowed: {ALLOWED})"
        )
    if not rest:
        raise TargetError(f"target {cut(target)}: nothing after '{scheme}:' (allowed: {ALLOWED})")
    if len(os.fsencode(rest)) > MAX_PATH:
        raise TargetError(
            f"target {cut(target)}: too long (at most {MAX_PATH} bytes after '{scheme}:')"
        )
    return scheme, rest


def _resolve(scheme: str) -> Callable[..., Module]:
    module_name, _, attr = SCHEMES[scheme].partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as err:
        raise TargetError(f"{scheme}: targets need {module_name} ({err})") from err


def parse_i2c(rest: str) -> tuple[str, int]:
    """``3@0x50`` or ``/dev/i2c-3@0x50`` -> (``/dev/i2c-3``, 0x50); checks the 7-bit address."""
    match = _I2C.match(rest)
    if not match:
        raise TargetError(
            f"i2c:{cut(rest)}: expected BUS@ADDR, e.g. i2c:3@0x50 or i2c:/dev/i2c-3@0x50"
        )
    bus, addr = match.group(1), int(match.group(2), 0)
    if not 0x03 <= addr <= 0x77:
        raise TargetError(
            f"i2c:{cut(rest)}: address 0x{addr:02x} is outside 0x03-0x77 (CMIS: 0x50)"
        )
    return f"/dev/i2c-{bus}", addr


def open_file(rest: str, *, clock: Clock | None = None) -> Module:
    """A saved image (binary or hex dump), or a ``.jsonl`` transaction log replayed."""
    path = Path(rest)
    if not os.path.isfile(path):  # False for a too-long name too (Path.is_file raises)
        raise TargetError(f"file:{cut(rest)}: no such file")
    clock = clock if clock is not None else RealClock()
    if path.suffix == ".jsonl":
        from cmis.transport.record import ReplayTransport

        return Module(ReplayTransport.load(path), clock=clock, name=f"file:{rest}")
    from cmis.images import MemoryImage
    from cmis.transport.image import ImageTransport

    image = MemoryImage.load(path)
    return Module(ImageTransport(image, name=str(path)), clock=clock, name=f"file:{rest}")


def open_i2c(
    rest: str, *, clock: Clock | None = None, mode: str = "auto", bus: Any = None
) -> Module:
    """The ``i2c:BUS@ADDR`` target: a Module over TwiTransport(I2cDevice); smbus2 loads here."""
    from cmis.transport.i2c import I2cDevice, open_smbus
    from cmis.transport.twi import TwiTransport

    path, address = parse_i2c(rest)
    clock = clock if clock is not None else RealClock()
    device = I2cDevice(bus if bus is not None else open_smbus(path), address, mode=mode)
    module = Module(TwiTransport(device, clock=clock), clock=clock, name=f"i2c:{rest}")
    module.device = device
    return module


def open_optoe(rest: str, *, clock: Clock | None = None) -> Module:
    """The ``optoe:PATH`` target; PDDF pin files beside the eeprom become ``module.pins``."""
    from cmis.transport.optoe import OptoeTransport
    from cmis.transport.pinfiles import PinFiles

    if not os.path.exists(rest):  # False for a too-long name too (Path.exists raises)
        raise TargetError(
            f"optoe:{cut(rest)}: no such file (e.g. /sys/bus/i2c/devices/3-0050/eeprom)"
        )
    clock = clock if clock is not None else RealClock()
    module = Module(OptoeTransport(rest), clock=clock, name=f"optoe:{rest}")
    module.pins = PinFiles.beside(rest)
    return module
