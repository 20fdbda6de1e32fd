"""cmis-tui's command line: --target and --rate, checked before the screen is taken over."""

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
    """``--target`` and ``--rate``; bad ones end the program with one line and exit 2."""
    parser = _Parser(
        prog="cmis-tui",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  cmis-tui\n  cmis-tui --target optoe:/sys/bus/i2c/devices/3-0050/eeprom"
        "\n  cmis-tui --target emu:osfp-xd-1.6t-dr16 --rate 0.5",
    )
    parser.add_argument(
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
