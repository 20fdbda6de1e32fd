"""An emulated switch chassis: cages of EmulatedModules on one clock, optoe access, fibre links.

Contract: /work/brief/chassis-api.md (issue 13). Deviations, on purpose:
- One re-entrant lock for the whole chassis (``port.lock`` is it): light makes a port's access
  look at its peers, and per-port locks taken in two orders could deadlock.
- A file without [[port]] tables gets ``[chassis] ports`` (default 32) ports of
  ``[chassis] profile`` (default osfp-800g-dr8).
"""

from emulator.chassis.chassis import Chassis, build_chassis
from emulator.chassis.config import load_chassis
from emulator.chassis.errors import ChassisError
from emulator.chassis.faults import FAULT_NAMES
from emulator.chassis.port import Port

__all__ = ["FAULT_NAMES", "Chassis", "ChassisError", "Port", "build_chassis", "load_chassis"]
