"""The pages of an image beyond the module report (00h-02h, 10h, 11h): decoded or "not decoded".

Pages with a Struct (diagnostics 13h/14h, tunable laser 04h/12h, VDM) are listed field by
field; any other page is shown as its hex with "not decoded", never dropped or refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import Any, Protocol

from cmis.codec.pages.registry import UPPER_PAGES

REPORTED = frozenset({0x00, 0x01, 0x02, 0x10, 0x11})  # the module report covers these
_GAP = ("reserved", "custom", "_")


class PageSource(Protocol):
    def page_keys(self) -> list[tuple[int, int]]: ...

    def page(self, page: int, bank: int = 0) -> bytes: ...


def other_pages(image: PageSource) -> list[dict[str, Any]]:
    """One entry per further page held: ``fields`` when decoded, else ``hex`` and a note."""
    out = []
    for bank, page in image.page_keys():
        if page in REPORTED:
            continue
        raw = image.page(page, bank)
        entry: dict[str, Any] = {"page": f"{page:02X}h", "bank": bank}
        struct = UPPER_PAGES.get(page)
        if struct is None:
            entry.update(decoded=False, note="not decoded", hex=raw.hex())
        else:
            entry.update(decoded=True, fields=dict(_leaves(struct.parse(raw), "")))
        out.append(entry)
    return out


def _leaves(value: Any, prefix: str) -> Iterable[tuple[str, Any]]:
    """(dotted name, display value) of every named field, reserved and custom bytes left out."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not key.startswith(_GAP):
                yield from _leaves(item, f"{prefix}{key}.")
    elif isinstance(value, list) and value and isinstance(value[0], Mapping):
        for i, item in enumerate(value, 1):
            yield from _leaves(item, f"{prefix[:-1]}[{i}].")
    else:
        yield prefix[:-1], _shown(value)


def _shown(value: Any) -> Any:
    if isinstance(value, list):
        return [_shown(v) for v in value]
    if isinstance(value, IntEnum):
        return value.name
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, float):
        return round(value, 6)
    return value
