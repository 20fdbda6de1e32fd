"""How our command lines fail: one line ``PROG: error: ...``; exit 2 bad input, 1 failed.

``cmis``, ``cmis-exporter`` and ``cmis-emu`` all run their click command through ``run``, so a
usage error, a refused value and a failed operation read the same everywhere.
"""

from __future__ import annotations

import click

from cmis.errors import (
    AddressError,
    CmisError,
    ImageFormatError,
    InputError,
    ReadOnlyError,
    cut_path,
)

EXIT_FAILED, EXIT_BAD_INPUT = 1, 2
MAX_LINE = 400  # a last guard: messages cut what they echo, this cuts what slipped through
BAD_INPUT_ERRORS: tuple[type[Exception], ...] = (
    ImageFormatError,
    InputError,
    AddressError,
    ReadOnlyError,
)


def run(
    command: click.Command,
    argv: list[str] | None,
    *,
    prog: str,
    label: str | None = None,
    bad_input: tuple[type[Exception], ...] = BAD_INPUT_ERRORS,
) -> int:
    """Run ``command`` (as ``prog``), every failure one line prefixed ``label`` (default prog)."""
    say = label or prog
    try:
        command.main(args=argv, prog_name=prog, standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.exceptions.Abort:
        return fail(say, "aborted", EXIT_FAILED)
    except click.UsageError as err:
        hint = f" (see: {err.ctx.command_path} --help)" if err.ctx else ""
        return fail(say, f"{err.format_message()}{hint}", EXIT_BAD_INPUT)
    except click.ClickException as err:
        return fail(say, err.format_message(), err.exit_code)
    except bad_input as err:
        return fail(say, str(err), EXIT_BAD_INPUT)
    except CmisError as err:
        return fail(say, str(err), EXIT_FAILED)
    except UnicodeError:  # a path or value no file system or module can take (lone surrogates)
        text = "an argument is not valid text (it cannot be encoded as UTF-8)"
        return fail(say, text, EXIT_BAD_INPUT)
    except OSError as err:  # a file or device failed under us (EIO, ENOSPC...): not our bug
        return fail(say, f"{cut_path(err.filename or 'I/O')}: {err.strerror or err}", EXIT_FAILED)
    return 0


def fail(label: str, message: str, code: int) -> int:
    """One line, however the message was built (click's usage errors list choices on lines)."""
    line = " ".join(message.split())
    line = line if len(line) <= MAX_LINE else line[: MAX_LINE - 3] + "..."
    click.echo(f"{label}: error: {line}", err=True)
    return code
