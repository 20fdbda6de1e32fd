"""Reading a dump file safely: size-bounded, every OS error one short line naming the file.

A module image is at most a few hundred KB (a linear binary of every page CMIS defines with
4 banks is ~125 KB; a text dump of it ~5x that). Anything over ``MAX_DUMP_BYTES`` is refused
before it is read, so a wrong file (a log, a disk image, ``/dev/zero``) fails at once.
"""

from __future__ import annotations

import errno
import os
import stat

from cmis.errors import ImageFormatError

MAX_DUMP_BYTES = 4 * 1024 * 1024
SHOWN = 60  # characters of a path echoed in messages (the end: the file name matters)


def shown(path: str | os.PathLike[str]) -> str:
    """The path as messages show it: its last SHOWN characters, an ellipsis where cut."""
    text = os.fspath(path)
    return text if len(text) <= SHOWN else "..." + text[3 - SHOWN :]


def read_dump(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a dump file, at most MAX_DUMP_BYTES; ImageFormatError for anything else."""
    name = shown(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise ImageFormatError(f"{name}: is a directory, not a dump file")
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_DUMP_BYTES:
                raise _too_big(name, info.st_size)
            data = handle.read(MAX_DUMP_BYTES + 1)  # non-regular files: read one byte over
    except OSError as err:
        raise ImageFormatError(f"{name}: {_reason(err)}") from None
    if len(data) > MAX_DUMP_BYTES:
        raise _too_big(name, None)
    if not data:
        raise ImageFormatError(f"{name}: the file is empty; expected a module memory dump")
    return data


def _too_big(name: str, size: int | None) -> ImageFormatError:
    what = f"{size} bytes" if size is not None else "more than that"
    return ImageFormatError(
        f"{name}: {what} is too big for a module memory dump "
        f"(at most {MAX_DUMP_BYTES // 1024 // 1024} MiB)"
    )


def _reason(err: OSError) -> str:
    """A user's words for an OS error (no errno numbers, no repeated path)."""
    reasons = {
        errno.ENOENT: "no such file",
        errno.EISDIR: "is a directory, not a dump file",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EACCES: "permission denied",
        errno.EIO: "the file cannot be read (input/output error)",
    }
    return reasons.get(err.errno or 0, f"cannot read the file ({err.strerror or 'error'})")
