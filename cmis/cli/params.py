"""Click parameter types: CMIS numbers (17, 0x11, 11h), finite floats, lanes and hex bytes."""

from __future__ import annotations

import math
import re
from typing import Any

import click

from cmis.codec.lanelist import parse_lanes
from cmis.codec.numbers import parse_number
from cmis.errors import InputError, cut


def parse_hex_bytes(text: str) -> bytes:
    """``"01 02"``, ``"0x01,0x02"`` or ``"0102"`` -> bytes; odd digits or junk is bad input."""
    tokens = [t.removeprefix("0x") for t in re.split(r"[\s,:]+", text.strip().lower()) if t]
    digits = "".join(tokens)
    if not digits or any(len(t) % 2 for t in tokens) or re.search(r"[^0-9a-f]", digits):
        raise InputError(f"{text!r} is not whole hex bytes (e.g. '01 ff' or 01ff)")
    return bytes.fromhex(digits)


def parse_finite(text: str, low: float, high: float) -> float:
    """A finite number in ``[low, high]`` (nan compares false, so a range alone lets it in)."""
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"{cut(text)} is not a number") from None
    if not math.isfinite(number):
        raise InputError(f"{cut(text)} is not a finite number ({low:g}-{high:g})")
    if not low <= number <= high:
        raise InputError(f"{number:g} is outside {low:g}-{high:g}")
    return number


class FiniteFloat(click.ParamType):
    """A finite float in ``[low, high]``: seconds, margins, rates."""

    name = "number"

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        try:
            return parse_finite(str(value), self.low, self.high)
        except InputError as err:
            self.fail(str(err), param, ctx)


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
