"""Pages edits: read-only bytes refused first, confirmed in words, verified by read-back."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from rich.text import Text
from textual.widgets import Static

from cmis.codec.layout import FieldSpan
from cmis.errors import InputError, cut
from tui.page_model import Edit, PageModel, write_verified
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.prompt_dialog import PromptDialog
from tui.widgets.field_tree import where
from tui.widgets.hex_view import HexView


class EditsMixin:
    """Mixed into PagesScreen (it supplies model, data, span, force and the screen methods)."""

    model: PageModel | None
    data: bytes | None
    span: FieldSpan | None
    force: bool
    app: Any
    query_one: Any
    notify: Any
    refuse: Any
    call: Any
    shared: Any

    def action_force(self) -> None:
        self.force = not self.force
        self._show_force()

    def _show_force(self) -> None:
        text = (
            ("force: ON for the next write to read-only bytes", "bold white on red")
            if self.force
            else ("read-only bytes protected (! to force one write)", "dim")
        )
        self.query_one("#force", Static).update(Text(*text))

    def _refused(self, first: int, last: int, what: str) -> bool:
        """Say no before asking for a value: the bytes are read-only and force is off."""
        model = self.model
        assert model is not None
        locked = sorted(set(range(first, last + 1)) & model.read_only())
        if locked and not self.force:
            self.refuse(
                f"{what} is read-only (byte {', '.join(map(str, locked[:4]))}); "
                "press ! to force one write if you really mean it"
            )
        return bool(locked) and not self.force

    def action_edit_byte(self) -> None:
        byte, model = self.query_one(HexView).cursor, self.model
        if self.data is None or model is None or self._refused(byte, byte, f"byte {byte}"):
            return
        current = self.data[byte - model.base]
        self.app.push_screen(
            PromptDialog(f"New value for byte {byte} (hex)", f"{current:02X}"),
            lambda text: self._byte(byte, text),
        )

    def _byte(self, byte: int, text: str | None) -> None:
        if text is None or self.data is None or self.model is None:
            return
        digits = text.strip().lower().removeprefix("0x").removesuffix("h")
        try:
            value = int(digits, 16)
        except ValueError:
            value = -1
        if not 0 <= value <= 255:
            self.refuse(f"{cut(text)} is not a byte value (00-FF)")
            return
        self.confirm(self.model.byte_edit(self.data, byte, value))

    def action_edit_field(self) -> None:
        span, model = self.span, self.model
        if span is None or model is None or self.data is None:
            self.notify("select a field in the tree first", severity="warning")
            return
        if self._refused(span.first, span.last, span.path):
            return
        value = model.values(self.data)[span.path]
        shown = model.text(span, value)
        if model.lane_mask(span):
            first = model.bank * 8 + 1
            hint = f"lanes {first}-{first + 7}, e.g. 3 or {first}-{first + 3}; none"
            shown = shown.removeprefix("lanes ").removeprefix("lane ")
        else:
            hint = _hint(value, span)
        self.app.push_screen(
            PromptDialog(f"Set {span.path} ({where(span)})", shown.strip("[]"), hint),
            lambda text: self._field(span, text),
        )

    def _field(self, span: FieldSpan, text: str | None) -> None:
        if text is None or self.data is None or self.model is None:
            return
        try:
            edit = self.model.field_edit(self.data, span, text)
        except InputError as err:
            self.refuse(str(err))
            return
        self.confirm(edit)

    def confirm(self, edit: Edit) -> None:
        if edit.old == edit.data:
            self.notify("nothing to write: the value is unchanged")
            return
        details = Text("\n".join(edit.lines()))
        if edit.read_only:
            details.append("\nFORCED write to read-only bytes", "bold red")
        self.app.push_screen(
            ConfirmDialog("Write these bytes?", details),
            lambda yes: self._write(edit) if yes else None,
        )

    def _write(self, edit: Edit) -> None:
        label = edit.what[0] if edit.what else edit.lines()[0]
        module = self.shared.session.module
        self.call(f"write {label}", write_verified, module, edit, self.force)
        if self.force:  # force is for one write: the next one is protected again
            self.force = False
            self._show_force()


def _hint(value: object, span: FieldSpan) -> str:
    if isinstance(value, IntEnum):
        return "one of: " + ", ".join(m.name for m in type(value))
    if isinstance(value, list):
        return f"{len(value)} values separated by commas"
    return f"value in {span.unit}" if span.unit and span.unit != "code" else "value"
