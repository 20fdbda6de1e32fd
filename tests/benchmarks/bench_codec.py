"""Benchmark: fully decode lower + 00h + 01h + 02h + 10h + 11h into typed values.

Compares construct's interpreted Structs with ``Struct.compile()`` in the same run and prints
the ratio. Not a test (no assertions on time): run ``make bench``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from cmis.pages.registry import LOWER, struct_for

PAGES = [LOWER, 0x00, 0x01, 0x02, 0x10, 0x11]
ROUNDS = 2000


def _images(count: int) -> list[dict[object, bytes]]:
    rng = random.Random(1)
    return [{p: bytes(rng.getrandbits(8) for _ in range(128)) for p in PAGES} for _ in range(count)]


def _decoder(compiled: bool) -> Callable[[dict[object, bytes]], list[object]]:
    structs = {p: struct_for(p).compile() if compiled else struct_for(p) for p in PAGES}

    def decode(image: dict[object, bytes]) -> list[object]:
        return [structs[p].parse(image[p], bias_multiplier=2) for p in PAGES]

    return decode


def _time(decode: Callable[[dict[object, bytes]], list[object]], images: list) -> float:
    start = time.perf_counter()
    for image in images:
        decode(image)
    return (time.perf_counter() - start) / len(images)


def main() -> None:
    images = _images(ROUNDS)
    compile_start = time.perf_counter()
    compiled = _decoder(True)
    compile_s = time.perf_counter() - compile_start
    interpreted = _decoder(False)
    assert compiled(images[0]) == interpreted(images[0]), "compiled and interpreted disagree"
    t_int = _time(interpreted, images)
    t_cmp = _time(compiled, images)
    print(f"full decode of 6 pages (lower,00h,01h,02h,10h,11h), {ROUNDS} random images")
    print(f"  interpreted: {t_int * 1e6:8.1f} us/module  ({1 / t_int:8.0f} modules/s)")
    print(f"  compiled:    {t_cmp * 1e6:8.1f} us/module  ({1 / t_cmp:8.0f} modules/s)")
    print(f"  compiled is {t_int / t_cmp:.2f}x faster; one-time compile cost {compile_s:.2f} s")


if __name__ == "__main__":
    main()
