"""A vendor-style image format the emulated module checks and the host never parses.

Real vendors ship opaque files whose header only the module understands; a profile with
``image_format = "vendor"`` makes the emulator behave like that (specs/firmware-image.md).
Fields are little-endian on purpose, unlike OCFW, so no host code can read it by accident.
"""

from __future__ import annotations

import random
import zlib

from construct import Bytes, Int8ul, Int16ul, Int32ul, PaddedString, Struct

from cmis.firmware.image import FirmwareImageError, ImageHeader

VENDOR_MAGIC = b"\x7fVND"
VendorHeader = Struct(
    "magic" / Bytes(4),
    "length" / Int32ul * "payload bytes after the header",
    "crc32" / Int32ul * "zlib CRC-32 of the payload",
    "major" / Int8ul,
    "minor" / Int8ul,
    "build" / Int16ul,
    "text" / PaddedString(32, "ascii"),
    "header_crc32" / Int32ul * "CRC-32 of the 48 bytes above",
)
VENDOR_FIELDS = VendorHeader.sizeof()  # 52
_COVERED = VENDOR_FIELDS - 4


def parse_vendor_header(header: bytes, header_size: int) -> ImageHeader:
    """The module's view of a Start header; FirmwareImageError when it is not one of ours."""
    if len(header) < VENDOR_FIELDS or header[:4] != VENDOR_MAGIC:
        raise FirmwareImageError(f"unknown image header {header[:4].hex() or 'empty'}")
    v = VendorHeader.parse(header[:VENDOR_FIELDS])
    if zlib.crc32(header[:_COVERED]) != v.header_crc32:
        raise FirmwareImageError("image header CRC mismatch")
    return ImageHeader((v.major, v.minor, v.build), v.text, header_size, v.length, v.crc32)


def make_vendor_image(
    version: tuple[int, int, int] = (7, 2, 15),
    size: int = 16 * 1024,
    *,
    header_size: int = 64,
    seed: int = 0,
    defect: str | None = None,
) -> bytes:
    """A vendor-style file: header padded to ``header_size`` then ``size`` random bytes.

    ``defect``: ``crc`` flips a payload byte (refused at Complete), ``magic`` and ``header``
    break the header (refused at Start).
    """
    payload = bytearray(random.Random(seed).randbytes(size))
    major, minor, build = version
    fields = dict(magic=VENDOR_MAGIC, length=size, crc32=zlib.crc32(payload), major=major,
                  minor=minor, build=build, text=f"VENDOR {major}.{minor}.{build}")  # fmt: skip
    raw = bytearray(VendorHeader.build({**fields, "header_crc32": 0}))
    raw[_COVERED:] = zlib.crc32(raw[:_COVERED]).to_bytes(4, "little")
    if defect == "crc":
        payload[size // 2] ^= 0x01
    elif defect == "magic":
        raw[:4] = b"JUNK"
    elif defect == "header":
        raw[12] ^= 0xFF  # major changed after the header CRC was computed
    return bytes(raw) + bytes(header_size - VENDOR_FIELDS) + bytes(payload)
