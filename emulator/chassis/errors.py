"""ChassisError (a bad port name, file, fault or access: one line for a user) and Where."""

from __future__ import annotations

from typing import Any

from cmis.errors import cut
from emulator.errors import EmulatorError


class ChassisError(EmulatorError, ValueError):
    """Bad chassis input or an access the cage cannot serve; nothing was changed."""


class Where:
    """Names the place in the file an error is about."""

    def __init__(self, file: str, table: str = "", index: int = 0) -> None:
        self.file, self.table, self.index = file, table, index

    def at(self, table: str, index: int) -> Where:
        return Where(self.file, table, index)

    def fail(self, key: str, problem: str) -> ChassisError:
        where = f"[[{self.table}]] #{self.index}: " if self.table else ""
        return ChassisError(f"{self.file}: {where}{key}: {problem}")

    def get(
        self, table: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any
    ) -> Any:
        value = table.get(key, default)
        if value is not default and (isinstance(value, bool) != (kind is bool)
                                     or not isinstance(value, kind)):  # fmt: skip
            raise self.fail(key, f"{cut(value)} is not {_KINDS.get(kind, 'valid')}")
        return value


_KINDS: dict[Any, str] = {str: "a string", bool: "true or false", (int, float): "a number",
                          int: "an integer"}  # fmt: skip
