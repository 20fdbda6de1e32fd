"""make_firmware_image: valid OCFW images for the emulator, and deliberately broken ones."""

from __future__ import annotations

import random
import zlib
from typing import Literal

from cmis.firmware.image import DEFAULT_HEADER_SIZE, build_image

Defect = Literal["crc", "magic", "length", "truncated", "header"]
DEFECTS: tuple[Defect, ...] = ("crc", "magic", "length", "truncated", "header")


def make_firmware_image(
    version: tuple[int, int, int] = (3, 8, 0),
    size: int = 64 * 1024,
    *,
    text: str | None = None,
    header_size: int = DEFAULT_HEADER_SIZE,
    seed: int = 0,
    erased_fraction: float = 0.0,
    erased_byte: int = 0xFF,
    defect: Defect | None = None,
) -> bytes:
    """An image of ``size`` payload bytes (plus the header) that the emulator accepts.

    ``erased_fraction`` turns that share of 2 KiB blocks into ``erased_byte`` (skippable blocks).
    ``defect`` breaks it on purpose: ``crc`` (payload byte flipped after the CRC: rejected at
    Complete), ``truncated`` (last 100 bytes missing: rejected before download by a host, at
    Complete by the module), ``length`` (header length off by one: rejected at Start),
    ``magic`` / ``header`` (garbage or damaged header: rejected at Start).
    """
    payload = bytearray(random.Random(seed).randbytes(size))
    _erase(payload, erased_fraction, erased_byte, seed)
    label = text if text is not None else "OPENCMIS {}.{}.{}".format(*version)
    image = bytearray(build_image(version, bytes(payload), text=label, header_size=header_size))
    return bytes(_break(image, header_size, defect)) if defect else bytes(image)


def _erase(payload: bytearray, fraction: float, erased: int, seed: int) -> None:
    rng = random.Random(seed + 1)
    for start in range(0, len(payload), 2048):
        if rng.random() < fraction:
            end = min(start + 2048, len(payload))
            payload[start:end] = bytes([erased]) * (end - start)


def _break(image: bytearray, header_size: int, defect: Defect) -> bytearray:
    if defect == "crc":
        image[header_size + len(image[header_size:]) // 2] ^= 0x01
    elif defect == "truncated":
        del image[-100:]
    elif defect == "magic":
        image[:4] = b"JUNK"
    elif defect == "header":
        image[6] ^= 0xFF  # major version changed after the header CRC was computed
    elif defect == "length":
        length = int.from_bytes(image[10:14]) + 1
        image[10:14] = length.to_bytes(4, "big")
        image[52:56] = zlib.crc32(image[:52]).to_bytes(4, "big")  # a consistent but wrong header
    return image
