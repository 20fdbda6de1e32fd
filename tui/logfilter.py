"""Log filtering ("lane 3" finds "lanes 1-8") and saving the log for a vendor case."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from cmis.cli.output import atomic_write, check_output_path, json_line
from cmis.codec.lanelist import parse_lanes
from cmis.errors import InputError
from tui.eventlog import Entry

MAX_LANE = 16  # lanes are numbered across banks, as the CLI numbers them
_ASKED_LANE = re.compile(r"\blanes?\s*(\d+)\b", re.IGNORECASE)
_LANE_LISTS = re.compile(r"\blanes?\s+([\d][\d,\- ]*)", re.IGNORECASE)
JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")


class Query:
    """What the user typed: plain words must all appear; "lane N" must be among its lanes."""

    def __init__(self, text: str) -> None:
        asked = _ASKED_LANE.search(text)
        self.lane = int(asked.group(1)) if asked else None
        rest = _ASKED_LANE.sub(" ", text) if asked else text
        self.words = rest.lower().split()

    def __bool__(self) -> bool:
        return self.lane is not None or bool(self.words)

    def matches(self, entry: Entry) -> bool:
        text = entry.line().lower()
        if not all(word in text for word in self.words):
            return False
        return self.lane is None or self.lane in lanes_named(entry.text)


def lanes_named(text: str) -> set[int]:
    """Every lane a log line names: "lane 3", "lanes 1-4,6" (bad lists name nothing)."""
    found: set[int] = set()
    for match in _LANE_LISTS.finditer(text):
        listed = match.group(1).strip(" ,-")
        try:
            found.update(parse_lanes(listed, MAX_LANE))
        except InputError:
            continue
    return found


def save(entries: Iterable[Entry], path: str) -> Path:
    """Write ``entries`` to ``path``: JSON lines for .jsonl/.json, else text with dates.

    Bad paths raise InputError (nothing written), a failed write CmisError (nothing left).
    """
    target = check_output_path(path)
    if target.suffix.lower() in JSON_SUFFIXES:
        lines = [json_line(entry.record()) for entry in entries]
    else:
        lines = [entry.line(date=True) for entry in entries]
    atomic_write(target, "".join(line + "\n" for line in lines).encode())
    return target
