"""YAML with line numbers: the data (safe types only) and, for every key path, its line.

``load`` refuses syntax errors and duplicate keys with ``FILE:LINE: reason`` (ProfileError).
"""

from __future__ import annotations

from typing import Any

import yaml

from cmis.errors import InputError

Path = tuple[str | int, ...]


class ProfileError(InputError):
    """A profile that cannot be applied as written; nothing was written (exit 2)."""


class Lines:
    """Line numbers (1-based) of every mapping value and list item, by key path."""

    def __init__(self, source: str, lines: dict[Path, int]) -> None:
        self.source, self.lines = source, lines

    def at(self, path: Path) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def error(self, path: Path, reason: str) -> ProfileError:
        where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path)
        where = where.replace(".[", "[")
        return ProfileError(f"{self.source}:{self.at(path)}: {where or 'profile'}: {reason}")


def load(text: str, source: str) -> tuple[Any, Lines]:
    """Parse ``text`` (named ``source`` in messages) into plain data and its line numbers."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ProfileError(f"{source}:{line}: YAML syntax: {problem}") from None
    lines: dict[Path, int] = {}
    if node is not None:
        _collect(node, (), lines, source)
    return data, Lines(source, lines)


def _collect(node: yaml.Node, path: Path, lines: dict[Path, int], source: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                raise ProfileError(f"{source}:{key.start_mark.line + 1}: {name}: duplicate key")
            seen.add(name)
            _collect(value, (*path, name), lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect(item, (*path, index), lines, source)
