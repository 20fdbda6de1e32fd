"""Click parameter types: CMIS numbers (17, 0x11, 11h), lane lists and hex byte strings."""

from __future__ import annotations

import re
from typing import Any

import click

from cmis.errors import InputError
from cmis.host.lanes import parse_lanes
from cmis.numbers import parse_number


def parse_hex_bytes(text: str) -> bytes:
    """``"01 02"``, ``"0x01,0x02"`` or ``"0102"`` -> bytes; odd digits or junk is bad input."""
    tokens = [t.removeprefix("0x") for t in re.split(r"[\s,:]+", text.strip().lower()) if t]
    digits = "".join(tokens)
    if not digits or any(len(t) % 2 for t in tokens) or re.search(r"[^0-9a-f]", digits):
        raise InputError(f"{text!r} is not whole hex bytes (e.g. '01 ff' or 01ff)")
    return bytes.fromhex(digits)


class Number(click.ParamType):
    name = "number"

    def __init__(self, low: int = 0, high: int = 255) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = parse_number(str(value))
            except InputError as err:
                self.fail(str(err), param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"{number} is outside {self.low}-{self.high}", param, ctx)
        return number


class Lanes(click.ParamType):
    name = "lanes"

    def convert(self, value: Any, param: Any, ctx: Any) -> list[int]:
        if isinstance(value, list):
            return value
        try:
            return parse_lanes(str(value), limit=32)
        except InputError as err:
            self.fail(str(err), param, ctx)


class HexBytes(click.ParamType):
    name = "hexbytes"

    def convert(self, value: Any, param: Any, ctx: Any) -> bytes:
        try:
            return parse_hex_bytes(" ".join(value) if isinstance(value, tuple) else str(value))
        except InputError as err:
            self.fail(str(err), param, ctx)
