"""Guards around Textual library bugs that would otherwise kill the app (applied on import)."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

_move_page = OptionList._move_page


def _safe_move_page(self: OptionList, direction: Any) -> None:
    """PageUp/PageDown before the list has been laid out (ctrl+p then PageDown in one burst)
    finds Textual's line map empty and raised KeyError: there is no page to move yet."""
    if (self.highlighted or 0) not in self._index_to_line or not self._lines:
        return
    _move_page(self, direction)


OptionList._move_page = _safe_move_page  # type: ignore[method-assign]
