"""The ``cmis`` command line: exit 0 ok, 1 operation failed, 2 bad input (one line on stderr)."""

from __future__ import annotations

import sys

import click

from cmis.cli.decode import decode
from cmis.errors import CmisError, ImageFormatError

EXIT_FAILED, EXIT_BAD_INPUT = 1, 2
BAD_INPUT_ERRORS = (ImageFormatError,)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cmis-tools")
def cli() -> None:
    """Read, decode and provision CMIS 5.x transceivers (QSFP-DD, OSFP)."""


cli.add_command(decode)


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the group, turning every failure into one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="cmis", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.exceptions.Abort:
        return _fail("aborted", EXIT_FAILED)
    except click.UsageError as err:
        hint = f" (see: cmis {err.ctx.command_path.split(' ', 1)[-1]} --help)" if err.ctx else ""
        return _fail(f"{err.format_message()}{hint}", EXIT_BAD_INPUT)
    except click.ClickException as err:
        return _fail(err.format_message(), err.exit_code)
    except BAD_INPUT_ERRORS as err:
        return _fail(str(err), EXIT_BAD_INPUT)
    except CmisError as err:
        return _fail(str(err), EXIT_FAILED)
    return 0


def _fail(message: str, code: int) -> int:
    click.echo(f"cmis: error: {message}", err=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
