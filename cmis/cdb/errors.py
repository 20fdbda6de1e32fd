"""CDB errors: one exception per CdbStatus failure code, each saying what to do (CMIS.md 9.3)."""

from __future__ import annotations

from cmis.errors import CmisError


class CdbError(CmisError):
    """A CDB command failed; ``command`` is the CMDID and ``status`` the CdbStatus byte (if any)."""

    hint = "see reference/CMIS.md 9.3"

    def __init__(self, command: int, status: int | None, detail: str = "") -> None:
        what = f"CDB command {command:04X}h"
        code = f"status 0x{status:02X}" if status is not None else "no status"
        super().__init__(f"{what} failed ({code}{': ' + detail if detail else ''}); {self.hint}")
        self.command, self.status = command, status


class CdbFailed(CdbError):
    hint = "the module gave no specific reason (0x40 or a vendor code); read its firmware info"


class CdbUnknownCommand(CdbError):
    hint = "the module does not know this CMDID (0x41); check 0040h/0041h for what it supports"


class CdbParameterError(CdbError):
    hint = "a parameter or length is out of range or unsupported (0x42); check the advertisement"


class CdbNotAborted(CdbError):
    hint = "the previous command was not properly aborted (0x43); send Abort (0102h) and retry"


class CdbCheckTimeout(CdbError):
    hint = "the module timed out checking the command (0x44); retry it"


class CdbCheckCodeError(CdbError):
    hint = "the module computed a different CdbChkCode (0x45); the command was corrupted on the bus"


class CdbPasswordError(CdbError):
    hint = "the module wants a password (0x46); enter it (--password) and retry"


class CdbWrongState(CdbError):
    hint = "the command does not fit the module's state or sequence (0x47), e.g. no Start first"


class CdbTimeout(CdbError):
    hint = "the module stayed busy past its advertised maximum duration; it may be hung or slow"


class CdbReplyError(CdbError):
    hint = "the reply failed its RPLChkCode or length check; retry the command"


class CdbNotCaptured(CdbError):
    hint = "the module never took the command (status 00h: it reset or the page was wrong)"


class CdbAborted(CdbError):
    hint = "the command was stopped by CMD Abort (0004h) as asked; it took no effect"


class CdbUnsupported(CdbError):
    hint = "this module does not advertise what the operation needs (01h:163-166, 0041h)"


BY_STATUS: dict[int, type[CdbError]] = {
    0x41: CdbUnknownCommand,
    0x42: CdbParameterError,
    0x43: CdbNotAborted,
    0x44: CdbCheckTimeout,
    0x45: CdbCheckCodeError,
    0x46: CdbPasswordError,
    0x47: CdbWrongState,
}


def error_for(command: int, status: int, detail: str = "") -> CdbError:
    """The exception for a failed CdbStatus byte (bit 6 set): a precise class when defined."""
    return BY_STATUS.get(status, CdbFailed)(command, status, detail)
