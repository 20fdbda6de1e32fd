"""Pages: page/bank picker, hex view beside decoded fields (linked), edits with confirmation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Label, Select, Static, Tree

from cmis.codec.layout import FieldSpan
from tui.messages import WatchPage, WriteBytes
from tui.page_model import Edit, PageModel
from tui.protocols import AppState
from tui.screens.base import CmisScreen
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.prompt_dialog import PromptDialog
from tui.snapshot import Snapshot
from tui.widgets.field_tree import FieldTree, shown, where
from tui.widgets.hex_view import HexView


class PagesScreen(CmisScreen):
    """Hex cursor -> field in the tree; tree cursor -> field's bytes highlighted in the hex."""

    BINDINGS = [
        Binding("e", "edit_byte", "Edit byte"),
        Binding("E", "edit_field", "Edit field"),
        Binding("exclamation_mark", "force", "Force RO writes"),
    ]

    def __init__(self, shared: AppState) -> None:
        super().__init__(shared)
        self.model: PageModel | None = None
        self.data: bytes | None = None
        self.force = False
        self.span: FieldSpan | None = None

    def body(self) -> ComposeResult:
        with Horizontal(id="page-controls"):
            yield Label("Page:")
            yield Select(self._page_options(), value="11", allow_blank=False, id="page")
            yield Label("Bank:")
            yield Select(
                [(str(b), b) for b in range(max(self.shared.banks, 1))],
                value=0,
                allow_blank=False,
                id="bank",
            )
            yield Static("", id="force")
        with Horizontal(id="pages"):
            yield HexView(id="hex")
            yield FieldTree(id="fields")
        yield Static("", id="field-info", classes="panel")

    def _page_options(self) -> list[tuple[str, str]]:
        pages = [("lower (0-127)", "lower")]
        return pages + [(f"{p} (128-255)", p[:-1]) for p in self.shared.pages]

    def on_mount(self) -> None:
        self._select_page()
        self._show_force()
        self.query_one(HexView).focus()

    def _select_page(self) -> None:
        page = self.query_one("#page", Select).value
        bank = int(str(self.query_one("#bank", Select).value))
        key = "lower" if page == "lower" else int(str(page), 16)
        self.model = PageModel(key, bank, self.shared.parse_params)
        self.data, self.span = None, None
        self.query_one(FieldTree).load(self.model.spans, {})
        self.post_message(WatchPage(key, bank))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("page", "bank") and self.model is not None:
            self._select_page()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.model is not None:
            self.post_message(WatchPage(self.model.page, self.model.bank))

    def on_screen_suspend(self) -> None:
        self.post_message(WatchPage(None))

    def show(self, snap: Snapshot) -> None:
        view, model = snap.page, self.model
        if view is None or model is None or (view.page, view.bank) != (model.page, model.bank):
            return
        old, self.data = self.data, view.data
        changed = (
            {model.base + i for i, (a, b) in enumerate(zip(old, view.data, strict=True)) if a != b}
            if old
            else set()
        )
        self.query_one(HexView).show(model.base, view.data, changed, model.read_only())
        self.query_one(FieldTree).update_values(model.values(view.data))
        self._info()

    def on_hex_view_cursor_moved(self, message: HexView.CursorMoved) -> None:
        if self.model is None:
            return
        span = self.model.field_at(message.byte)
        if span is not None and span != self.span:
            self.query_one(FieldTree).reveal(span.path)
            self._highlight(span)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if isinstance(event.node.data, FieldSpan):
            self._highlight(event.node.data)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if isinstance(event.node.data, FieldSpan):
            self.action_edit_field()

    def _highlight(self, span: FieldSpan) -> None:
        self.span = span
        self.query_one(HexView).select_span(span.first, span.last)
        self._info()

    def _info(self) -> None:
        span, model = self.span, self.model
        if span is None or model is None or self.data is None:
            return
        value = shown(model.values(self.data).get(span.path))
        access = "read-only" if span.first in model.read_only() else "writable"
        self.query_one("#field-info", Static).update(
            Text.assemble(
                (span.path, "bold"),
                f" = {value} {span.unit if span.unit != 'code' else ''}\n",
                f"{where(span)}, {access}",
                f" — {span.doc}" if span.doc and span.doc != where(span) else "",
            )
        )

    def action_force(self) -> None:
        self.force = not self.force
        self._show_force()

    def _show_force(self) -> None:
        text = (
            ("force: ON — read-only bytes can be written", "bold white on red")
            if self.force
            else ("read-only bytes protected (! to force)", "dim")
        )
        self.query_one("#force", Static).update(Text(*text))

    def action_edit_byte(self) -> None:
        byte = self.query_one(HexView).cursor
        if self.data is None or self.model is None:
            return
        current = self.data[byte - self.model.base]
        self.app.push_screen(
            PromptDialog(f"New value for byte {byte} (hex)", f"{current:02X}"),
            lambda text: self._byte(byte, text),
        )

    def _byte(self, byte: int, text: str | None) -> None:
        if text is None or self.data is None or self.model is None:
            return
        try:
            value = int(text, 16)
            if not 0 <= value <= 255:
                raise ValueError
        except ValueError:
            self.notify(f"{text!r} is not a byte value (00-FF)", severity="error")
            return
        self.confirm(self.model.byte_edit(self.data, byte, value))

    def action_edit_field(self) -> None:
        span, model = self.span, self.model
        if span is None or model is None or self.data is None:
            self.notify("select a field in the tree first", severity="warning")
            return
        value = model.values(self.data)[span.path]
        hint = _hint(value, span)
        self.app.push_screen(
            PromptDialog(f"Set {span.path} ({where(span)})", shown(value).strip("[]"), hint),
            lambda text: self._field(span, text),
        )

    def _field(self, span: FieldSpan, text: str | None) -> None:
        if text is None or self.data is None or self.model is None:
            return
        try:
            edit = self.model.field_edit(self.data, span, text)
        except Exception as err:  # construct and conversion errors: say what was wrong
            self.notify(f"{span.name}: {err}", severity="error")
            return
        self.confirm(edit)

    def confirm(self, edit: Edit) -> None:
        if edit.old == edit.data:
            self.notify("nothing to write: the value is unchanged")
            return
        if edit.read_only and not self.force:
            self.refuse(
                f"refused: byte(s) {', '.join(map(str, edit.read_only))} are "
                "read-only; press ! to force if you really mean it"
            )
            return
        details = Text("\n".join(edit.lines()))
        if edit.read_only:
            details.append("\nFORCED write to read-only bytes", "bold red")
        self.app.push_screen(
            ConfirmDialog("Write these bytes?", details),
            lambda yes: self._write(edit) if yes else None,
        )

    def _write(self, edit: Edit) -> None:
        self.post_message(WriteBytes(edit, self.force))


def _hint(value: object, span: FieldSpan) -> str:
    from enum import IntEnum

    if isinstance(value, IntEnum):
        return "one of: " + ", ".join(m.name for m in type(value))
    if isinstance(value, list):
        return f"{len(value)} values separated by commas"
    return f"value in {span.unit}" if span.unit and span.unit != "code" else "value"
