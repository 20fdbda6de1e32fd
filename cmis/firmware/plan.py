"""What the host may check in a firmware file before download: any file goes, OCFW is checked.

Real hosts (ethtool, SONiC, FBOSS) treat the image as opaque: the first StartCmdPayloadSize
bytes go with Start, the rest as blocks. Only our own OCFW format is checked on the host; for
any other file the module is the judge, and the version after Run is compared with what the
user asked for (``--expect-version``), if anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmis.firmware.image import MAGIC, FirmwareImageError, check_image, check_size

Version = tuple[int, int, int]


@dataclass(frozen=True)
class DownloadPlan:
    """How a file will be sent and what the module should run afterwards."""

    size: int
    header_size: int
    expected: Version | None  # None: any version, as long as the downloaded image runs
    known_format: str | None  # "OCFW" or None (opaque)


def label(version: Version) -> str:
    return "{}.{}.{}".format(*version)


def plan_download(image: bytes, header_size: int, expect: Version | None = None) -> DownloadPlan:
    """Check ``image`` as far as the host can; FirmwareImageError (bad input) otherwise."""
    check_size(len(image))
    if len(image) <= header_size:
        raise FirmwareImageError(
            f"image is {len(image)} bytes; the module takes the first {header_size} bytes with "
            "Start (0041h byte 138) and needs more after them; is this the right file?"
        )
    if image[: len(MAGIC)] != MAGIC:
        return DownloadPlan(len(image), header_size, expect, None)
    header = check_image(image)
    if header.header_size != header_size:
        raise FirmwareImageError(
            f"image header is {header.header_size} bytes but the module takes "
            f"{header_size} with Start (0041h byte 138); rebuild the image for it"
        )
    if expect is not None and expect != header.version:
        raise FirmwareImageError(
            f"--expect-version {label(expect)} but the file is an OCFW image of version "
            f"{header.version_label}; pick the right file or drop --expect-version"
        )
    return DownloadPlan(len(image), header_size, header.version, "OCFW")
