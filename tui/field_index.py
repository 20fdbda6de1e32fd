"""FieldIndex: every field of every page (and bank) the module has, found by name or address."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cmis.codec.layout import FieldSpan, walk
from cmis.codec.pages.registry import LOWER, UPPER_PAGES, base_of, struct_for
from tui.goto import Target, parse_address

Key = int | str  # "lower" or an upper page number


@dataclass(frozen=True)
class Hit:
    """One field on one page and bank; ``label`` is how the results list and ``:`` name it."""

    page: Key
    bank: int
    span: FieldSpan

    @property
    def label(self) -> str:
        if self.page == LOWER:
            return f"lower:{self.span.first}  {self.span.path}"
        bank = f"{self.bank}:" if self.bank else ""
        return f"{bank}{int(self.page):02X}h:{self.span.first}  {self.span.path}"

    def target(self) -> Target:
        """Where Pages goes for this hit: its page and bank, cursor on it, the field selected."""
        number = 0 if self.page == LOWER else int(self.page)
        return Target("pages", number, self.bank, self.span.first, self.span.path)


@cache
def _spans(page: Key) -> tuple[FieldSpan, ...]:
    return tuple(s for s in walk(struct_for(page), base_of(page)))


class FieldIndex:
    """Lower memory plus each advertised page we can decode; pages 10h up once per bank."""

    def __init__(self, pages: list[str], banks: int) -> None:
        numbers = [int(p[:-1], 16) for p in pages if int(p[:-1], 16) in UPPER_PAGES]
        self.places: list[tuple[Key, int]] = [(LOWER, 0)] + [
            (n, b) for n in numbers for b in (range(max(banks, 1)) if n >= 0x10 else [0])
        ]

    def search(self, text: str, here: tuple[Key, int] = (LOWER, 0)) -> list[Hit]:
        """Fields named like ``text`` (best first, this page first among equals), or the
        fields at an address: ``130`` on every page, ``10h:130`` / ``1:10h:130`` on one."""
        word = text.strip()
        if not word:
            return []
        if word.isdigit():
            return self._at(int(word), self.places)
        address = parse_address(word)
        if address is not None:
            return self._at_target(address)
        return self._named(word.lower(), here)

    def _named(self, word: str, here: tuple[Key, int]) -> list[Hit]:
        ranked = []
        for order, (page, bank) in enumerate(self.places):
            for span in _spans(page):
                rank = _rank(span, word)
                if rank is not None:
                    elsewhere = (page, bank) != here
                    ranked.append(((rank, elsewhere, order, span.first), Hit(page, bank, span)))
        return [hit for _, hit in sorted(ranked, key=lambda pair: pair[0])]

    def _at(self, byte: int, places: list[tuple[Key, int]]) -> list[Hit]:
        return [
            Hit(page, bank, span)
            for page, bank in places
            for span in _spans(page)
            if span.first <= byte <= span.last
        ]

    def _at_target(self, target: Target) -> list[Hit]:
        if target.byte is not None and target.byte < 128:
            return self._at(target.byte, [(LOWER, 0)])
        places = [(p, b) for p, b in self.places if (p, b) == (target.page, target.bank)]
        if target.byte is None:
            return [Hit(p, b, span) for p, b in places for span in _spans(p)]
        return self._at(target.byte, places)


def _rank(span: FieldSpan, word: str) -> int | None:
    """0: the exact name, 1: a name starting with it, 2: anywhere in the path; None: no match."""
    name, path = span.name.lower(), span.path.lower()
    if name.startswith("reserved"):
        return None  # reserved bits are everywhere and nobody looks for them by name
    if word in (name, path):
        return 0
    if name.startswith(word) or path.startswith(word):
        return 1
    return 2 if word in path else None
