"""Page 14h (banked), bytes 128-255: diagnostics flags and results (CMIS-DIAG-VDM.md 2.6).

Bytes 192-255 hold what DiagnosticsSelector asks for; they stay raw here and
``cmis.codec.diag`` decodes each selector's block (little-endian counters, F16 BER).
"""

from __future__ import annotations

from construct import BitStruct, Flag, Int8ub, Struct

from cmis.codec.diag import Selector
from cmis.codec.fields import Enum8, Reserved, ReservedBits

FLAG_NAMES = tuple(
    f"{side}{what}Flag"
    for what in ("GatingComplete", "GeneratorLOL", "CheckerLOL")
    for side in ("Host", "Media")
)  # bytes 134-139, clear-on-read lane bitmaps

Page14h = Struct(
    "DiagnosticsSelector" / Enum8(Selector) * "module writes 0 back for a value it lacks",
    "reserved_129" / Reserved(1),
    "custom_130" / Reserved(2),
    "ClockFlags" / BitStruct("RefClockLossFlag" / Flag, "reserved_132_b6_0" / ReservedBits(7)),
    "reserved_133" / Reserved(1),
    *(name / Int8ub for name in FLAG_NAMES),
    "reserved_140" / Reserved(52),
    "DiagnosticsData" / Reserved(64) * "meaning per DiagnosticsSelector",
)
