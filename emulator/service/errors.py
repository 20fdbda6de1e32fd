"""How ``cmis-emu`` fails: one line ``cmis-emu: error: ...``; exit 2 bad input, 1 failed."""

from __future__ import annotations

import click

from cmis.errors import CmisError, InputError, cut_path
from emulator.chassis import ChassisError
from emulator.errors import ProfileError
from emulator.service.mount import ServiceError

EXIT_FAILED, EXIT_BAD_INPUT = 1, 2
MAX_LINE = 400
BAD_INPUT = (ServiceError, ChassisError, ProfileError, InputError)


def run(group: click.Group, argv: list[str] | None) -> int:
    """Run ``group`` turning every failure into one line and its exit code."""
    try:
        group.main(args=argv, prog_name="cmis-emu", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.exceptions.Abort:
        return fail("aborted", EXIT_FAILED)
    except click.UsageError as err:
        hint = f" (see: {err.ctx.command_path} --help)" if err.ctx else ""
        return fail(f"{err.format_message()}{hint}", EXIT_BAD_INPUT)
    except click.ClickException as err:
        return fail(err.format_message(), err.exit_code)
    except BAD_INPUT as err:
        return fail(str(err), EXIT_BAD_INPUT)
    except CmisError as err:
        return fail(str(err), EXIT_FAILED)
    except OSError as err:  # the mount failed under us (EIO, ENOTCONN): not the user's input
        return fail(f"{cut_path(err.filename or 'I/O')}: {err.strerror or err}", EXIT_FAILED)
    return 0


def fail(message: str, code: int) -> int:
    line = " ".join(message.split())
    line = line if len(line) <= MAX_LINE else line[: MAX_LINE - 3] + "..."
    click.echo(f"cmis-emu: error: {line}", err=True)
    return code
