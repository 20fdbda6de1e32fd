"""Named fields (``11h.DPStateHostLane``, ``lower.ModuleGlobalControls.LowPwrRequestSW``): where
they live, derived from the page Structs (``cmis.codec.layout``); unknown names get suggestions.

A name is ``PAGE.PATH``: PAGE is ``lower`` (bytes 0-127) or an upper page (``11h``, ``0x11``,
``17``); PATH is a ``cmis.codec.layout`` path, a prefix of some (``ApplicationDescriptors[9]``),
or a specs/fields.csv name (``LowPwrRequestSW``, which drops the bit group).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from construct import Array, Construct

from cmis.codec.layout import FieldSpan, _is_bitstruct, _unwrap, walk
from cmis.codec.numbers import parse_number
from cmis.codec.pages.registry import LOWER, UPPER_PAGES, base_of, struct_for
from cmis.errors import InputError

Step = str | int


@dataclass(frozen=True)
class FieldRef:
    """A resolved name: its leaves (one for a leaf field), the parse path and the leaf construct."""

    page: int | str  # LOWER or an upper page number
    path: str
    spans: tuple[FieldSpan, ...]
    steps: tuple[Step, ...]
    leaf: Construct | None  # None when the name is a group of fields

    @property
    def name(self) -> str:
        return f"{page_text(self.page)}.{self.path}"

    @property
    def first(self) -> int:
        return min(s.first for s in self.spans)

    @property
    def last(self) -> int:
        return max(s.last for s in self.spans)

    @property
    def register_page(self) -> int:
        """The page to select for the access (lower memory is read with any page: 0)."""
        return 0 if self.page == LOWER else int(self.page)


def page_text(page: int | str) -> str:
    return LOWER if page == LOWER else f"{int(page):02X}h"


def resolve(name: str) -> FieldRef:
    """The field ``name`` names; InputError with the closest names when there is none."""
    page_part, dot, path = name.partition(".")
    page = _page(page_part, name)
    if not dot or not path:
        raise InputError(f"field {name!r}: expected PAGE.FIELD, e.g. 11h.DPStateHostLane")
    path = _by_spec_name(page, path)
    spans = tuple(s for s in spans_of(page) if _under(s.path, path))
    if not spans:
        raise InputError(f"field {name!r}: no such field{_suggest(name)}")
    steps, leaf = _navigate(page, path)
    is_leaf = len(spans) == 1 and spans[0].path == path
    return FieldRef(page, path, spans, steps, leaf if is_leaf else None)


def _page(text: str, name: str) -> int | str:
    text = text.strip().lower()
    if text == LOWER:
        return LOWER
    try:
        page = parse_number(text)
    except InputError:
        page = -1
    if page not in UPPER_PAGES:
        known = ", ".join([LOWER, *(page_text(p) for p in sorted(UPPER_PAGES) if p < 0xA0)])
        raise InputError(
            f"field {name!r}: page {text!r} has no field names (named: {known}, A0h-AFh); "
            f"use a raw offset instead (cmis read --page P OFFSET LENGTH)"
        )
    return page


@cache
def spans_of(page: int | str) -> tuple[FieldSpan, ...]:
    return tuple(walk(struct_for(page), base_of(page)))


def _under(leaf: str, path: str) -> bool:
    return leaf == path or leaf.startswith((path + ".", path + "["))


def _by_spec_name(page: int | str, path: str) -> str:
    """A specs/fields.csv name (bit group dropped) -> the layout path, when it is unique."""
    if any(s.path == path for s in spans_of(page)):
        return path
    found = {s.path for s in spans_of(page) if s.spec_name == path or s.name == path}
    return found.pop() if len(found) == 1 else path


@cache
def all_names() -> tuple[str, ...]:
    """Every leaf and group name of every page with a Struct (A1h-AFh are like A0h: left out)."""
    names: set[str] = set()
    pages: list[int | str] = [LOWER, *(p for p in UPPER_PAGES if p <= 0xA0)]
    for page in pages:
        for span in spans_of(page):
            parts = re.split(r"(?=[.\[])", span.path)
            names.update(
                f"{page_text(page)}.{''.join(parts[:k])}".replace(".[", "[")
                for k in range(1, len(parts) + 1)
            )
    return tuple(sorted(names))


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, all_names(), n=3, cutoff=0.6)
    if not close:
        folded = name.lower()
        close = [n for n in all_names() if folded.split(".")[-1] in n.lower()][:3]
    return f" (did you mean {', '.join(close)}?)" if close else " (see cmis decode for names)"


def _navigate(page: int | str, path: str) -> tuple[tuple[Step, ...], Construct]:
    """Container keys/list indexes from the parsed page to ``path``, and the construct there."""
    con: Construct = struct_for(page)
    steps: list[Step] = []
    for token in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        con, _ = _unwrap(con)
        con = con.subcon if _is_bitstruct(con) else con
        if token.startswith("["):
            assert isinstance(con, Array)
            steps.append(int(token[1:-1]) - getattr(con, "first_index", 1))
            con = con.subcon
        else:
            con = next(sub for sub in con.subcons if sub.name == token)
            steps.append(token)
    return tuple(steps), _unwrap(con)[0]
