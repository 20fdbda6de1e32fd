"""Plain hex rows: ``hexdump -C`` / ``xxd`` of an optoe file, ``ADDR: xx ..`` rows, any row
layout with an address and 16 hex bytes (the generic row parser every text format falls back to).
"""

from __future__ import annotations

import re

from cmis.errors import ImageFormatError
from cmis.images.readers.common import TOKEN, Values, glyph, token_bytes

# rows: 0x0080: (ethtool), 00000080 (sfputil, hexdump -C), 00000080: (xxd), 80: (i2cdump)
ROW = re.compile(
    r"\s*(?:0x(?P<x>[0-9a-f]{1,8}):?|(?P<long>[0-9a-f]{8}):?|(?P<short>[0-9a-f]{2,7}):)(?=\s|$)",
    re.I,
)


def parse_row(line: str, where: str, strict: bool) -> tuple[int, Values] | None:
    """(address, bytes) of a hex row; None for prose; junk in a row is an error when strict."""
    match = ROW.match(line)
    if match is None:
        return None
    hex_text, bar, _ = line[match.end() :].partition("|")
    values, junk = _hex_area(hex_text, ascii_may_follow=not bar)
    if junk and (bar or not values or not _is_ascii_column(junk, values)):
        if not strict:
            return None
        raise ImageFormatError(
            f"{where}: expected 16 hex bytes after the address, found {junk.split()[0][:40]!r}"
        )
    return int(match["x"] or match["long"] or match["short"], 16), values


def _hex_area(text: str, ascii_may_follow: bool) -> tuple[Values, str]:
    """The bytes at the start of ``text`` and what follows them (an ASCII column or junk)."""
    values: Values = []
    end = 0
    for token in TOKEN.finditer(text):
        cells = token_bytes(token[0])
        # without |...| bars, 2+ spaces end the hex area (sfputil's mid-row gap excepted)
        gap_ends = ascii_may_follow and values and token.start() - end > 1 and len(values) != 8
        if cells is None or gap_ends:
            return values, text[token.start() :]
        values += cells
        end = token.end()
    return values, ""


def _is_ascii_column(text: str, values: Values) -> bool:
    """True if ``text`` is how dump tools render ``values`` as characters."""
    expected = "".join(glyph(value) for value in values).strip(" ")
    shown = text.strip()
    return len(shown) == len(expected) and all(map(_glyph_matches, shown, expected))


def _glyph_matches(shown: str, expected: str) -> bool:
    # tools print "." (some "?", i2cdump "X" for failed reads) for what is not printable
    return shown == expected or shown == "." or (expected == "\0" and shown in "?X")
