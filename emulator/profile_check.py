"""Typed look-ups into a profile's TOML data, whose errors name the profile, section and key."""

from __future__ import annotations

from typing import Any

from emulator.errors import ProfileError


class Checker:
    """Typed look-ups into the TOML data whose errors name the profile, section and key."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data

    def fail(self, where: str, problem: str) -> ProfileError:
        return ProfileError(f"profile {self.name}: {where} {problem}")

    def table(self, section: str) -> dict[str, Any]:
        if section.startswith("application["):
            return dict(self.list_of_tables("application")[int(section[12:-1])])
        value = self.data.get(section)
        if not isinstance(value, dict):
            raise self.fail(f"[{section}]", "is missing (add the section; see osfp-800g-dr8.toml)")
        return value

    def list_of_tables(self, section: str) -> list[dict[str, Any]]:
        value = self.data.get(section)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"[[{section}]]", "is missing or not an array of tables")
        return value

    def value(self, section: str, key: str) -> Any:
        table = self.table(section)
        if key not in table:
            raise self.fail(f"[{section}] {key}", "is missing")
        return table[key]

    def integer(
        self, section: str, key: str, lo: int = 0, hi: int = 1 << 32, choices: Any = None
    ) -> int:
        value = self.value(section, key)
        ok = isinstance(value, int) and not isinstance(value, bool)
        allowed = f"one of {sorted(choices)}" if choices else f"an integer {lo}-{hi}"
        if not ok or (value not in choices if choices else not lo <= value <= hi):
            raise self.fail(f"[{section}] {key}", f"must be {allowed}, got {value!r}")
        return int(value)

    def number(self, section: str, key: str, *, positive: bool = False) -> float:
        value = self.value(section, key)
        low = value <= 0 if positive else value < 0
        if isinstance(value, bool) or not isinstance(value, int | float) or low:
            bound = "> 0" if positive else ">= 0"
            raise self.fail(f"[{section}] {key}", f"must be a number {bound}, got {value!r}")
        return float(value)

    def thresholds(self, key: str) -> list[float]:
        """Four thresholds (high alarm, low alarm, high warning, low warning), nested in order."""
        value = self.value("thresholds", key)
        numbers = isinstance(value, list) and len(value) == 4
        if not numbers or not all(isinstance(v, int | float) for v in value):
            raise self.fail(f"[thresholds] {key}", f"must list 4 numbers, got {value!r}")
        high_alarm, low_alarm, high_warning, low_warning = value
        if not low_alarm <= low_warning <= high_warning <= high_alarm:
            raise self.fail(
                f"[thresholds] {key}",
                f"must be ordered low alarm <= low warning <= high warning <= high alarm, "
                f"got {value!r} (listed as high alarm, low alarm, high warning, low warning)",
            )
        return [float(v) for v in value]

    def lane_numbers(self, section: str, key: str, lanes: int, per_bank: int) -> list[float]:
        """One number per lane of the module, or ``per_bank`` that every bank repeats."""
        value = self.value(section, key)
        counts = sorted({per_bank, lanes})
        ok = isinstance(value, list) and len(value) in counts
        if not ok or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
            wanted = " or ".join(map(str, counts))
            raise self.fail(f"[{section}] {key}", f"must list {wanted} numbers, got {value!r}")
        return [float(v) for v in value] * (lanes // len(value))

    def flag(self, section: str, key: str) -> bool:
        value = self.value(section, key)
        if not isinstance(value, bool):
            raise self.fail(f"[{section}] {key}", f"must be true or false, got {value!r}")
        return value
