"""The module's firmware store: images A and B, running/committed, download, run and commit.

Never bricked: the committed image is always valid. A download writes only the image that is
neither running nor committed (Start refuses otherwise), Complete is the only way an image
becomes valid, and a reset or power loss before Commit boots the committed image.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from cmis.codec.codes import CdbStatus
from cmis.errors import CmisError
from cmis.firmware.image import FirmwareImageError, ImageHeader, parse_header
from emulator.cdb_config import CdbConfig
from emulator.firmware_vendor import parse_vendor_header

SLOT_NAMES = "AB"


class CommandFailed(CmisError):
    """A CDB command the module refuses: ``status`` is the CdbStatus failure code it reports."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"CDB status 0x{status:02X}: {reason}")
        self.status = status


@dataclass
class Image:
    """One firmware image slot."""

    version: tuple[int, int, int] = (0, 0, 0)
    text: str = ""
    valid: bool = False
    data: bytes = b""  # payload after the Start header, for Read Firmware Block (0105h)


@dataclass
class Download:
    """A download in progress into ``slot`` (volatile: a reset or power loss drops it)."""

    slot: int
    header: ImageHeader
    payload: bytearray
    written: int = 0
    complete: bool = False


@dataclass
class FirmwareStore:
    """Images A/B and the volatile download/run state; methods raise CommandFailed."""

    config: CdbConfig
    images: list[Image] = field(default_factory=list)
    running: int = 0
    committed: int = 0
    download: Download | None = None
    next_boot: int | None = None

    def __post_init__(self) -> None:
        if not self.images:
            self.images = [Image(tuple(i["version"]), i["text"], True) for i in self.config.images]

    @property
    def inactive(self) -> int:
        return 1 - self.running

    def start(self, size: int, header: bytes) -> None:
        """0101h: erase the inactive image and expect ``size`` bytes (header included)."""
        slot = self.inactive
        if slot == self.committed:
            raise CommandFailed(
                CdbStatus.FailedNotCompatible,
                f"image {SLOT_NAMES[slot]} is the committed boot image; commit the running image "
                "or reset first",
            )
        parsed = self._parse_start(size, header)
        self.images[slot] = Image()  # erased: invalid until Complete validates it
        payload = bytearray([self.config.erased_byte]) * parsed.length
        self.download = Download(slot, parsed, payload)

    def _parse_start(self, size: int, header: bytes) -> ImageHeader:
        own = self.config.start_payload_size
        try:
            if self.config.image_format == "vendor":
                parsed = parse_vendor_header(header, own)
            else:
                parsed = parse_header(header)
        except FirmwareImageError as err:
            raise CommandFailed(CdbStatus.FailedParameter, str(err)) from None
        if parsed.header_size != own or parsed.file_size != size:
            raise CommandFailed(
                CdbStatus.FailedParameter,
                f"image header size {parsed.header_size} / file size {parsed.file_size} do not "
                f"match StartCmdPayloadSize {own} / size {size}",
            )
        return parsed

    def write(self, address: int, data: bytes) -> None:
        """0103h/0104h: store a block at ``address`` (payload offset after the header)."""
        d = self._open_download("write a block")
        if not data or address + len(data) > len(d.payload):
            raise CommandFailed(
                CdbStatus.FailedParameter,
                f"block of {len(data)} bytes at {address} is outside the "
                f"{len(d.payload)}-byte image",
            )
        d.payload[address : address + len(data)] = data
        d.written += len(data)

    def complete(self) -> None:
        """0107h: validate the download; the image becomes valid only if its CRC matches."""
        d = self._open_download("complete")
        if not d.written:
            raise CommandFailed(CdbStatus.FailedNotCompatible, "no block was written since Start")
        d.complete = True
        if zlib.crc32(d.payload) != d.header.crc32:
            self.download = None
            raise CommandFailed(CdbStatus.Failed, "image CRC-32 mismatch: image left invalid")
        self.images[d.slot] = Image(d.header.version, d.header.text, True, bytes(d.payload))
        self.download = None

    def read(self, address: int, length: int) -> bytes:
        """0105h: bytes of the download in progress, else of the inactive image, at
        ``address`` (payload offset after the header, as for writes)."""
        d = self.download
        data = d.payload if d is not None else self.images[self.inactive].data
        if length <= 0 or address + length > len(data):
            raise CommandFailed(
                CdbStatus.FailedParameter,
                f"read of {length} bytes at {address} is outside the {len(data)}-byte image",
            )
        return bytes(data[address : address + length])

    def _open_download(self, what: str) -> Download:
        if self.download is None or self.download.complete:
            raise CommandFailed(CdbStatus.FailedNotCompatible, f"cannot {what}: no Start")
        return self.download

    def abort(self) -> None:
        """0102h: drop the download; the target image stays erased (invalid)."""
        self.download = None

    def run_target(self, mode: int) -> int:
        """0109h: the slot the module will boot for run ``mode`` (0/1 inactive, 2/3 running)."""
        if mode > 3:
            raise CommandFailed(CdbStatus.FailedParameter, f"run mode {mode} is not 0-3")
        if self.download is not None:
            raise CommandFailed(CdbStatus.FailedNotCompatible, "a download is in progress")
        slot = self.inactive if mode < 2 else self.running
        if not self.images[slot].valid:
            raise CommandFailed(
                CdbStatus.FailedNotCompatible, f"image {SLOT_NAMES[slot]} is not valid"
            )
        return slot

    def commit(self) -> None:
        """010Ah: the running image becomes the boot image."""
        if self.download is not None:
            raise CommandFailed(CdbStatus.FailedNotCompatible, "a download is in progress")
        self.committed = self.running

    def boot(self) -> None:
        """Reset: run ``next_boot`` (set by Run) or else the committed image."""
        self.running = self.committed if self.next_boot is None else self.next_boot
        self.next_boot, self.download = None, None

    def power_lost(self) -> None:
        """Power loss: volatile state is gone; a pending download leaves its image invalid."""
        self.next_boot, self.download = None, None
