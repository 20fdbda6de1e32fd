"""Our firmware image format (specs/firmware-image.md): a fixed-size header, then the payload."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from construct import Bytes, Int8ub, Int16ub, Int32ub, PaddedString, Padding, Struct

from cmis.errors import InputError

MAGIC = b"OCFW"
FORMAT = 1
MAX_IMAGE_SIZE = 16 * 1024 * 1024  # bytes; far above any module image, so a wrong file is caught
DEFAULT_HEADER_SIZE = 64  # what our profiles advertise as StartCmdPayloadSize (0041h byte 138)

HeaderFields = Struct(
    "magic" / Bytes(4) * "b'OCFW'",
    "format" / Int8ub * "1",
    "header_size" / Int8ub * "bytes before the payload = the module's StartCmdPayloadSize",
    "major" / Int8ub,
    "minor" / Int8ub,
    "build" / Int16ub,
    "length" / Int32ub * "payload bytes after the header",
    "crc32" / Int32ub * "zlib CRC-32 of the payload",
    "text" / PaddedString(32, "ascii") * "version string, NUL padded",
    Padding(2),
    "header_crc32" / Int32ub * "CRC-32 of the 52 bytes above",
)
FIELDS_SIZE = HeaderFields.sizeof()  # 56: the smallest header size an image can have
_CRC_COVERS = FIELDS_SIZE - 4


class FirmwareImageError(InputError):
    """A firmware image file does not have our format or does not fit the module."""


@dataclass(frozen=True)
class ImageHeader:
    """The decoded header of an image file."""

    version: tuple[int, int, int]
    text: str
    header_size: int
    length: int
    crc32: int

    @property
    def file_size(self) -> int:
        return self.header_size + self.length

    @property
    def version_label(self) -> str:
        return "{}.{}.{}".format(*self.version)


def build_image(
    version: tuple[int, int, int],
    payload: bytes,
    *,
    text: str = "",
    header_size: int = DEFAULT_HEADER_SIZE,
) -> bytes:
    """A complete image file: header padded to ``header_size``, then ``payload``."""
    if not FIELDS_SIZE <= header_size <= 255:
        raise FirmwareImageError(f"header size {header_size} must be {FIELDS_SIZE}-255 bytes")
    major, minor, build = version
    fields = dict(magic=MAGIC, format=FORMAT, header_size=header_size, major=major, minor=minor,
                  build=build, length=len(payload), crc32=zlib.crc32(payload),
                  text=text)  # fmt: skip
    raw = HeaderFields.build({**fields, "header_crc32": 0})
    raw = raw[:_CRC_COVERS] + zlib.crc32(raw[:_CRC_COVERS]).to_bytes(4, "big")
    return raw + bytes(header_size - FIELDS_SIZE) + payload


def parse_header(data: bytes) -> ImageHeader:
    """The header at the start of ``data``; FirmwareImageError says what is wrong with it."""
    if len(data) < FIELDS_SIZE or data[:4] != MAGIC:
        raise FirmwareImageError(
            f"not an OCFW firmware image: starts with {data[:4].hex() or 'nothing'}, expected "
            f"{MAGIC.hex()} ('OCFW'); build one with 'cmis fw make-image'"
        )
    v = HeaderFields.parse(data[:FIELDS_SIZE])
    if v.format != FORMAT or zlib.crc32(data[:_CRC_COVERS]) != v.header_crc32:
        raise FirmwareImageError(
            f"OCFW header is damaged (format {v.format}, header CRC mismatch or unknown format)"
        )
    return ImageHeader((v.major, v.minor, v.build), v.text, v.header_size, v.length, v.crc32)


def check_size(size: int) -> None:
    if size > MAX_IMAGE_SIZE:
        raise FirmwareImageError(
            f"image is {size} bytes, more than the {MAX_IMAGE_SIZE} bytes a module image may have "
            f"(MAX_IMAGE_SIZE); is this the right file?"
        )


def check_image(data: bytes) -> ImageHeader:
    """The header of a whole image file, after checking its length and payload CRC."""
    check_size(len(data))
    header = parse_header(data)
    if len(data) != header.file_size:
        raise FirmwareImageError(
            f"image is {len(data)} bytes but its header announces {header.file_size} "
            f"({header.header_size} header + {header.length} payload); the file is truncated "
            "or padded"
        )
    if zlib.crc32(data[header.header_size :]) != header.crc32:
        raise FirmwareImageError("image payload CRC-32 does not match its header; file corrupted")
    return header
