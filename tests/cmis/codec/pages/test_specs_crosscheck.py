"""The page Structs agree with specs/fields.csv, the independent second transcription."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from cmis.codec.layout import FieldSpan, walk
from cmis.codec.pages.registry import LOWER, base_of, struct_for

CSV_PATH = Path(__file__).parents[4] / "specs" / "fields.csv"
PAGES = {
    "lower": LOWER,
    "00h": 0x00,
    "01h": 0x01,
    "02h": 0x02,
    "04h": 0x04,
    "10h": 0x10,
    "11h": 0x11,
    "12h": 0x12,
    "13h": 0x13,
    "14h": 0x14,
    **{f"{page:02X}h": page for page in (*range(0x20, 0x2E), 0x2F)},
    "9Fh": 0x9F,
}
GAP = re.compile(r"^(reserved|custom)", re.IGNORECASE)
IGNORED_UNITS = {"", "code"}


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _span_key(first: int, last: int, hi: int | None, lo: int | None) -> tuple:
    return (first, last, hi, lo)


def _csv_rows(page: str) -> list[dict[str, str]]:
    with CSV_PATH.open(newline="") as f:
        return [row for row in csv.DictReader(f) if row["page"] == page]


def _row_key(row: dict[str, str]) -> tuple:
    first, _, last = row["bytes"].partition("-")
    bits = row["bits"]
    hi = lo = None
    if bits:
        h, _, low = bits.partition("-")
        hi, lo = int(h), int(low or h)
    return _span_key(int(first), int(last or first), hi, lo)


def _leaf_key(span: FieldSpan) -> tuple:
    return _span_key(span.first, span.last, span.bit_hi, span.bit_lo)


@pytest.mark.parametrize("page", PAGES)
def test_csv_covers_every_bit_once(page: str) -> None:
    base = base_of(PAGES[page])
    covered: dict[tuple[int, int], str] = {}
    for row in _csv_rows(page):
        first, last, hi, lo = _row_key(row)
        for byte in range(first, last + 1):
            for bit in range(lo if lo is not None else 0, (hi if hi is not None else 7) + 1):
                assert (byte, bit) not in covered, f"{page} {byte}.{bit}: {row['name']} overlaps"
                covered[(byte, bit)] = row["name"]
    assert set(covered) == {(b, i) for b in range(base, base + 128) for i in range(8)}


@pytest.mark.parametrize("page", PAGES)
def test_struct_fields_match_csv(page: str) -> None:
    leaves = {_leaf_key(s): s for s in walk(struct_for(PAGES[page]), base_of(PAGES[page]))}
    rows = {_row_key(r): r for r in _csv_rows(page)}
    problems = []
    for key, row in rows.items():
        if GAP.match(row["name"]):
            continue
        leaf = leaves.get(key)
        if leaf is None:
            problems.append(f"csv {row['bytes']}.{row['bits']} {row['name']}: no struct field")
        elif _norm(leaf.spec_name) != _norm(row["name"]):
            problems.append(f"{row['bytes']}.{row['bits']}: csv {row['name']} != {leaf.spec_name}")
        elif leaf.unit not in IGNORED_UNITS and row["unit"] and leaf.unit != row["unit"]:
            problems.append(f"{row['name']}: unit csv {row['unit']} != struct {leaf.unit}")
    for key, leaf in leaves.items():
        if not GAP.match(leaf.name) and key not in rows:
            problems.append(f"struct {leaf.path} {key}: not in csv")
    assert not problems, "\n".join(problems)
