"""Output helpers shared by commands: JSON (finite, rounded) and the rich console."""

from __future__ import annotations

import json
import math
from typing import Any

from rich.console import Console

console = Console(highlight=False, markup=False)  # module data is never markup


def _clean(value: Any) -> Any:
    """JSON has no infinities; floats are rounded to 6 decimals (display precision, not data)."""
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def print_json(data: Any) -> None:
    print(json.dumps(_clean(data), indent=2))


def json_line(data: Any) -> str:
    """One compact JSON object (for streams: one per line)."""
    return json.dumps(_clean(data))
