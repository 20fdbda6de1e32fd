"""Page 00h upper, bytes 128-255: administrative information (reference/CMIS.md section 3)."""

from __future__ import annotations

from construct import BitsInteger, BitStruct, Bytes, Flag, Int8ub, Struct

from cmis.codec.codes import MediaInterfaceTechnology
from cmis.codec.fields import Ascii, Enum8, Reserved, ReservedBits
from cmis.codec.sff8024 import Connector, Identifier

CHECKSUM_RANGE = range(128, 222)  # byte 222 = low 8 bits of the plain sum of bytes 128-221

Page00h = Struct(
    "SFF8024IdentifierCopy" / Enum8(Identifier) * "byte 128, same as lower byte 0",
    "VendorName" / Ascii(16) * "bytes 129-144",
    "VendorOUI" / Bytes(3) * "bytes 145-147, IEEE company ID",
    "VendorPN" / Ascii(16) * "bytes 148-163",
    "VendorRev" / Ascii(2) * "bytes 164-165",
    "VendorSN" / Ascii(16) * "bytes 166-181",
    "DateCode" / Ascii(8) * "bytes 182-189: YYMMDD + lot code",
    "CLEICode" / Ascii(10) * "bytes 190-199, spaces when absent",
    "PowerClass"
    / BitStruct(
        "ModulePowerClass" / BitsInteger(3) * "0..7 = power class 1..8",
        "reserved" / ReservedBits(5),
    ),
    "MaxPower" / Int8ub * "byte 201, units of 0.25 W",
    "CableAssemblyLinkLength"
    / BitStruct(
        "CableAssemblyLinkLengthMultiplier" / BitsInteger(2) * "00 x0.1, 01 x1, 10 x10, 11 x100",
        "CableAssemblyLinkLengthBase" / BitsInteger(6) * "metres",
    ),
    "ConnectorType" / Enum8(Connector) * "byte 203, SFF-8024 Table 4-3",
    "CopperCableAttenuation5GHz" / Int8ub * "dB",
    "CopperCableAttenuation7GHz" / Int8ub,
    "CopperCableAttenuation12p9GHz" / Int8ub,
    "CopperCableAttenuation25p8GHz" / Int8ub,
    "CopperCableAttenuation53p125GHz" / Int8ub * "byte 208, CMIS 5.3 (reserved in 5.2)",
    "reserved_209" / Reserved(1),
    "MediaLaneInformation" / Int8ub * "byte 210, bit i = media lane i+1 NOT supported",
    "CableAssemblyInformation"
    / BitStruct(
        "reserved" / ReservedBits(3),
        "FarEndConfiguration" / BitsInteger(5) * "far-end breakout code",
    ),
    "MediaInterfaceTechnology" / Enum8(MediaInterfaceTechnology) * "byte 212",
    "SpiMciFlowControl"
    / BitStruct(
        "SpiMciFlowControlEncoding" / Flag * "CMIS 5.3: 0 byte count, 1 duration",
        "SpiMciFlowControlValue" / BitsInteger(7),
    ),
    "reserved_214" / Reserved(7),
    "custom_221" / Reserved(1),
    "PageChecksum" / Int8ub * "byte 222",
    "custom_223" / Reserved(33),
)


def page_checksum(page: bytes, first: int, last: int) -> int:
    """Low 8 bits of the plain sum of ``page`` bytes ``first..last`` (CMIS byte numbers 128-255)."""
    return sum(page[first - 128 : last - 128 + 1]) & 0xFF


def checksum00(page: bytes) -> int:
    """The value byte 222 should hold for this 128-byte page 00h."""
    return page_checksum(page, CHECKSUM_RANGE.start, CHECKSUM_RANGE.stop - 1)


def verify00(page: bytes) -> bool:
    return checksum00(page) == page[222 - 128]
