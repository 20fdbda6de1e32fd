"""Lane lists as users write them: ``"1-4,6"`` <-> ``[1, 2, 3, 4, 6]`` (CLI, TUI, messages)."""

from __future__ import annotations

from cmis.errors import InputError, cut


def parse_lanes(text: str, limit: int = 8) -> list[int]:
    """``"1-4,6"`` -> ``[1, 2, 3, 4, 6]``; lanes are 1..``limit``; anything else is bad input."""
    lanes: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        if not (first.isdigit() and (last.isdigit() if dash else not last)):
            raise InputError(
                f"lanes {cut(text)}: {cut(part)} is not a lane or range (use e.g. 1-4,6)"
            )
        low, high = int(first), int(last or first)
        if not 1 <= low <= high <= limit:
            raise InputError(f"lanes {cut(text)}: {cut(part)} is outside lanes 1-{limit}")
        lanes.update(range(low, high + 1))
    return sorted(lanes)


def format_lanes(lanes: list[int]) -> str:
    """``[1, 2, 3, 4, 6]`` -> ``"1-4,6"`` (the inverse of ``parse_lanes``); ``"none"`` if empty."""
    runs: list[list[int]] = []
    for lane in sorted(set(lanes)):
        if runs and lane == runs[-1][-1] + 1:
            runs[-1].append(lane)
        else:
            runs.append([lane])
    return ",".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) or "none"
