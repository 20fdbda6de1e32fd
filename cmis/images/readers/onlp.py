"""ONL/ONLP ``onlpdump`` SFP sections: an ``eeprom:`` line (after ``Port N:`` and ``key: value``
lines, which are prose) and then ``0000: 18 50 ...`` rows at optoe-linear offsets.
"""

from __future__ import annotations

import re

from cmis.images.readers.engine import Parser

EEPROM = re.compile(r"\s*(?:port\s*\d+\s*:?\s*)?eeprom\s*:\s*", re.I)


def eeprom(parser: Parser, number_: int, line: str, where: str) -> bool:
    """``eeprom:`` starts linear rows, whatever page an earlier section named."""
    if EEPROM.fullmatch(line) is None:
        return False
    parser.context()
    parser.open()
    parser.strict = True
    return True
