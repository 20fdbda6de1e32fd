"""Benchmark: decode lower + 00h + 01h + 02h + 10h + 11h, construct vs the fast decoder.

In one run: construct interpreted, construct compiled (the baseline), the fast decoder with every
leaf read (so laziness cannot cheat), and ``module_report`` on the sample image as shipped (fast
decoder) and, for reference, with construct's parse put back. Prints figure, baseline, ratio and
target (report <= 200 us and >= 5x faster than the compiled parse of the same six pages), and
writes ``.bench/codec.json``; the previous file's figures are shown for comparison. Times are the
best of a few repeats (the machine is shared). Not a test: run ``make bench``.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from unittest import mock

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmis.codec.fast import fast_for
from cmis.codec.pages.registry import LOWER, struct_for
from cmis.codec.report import module_report
from cmis.images import MemoryImage

ROOT = Path(__file__).resolve().parents[2]
PAGES = [LOWER, 0x00, 0x01, 0x02, 0x10, 0x11]
ROUNDS, REPEATS = 400, 3
SPEEDUP_TARGET, REPORT_TARGET_US = 5.0, 200.0
Image = dict[object, bytes]


def _images(count: int) -> list[Image]:
    rng = random.Random(1)
    return [{p: rng.randbytes(128) for p in PAGES} for _ in range(count)]


def _paths(value: Any, prefix: str) -> Iterator[str]:
    """Python access paths of every leaf of a parsed page (``p.ACS.DPConfigLane[3].AppSelCode``)."""
    if isinstance(value, dict):
        for key in value:
            if not key.startswith("_"):
                yield from _paths(value[key], f"{prefix}.{key}")
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, item in enumerate(value):
            yield from _paths(item, f"{prefix}[{i}]")
    else:
        yield prefix


def _every_leaf(page: object) -> Callable[[Any], tuple]:
    """A function reading every leaf of a parsed ``page`` by attribute, as a caller would."""
    paths = ", ".join(_paths(struct_for(page).parse(bytes(128)), "p"))
    return eval(f"lambda p: ({paths},)")  # noqa: S307 - built from our own field names


def _decoder(kind: str) -> Callable[[Image], list]:
    if kind == "fast":
        parsers = {p: fast_for(p).parse for p in PAGES}
        leaves = {p: _every_leaf(p) for p in PAGES}
        return lambda image: [leaves[p](parsers[p](image[p], bias_multiplier=2)) for p in PAGES]
    structs = {p: struct_for(p).compile() if kind == "compiled" else struct_for(p) for p in PAGES}
    return lambda image: [structs[p].parse(image[p], bias_multiplier=2) for p in PAGES]


def _best_us(action: Callable[[], object], count: int, repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(count):
            action()
        best = min(best, (time.perf_counter() - start) / count)
    return best * 1e6


def _per_image(kind: str, images: list[Image], repeats: int = REPEATS) -> float:
    decode, it = _decoder(kind), iter(images * repeats)
    return _best_us(lambda: decode(next(it)), len(images), repeats)


def _construct_report() -> ExitStack:
    """The report's users of the fast decoder handed construct's Structs instead (for reference)."""
    stack = ExitStack()
    for user in ("cmis.codec.report", "cmis.codec.report_lanes", "cmis.codec.applications"):
        stack.enter_context(mock.patch(f"{user}.fast", lambda struct: struct))
    return stack


def measure() -> dict[str, float]:
    images = _images(ROUNDS)
    start = time.perf_counter()
    for page in PAGES:
        fast_for(page)
    derive_ms = (time.perf_counter() - start) * 1e3
    sample = MemoryImage.load(ROOT / "samples" / "osfp-800g-dr8.bin")
    report = module_report(sample)
    with _construct_report():
        assert module_report(sample) == report, "the fast decoder changed the report"
        construct_report = _best_us(lambda: module_report(sample), 100)
    return {
        "interpreted_us": _per_image("interpreted", images[:100], 1),
        "compiled_us": _per_image("compiled", images),
        "fast_full_us": _per_image("fast", images),
        "report_construct_us": construct_report,
        "report_us": _best_us(lambda: module_report(sample), 1000),
        "fast_derive_ms": derive_ms,
    }


def main() -> None:
    out = ROOT / ".bench" / "codec.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    r = measure()
    base = r["compiled_us"]
    print("6 pages (lower,00h,01h,02h,10h,11h); baseline = construct compiled parse, same run")
    for key, label in (
        ("interpreted_us", "construct interpreted parse"),
        ("compiled_us", "construct compiled parse"),
        ("fast_full_us", "fast, parse + read every leaf"),
    ):
        was = f"  (last run {previous[key]:.1f})" if key in previous else ""
        print(f"  {label:32} {r[key]:8.1f} us  {base / r[key]:5.2f}x baseline{was}")
    print(f"  fast speed-up {base / r['fast_full_us']:.2f}x, target >= {SPEEDUP_TARGET:.0f}x")
    print("module_report on samples/osfp-800g-dr8.bin (what `cmis decode --json` computes)")
    print(f"  with construct's parse (reference) {r['report_construct_us']:8.1f} us")
    rep = r["report_us"]
    print(f"  as shipped (fast decoder) {rep:15.1f} us  target <= {REPORT_TARGET_US:.0f} us"
          f"  ({rep / REPORT_TARGET_US:.2f} x target)")  # fmt: skip
    print(f"  vs construct compiled parse of the 6 pages: {base / rep:.2f}x faster,"
          f" target >= {SPEEDUP_TARGET:.0f}x")  # fmt: skip
    print(f"one-time derivation of the 6 fast decoders: {r['fast_derive_ms']:.0f} ms")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(r, indent=2) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
