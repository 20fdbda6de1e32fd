"""Bounded, safe YAML with line numbers: the data and, for every key path, its line.

A profile is a few KB of plain mappings, lists and scalars, so ``read`` refuses (ProfileError,
``FILE:LINE: key: reason``) files over MAX_BYTES, non-UTF-8 text, anchors and aliases (no alias
bombs), nesting deeper than MAX_DEPTH, non-scalar and duplicate keys, and - through ``check``,
while composing - the first key the caller does not allow, before reading further.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import yaml

from cmis.errors import InputError, cut, cut_path

Path = tuple[str | int, ...]
KeyCheck = Callable[[Path, str], str | None]  # (parent path, key) -> why it is refused, or None
MAX_BYTES = 256 * 1024
MAX_DEPTH = 16


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

    def error(self, path: Path, reason: str, line: int | None = None) -> ProfileError:
        where = ".".join(map(_step, path)).replace(".[", "[")
        at = line if line is not None else self.at(path)
        return ProfileError(f"{self.source}:{at}: {where or 'profile'}: {reason}")


def _step(part: str | int) -> str:
    if isinstance(part, int):
        return f"[{part}]"
    return part if part.isidentifier() and len(part) <= 40 else cut(part)


def read(path: str | os.PathLike[str], check: KeyCheck) -> tuple[Any, Lines]:
    """Read and parse the file at ``path``; at most MAX_BYTES are ever read."""
    source = cut_path(os.fspath(path))
    try:
        if not os.path.isfile(path):  # not a FIFO or device: opening those could block forever
            raise ProfileError(f"profile {source}: no such file")
        with open(path, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as err:  # too long a name, no permission, EIO
        raise ProfileError(f"profile {source}: cannot read it ({err.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise ProfileError(f"{source}: larger than {MAX_BYTES // 1024} KiB (a profile is a few KB)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, byte = raw[: err.start].count(b"\n") + 1, raw[err.start]
        raise ProfileError(f"{source}:{line}: not UTF-8 text (byte 0x{byte:02x})") from None
    return load(text, source, check)


def load(text: str, source: str, check: KeyCheck | None = None) -> tuple[Any, Lines]:
    """Parse ``text`` (named ``source`` in messages) into plain data and its line numbers."""
    where = Lines(source, {})
    try:  # the loader checks the characters as it is made: inside the try
        loader = _Loader(text, where, check or (lambda path, key: None))
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        raise ProfileError(f"{source}:{_line(err, text)}: YAML syntax: {_problem(err)}") from None
    return data, where


def _line(err: yaml.YAMLError, text: str) -> int:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    return text.count("\n", 0, getattr(err, "position", 0)) + 1  # a ReaderError: bad character


def _problem(err: yaml.YAMLError) -> str:
    return cut(getattr(err, "problem", None) or str(err).splitlines()[0], 80, quote=False)


class _Loader(yaml.SafeLoader):
    """SafeLoader's composer with the profile's bounds, tracking each node's key path."""

    def __init__(self, text: str, where: Lines, check: KeyCheck) -> None:
        super().__init__(text)
        self.where, self.check = where, check
        self.path: Path = ()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise self.where.error(self.path, "anchors and aliases (&, *) are not allowed", line)
        if len(self.path) > MAX_DEPTH:
            raise self.where.error(self.path[:MAX_DEPTH], f"nested deeper than {MAX_DEPTH} levels")
        self.where.lines.setdefault(self.path, line)
        return super().compose_node(parent, index)

    def compose_sequence_node(self, anchor: Any) -> Any:
        start = self.get_event()
        node = yaml.SequenceNode(self.resolve(yaml.SequenceNode, None, start.implicit), [],
                                 start.start_mark, None, flow_style=start.flow_style)  # fmt: skip
        if start.tag not in (None, "!"):
            node.tag = start.tag
        while not self.check_event(yaml.SequenceEndEvent):
            node.value.append(self._below(len(node.value), node))
        node.end_mark = self.get_event().end_mark
        return node

    def compose_mapping_node(self, anchor: Any) -> Any:
        start = self.get_event()
        node = yaml.MappingNode(self.resolve(yaml.MappingNode, None, start.implicit), [],
                                start.start_mark, None, flow_style=start.flow_style)  # fmt: skip
        if start.tag not in (None, "!"):
            node.tag = start.tag
        seen: set[str] = set()
        while not self.check_event(yaml.MappingEndEvent):
            key = self._key(seen)
            node.value.append((key, self._below(key.value, node)))
        node.end_mark = self.get_event().end_mark
        return node

    def _key(self, seen: set[str]) -> Any:
        """The next key, refused unless a new plain name the caller allows here."""
        event = self.peek_event()
        line = event.start_mark.line + 1
        if not isinstance(event, yaml.ScalarEvent) or event.anchor is not None:
            raise self.where.error(self.path, "keys must be plain names (no &, *, [ or {)", line)
        name = str(event.value)
        reason = "duplicate key" if name in seen else self.check(self.path, name)
        if reason is not None:
            raise self.where.error((*self.path, name), reason, line)
        seen.add(name)
        return self.compose_scalar_node(None)  # type: ignore[arg-type]  # the stub is wrong

    def _below(self, step: str | int, parent: Any) -> Any:
        outer, self.path = self.path, (*self.path, step)
        try:
            return self.compose_node(parent, step)
        finally:
            self.path = outer
