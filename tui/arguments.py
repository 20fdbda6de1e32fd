"""cmis-tui's command line (--target or --chassis, --rate), checked before the screen is taken."""

from __future__ import annotations

import argparse
from typing import NoReturn

from cmis.cli.params import parse_finite
from cmis.errors import InputError

DESCRIPTION = """\
cmis-tui: watch and control one CMIS optical module (QSFP-DD/OSFP) in a terminal.

Screens: overview (state, alarms, what to do next), lanes (apply an application, Tx, data
paths), DOM (power in dBm, bias, temperature over time), pages (raw memory), firmware and a
log. Press ? in the program for every key. Actions that change the module ask first: y = yes,
Enter or anything else = no.

With --chassis DIR (a switch's or `cmis-emu serve`'s folder of DIR/<port>/eeprom): a grid of
every port (presence, state, application, worst alarm, Rx LOS lanes) refreshed every second;
Enter opens the full view of a port, b there comes back to the grid.
"""
MIN_RATE, MAX_RATE = 0.05, 3600.0  # seconds between polls: faster spins a core for nothing


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (like ``cmis``), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


def _rate(text: str) -> float:
    try:
        return parse_finite(text, MIN_RATE, MAX_RATE)
    except InputError as err:
        raise argparse.ArgumentTypeError(f"{err} seconds") from None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """``--target`` or ``--chassis``, ``--rate``; bad ones end the program: one line, exit 2."""
    parser = _Parser(
        prog="cmis-tui",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  cmis-tui\n  cmis-tui --target optoe:/sys/bus/i2c/devices/3-0050/eeprom"
        "\n  cmis-tui --target emu:osfp-xd-1.6t-dr16 --rate 0.5\n  cmis-tui --chassis /tmp/chassis",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--chassis",
        "-c",
        metavar="DIR",
        default=None,
        help="a folder of ports (DIR/port1/eeprom ...): the port grid instead of one module",
    )
    which.add_argument(
        "--target",
        "-t",
        default=None,
        help="the module: i2c:BUS@ADDR, optoe:PATH, file:PATH (a saved image) or emu:PROFILE "
        "(an emulated module; default emu:osfp-800g-dr8)",
    )
    parser.add_argument(
        "--rate",
        type=_rate,
        default=1.0,
        help=f"seconds between polls (1; {MIN_RATE}-{MAX_RATE:g})",
    )
    return parser.parse_args(argv)
