"""How ``cmis-emu`` fails: one line ``cmis-emu: error: ...``; exit 2 bad input, 1 failed."""

from __future__ import annotations

import click

from cmis.cli import runner
from emulator.chassis import ChassisError
from emulator.errors import ProfileError
from emulator.service.mount import ServiceError

BAD_INPUT: tuple[type[Exception], ...] = (
    ServiceError,
    ChassisError,
    ProfileError,
    *runner.BAD_INPUT_ERRORS,
)


def run(group: click.Group, argv: list[str] | None) -> int:
    """Run ``group`` turning every failure into one line and its exit code."""
    return runner.run(group, argv, prog="cmis-emu", bad_input=BAD_INPUT)
