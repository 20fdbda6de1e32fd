"""Junos PICD tables (``show picd optics ... cmd info``): a title per page (``QSFP-DD Lower
Page``, ``QSFP-DD Upper Page 0x11``), an ``Addr 0 1 ... f`` header, a dashed rule, rows
``0x00   18   50 ...`` with wide columns, and in some captures raw ``0x00=1850...`` lines.

Under an upper-page title, row addresses 0x00-0x70 count from the start of the page.
"""

from __future__ import annotations

import re

from cmis.images.readers.common import Values, heading_window
from cmis.images.readers.engine import Parser

KIND = "junos"
TITLE = re.compile(
    r"\s*(?:QSFP-DD|QSFP\+?|OSFP|QSFP28|QSFP56)\s+(?:(?P<lower>lower\s+page)|(?:upper\s+)?page"
    r"\s+(?P<page>0x[0-9a-f]{1,2}|[0-9a-f]{1,2}h?))\s*:?\s*",
    re.I,
)
HEADER = re.compile(r"\s*Addr(?:ess)?(?:\s+[0-9a-f]){16}\s*", re.I)
RULE = re.compile(r"\s*-{16,}\s*")
ROW = re.compile(
    r"\s*0x(?P<address>[0-9a-f]{2,4})\s+(?P<cells>(?:[0-9a-f]{2}\s+){0,15}[0-9a-f]{2})\s*", re.I
)
RAW = re.compile(r"\s*0x(?P<address>[0-9a-f]{2,4})\s*=\s*(?P<hex>(?:[0-9a-f]{2}){1,16})\s*", re.I)


def title(parser: Parser, number_: int, line: str, where: str) -> bool:
    match = TITLE.fullmatch(line)
    if match is None:
        return False
    digits = (match["page"] or "0").lower().removeprefix("0x").removesuffix("h")
    page = int(digits, 16)
    parser.context(heading_window(0, page, where))
    parser.relative = not match["lower"]
    parser.open(KIND)
    parser.strict = True
    return True


def header(parser: Parser, number_: int, line: str, where: str) -> bool:
    if HEADER.fullmatch(line):
        if not parser.blocks or parser.blocks[-1].kind != KIND:
            parser.open(KIND)
    elif not RULE.fullmatch(line):
        return False
    parser.strict = True
    return True


def parse_row(line: str, where: str, strict: bool) -> tuple[int, Values] | None:
    """A table row (``0x10   00 00 ...``) or a raw line (``0x10=0000...``)."""
    if match := ROW.fullmatch(line):
        return int(match["address"], 16), [int(cell, 16) for cell in match["cells"].split()]
    if match := RAW.fullmatch(line):
        digits = match["hex"]
        return int(match["address"], 16), [
            int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)
        ]
    return None
