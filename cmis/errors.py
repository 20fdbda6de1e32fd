"""One hierarchy of errors; messages say what was asked, what was found, what to do."""

from __future__ import annotations


class CmisError(Exception):
    """Base of every error this package raises on purpose."""


class TransportError(CmisError):
    """A bus access failed: NACK, device absent, timeout, bus fault (``errno`` when known)."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


class ReadOnlyError(CmisError):
    """A write was attempted on something that cannot be written (a saved image, an RO area)."""


class DecodeError(CmisError):
    """Bytes could not be decoded as the layout they were supposed to have."""


class ImageFormatError(CmisError):
    """A memory-image file could not be parsed; the message names the file, line and problem."""


class AddressError(CmisError, ValueError):
    """A bank/page/offset/length that is out of range for CMIS addressing."""


class MissingPageError(CmisError, LookupError):
    """A page (or lower memory) a memory image does not hold, e.g. page 01h of a flat module."""


class InputError(CmisError, ValueError):
    """Bad input from the user (a target, lane list, hex string...): nothing was done (exit 2)."""


class TargetError(InputError):
    """A target string that names no module we can open; the message lists what is allowed."""


class WriteRefusedError(InputError, ReadOnlyError):
    """A write to read-only or vendor bytes without ``force=True``; nothing was written."""


class ApplicationError(CmisError):
    """Provisioning failed on the module: a lane rejected its configuration or got stuck."""


class WaitTimeoutError(CmisError):
    """The module did not reach a state within the advertised time (plus margin)."""


ECHO_LIMIT = 40  # characters of a user's value repeated in a message; the rest is "..."


def cut(value: object, limit: int = ECHO_LIMIT, *, quote: bool = True) -> str:
    """``value`` as a message shows it (strings quoted by repr), at most ``limit`` characters."""
    text = repr(value) if quote and isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def cut_path(path: object, limit: int = 160) -> str:
    """A file name as messages show it: whole up to ``limit``, else "..." and its tail."""
    text = str(path)
    return text if len(text) <= limit else "..." + text[-(limit // 2) :]
