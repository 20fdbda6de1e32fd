"""FieldTree: the decoded fields of a page as a tree; leaves carry their FieldSpan (bytes, bits)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from cmis.codec.layout import FieldSpan


def where(span: FieldSpan) -> str:
    """ "byte 206 bits 3-1" or "bytes 154-169": where the field lives."""
    at = f"byte {span.first}" if span.first == span.last else f"bytes {span.first}-{span.last}"
    if span.bit_hi is None:
        return at
    bits = (
        f"bit {span.bit_hi}" if span.bit_hi == span.bit_lo else f"bits {span.bit_hi}-{span.bit_lo}"
    )
    return f"{at} {bits}"


def shown(value: Any) -> str:
    """A value as a user reads it: enum names, rounded units, lists and bytes compactly."""
    if isinstance(value, list):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, IntEnum):
        return value.name
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, bytes):
        return value.hex(" ") if len(value) <= 8 else value[:8].hex(" ") + " ..."
    return str(value)


class FieldTree(Tree[FieldSpan]):
    """Built once per page (``load``); ``update_values`` relabels leaves in place."""

    def __init__(self, **kwargs) -> None:
        super().__init__("fields", **kwargs)
        self.show_root = False
        self.leaves: dict[str, TreeNode[FieldSpan]] = {}

    def load(self, spans: list[FieldSpan], values: dict[str, str]) -> None:
        self.clear()
        self.leaves, groups = {}, {"": self.root}
        for span in spans:
            parent = self._group(groups, span.path.rsplit(".", 1)[0] if "." in span.path else "")
            node = parent.add_leaf(self._label(span, values.get(span.path)), data=span)
            self.leaves[span.path] = node

    def _group(self, groups: dict[str, TreeNode[FieldSpan]], path: str) -> TreeNode[FieldSpan]:
        if path not in groups:
            parent = self._group(groups, path.rsplit(".", 1)[0] if "." in path else "")
            groups[path] = parent.add(Text(path.rsplit(".", 1)[-1]), expand=False)
        return groups[path]

    def update_values(self, values: dict[str, str]) -> None:
        """Relabel each leaf with its value as the page model words it (lanes, enum names)."""
        for path, node in self.leaves.items():
            if node.data is not None:
                node.set_label(self._label(node.data, values.get(path)))

    @staticmethod
    def _label(span: FieldSpan, value: str | None) -> Text:
        unit = f" {span.unit}" if span.unit and span.unit != "code" else ""
        shown_value = "?" if value is None else value
        return Text.assemble(f"{span.name} = {shown_value}{unit}  ", (f"({where(span)})", "dim"))

    def reveal(self, path: str) -> None:
        """Expand the parents of ``path`` and put the cursor on it."""
        node = self.leaves.get(path)
        if node is None:
            return
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self.move_cursor, node)
